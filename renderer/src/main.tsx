// First, before any module builds a schema.
import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

// app.css is linked from index.html rather than imported here: Vite then serves it as a file in
// dev too, where a CSS import would become an inline <style> that the CSP refuses.

// react-aria adds an inline <style> (touch-action for pressable elements) unless an element with
// this id exists; the CSP would refuse it, so the rule is in app.css and this marks it present.
if (!document.getElementById('react-aria-pressable-style')) {
  const marker = document.createElement('meta');
  marker.id = 'react-aria-pressable-style';
  document.head.append(marker);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
