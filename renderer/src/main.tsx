import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

// app.css is linked from index.html rather than imported here: Vite then serves it as a file in
// dev too, where a CSS import would become an inline <style> that the CSP refuses.

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
