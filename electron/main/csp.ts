/**
 * The renderer's Content-Security-Policy, in one place: main sends it as a response header,
 * and the build refuses a renderer/index.html whose meta tag says anything else.
 * No Electron import here: electron.vite.config.ts reads this file at build time.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  // The PDF viewer's pdf.js parses documents in a worker: only a worker script of our own build.
  "worker-src 'self'",
] as const;

/**
 * What the page's meta tag says. `frame-ancestors` is left out of it: browsers ignore that
 * directive in a meta tag (and log an error on every load); only the header enforces it.
 */
export const META_CSP: string = DIRECTIVES.join('; ');
/** What main sends as the response header: the meta policy plus what only a header can carry. */
export const CSP: string = `${META_CSP}; frame-ancestors 'none'`;

/**
 * Only for `electron-vite dev`: Vite injects the React Fast Refresh preamble as an inline
 * script and CSS as <style> elements, and talks to its dev server over a WebSocket.
 * A packaged app never sees this policy (see ownPage(): no dev URL once packaged).
 */
export function devCsp(devServerUrl: string): string {
  const server = new URL(devServerUrl);
  const ws = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  return DIRECTIVES.map((d) => {
    if (d.startsWith('script-src ')) return `${d} 'unsafe-inline'`;
    if (d.startsWith('style-src ')) return `${d} 'unsafe-inline'`;
    if (d.startsWith('connect-src ')) return `${d} ${ws}`;
    return d;
  }).join('; ');
}
