import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// The whole app renders per test; under a loaded machine the first screen can take a while.
configure({ asyncUtilTimeout: 5000 });
// A test waits for several screens, each allowed the 5 s above: a whole test held to Vitest's
// default 5 s failed on a busy 2-core machine (with the old in-memory fake too) while every
// wait in it was met. Each wait still fails on its own after 5 s.
vi.setConfig({ testTimeout: 20_000 });

// jsdom has no CSS.escape; react-aria uses it to look up meta tags.
const g = globalThis as { CSS?: { escape?: (s: string) => string } };
if (!g.CSS?.escape) g.CSS = { ...(g.CSS ?? {}), escape: (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`) };

const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');

beforeEach(() => {
  // jsdom lays nothing out: give list viewports a height so there is a window of rows to fill.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true, get() { return (this as HTMLElement).classList.contains('vgrid-body') ? 600 : 0; },
  });
  window.localStorage.clear();
  delete (window as Partial<Window>).casefile;
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  cleanup();
  document.body.innerHTML = '';
});

/** Works as `as` from the start, skipping the profile picker. */
export function workAs(id: string, hash = '#/cases'): void {
  window.localStorage.setItem('casefile.profileId', id);
  window.history.replaceState(null, '', `/${hash}`);
}

/** Scrolls a virtualized grid the way a wheel would (jsdom does not scroll by itself). */
export function scrollGrid(grid: HTMLElement, top: number): void {
  const body = grid.querySelector('.vgrid-body') as HTMLElement;
  Object.defineProperty(body, 'scrollTop', { configurable: true, value: top });
  body.dispatchEvent(new Event('scroll'));
}
