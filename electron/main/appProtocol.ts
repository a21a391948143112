/**
 * The page is served over our own scheme, casefile://app/, not file://. A file:// page is an
 * origin shared with every file on the disk (and Electron grants it extra privileges); under
 * casefile://app/ the page is its own origin, 'self' in the CSP means exactly the built
 * renderer, and nothing outside out/renderer can be reached by any path. Kept free of Electron
 * (main registers it with protocol.handle) so it can be tested in plain Node.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'casefile';
export const APP_HOST = 'app';
/** What the window loads in an installed app. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The privileges registerSchemesAsPrivileged gives the scheme: a standard, secure origin (so
 * relative URLs, 'self' and the page's own storage work as on https), fetch for the page's own
 * assets, and V8's code cache. No service workers, no CORS bypass, no streaming of media.
 */
export const APP_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

export interface AppProtocolOptions {
  /** The built renderer (out/renderer), inside app.asar in an installed app. */
  rendererDir: string;
  /** The Content-Security-Policy sent with every response. */
  csp: string;
}

/**
 * The handler for protocol.handle(APP_SCHEME, ...): GET (or HEAD) of a file under rendererDir,
 * with its MIME type and the CSP; anything else is refused with a status and no file. The path
 * is decoded once and must stay inside rendererDir, also after symbolic links are followed.
 */
export function createAppProtocolHandler(opts: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = path.resolve(opts.rendererDir);
  const headers = (extra: Record<string, string> = {}) => ({
    'Content-Security-Policy': opts.csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...extra,
  });
  const refuse = (status: number, why: string) => new Response(why, { status, headers: headers({ 'Content-Type': 'text/plain; charset=utf-8' }) });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'Bad address');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'Not found');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400, 'Bad address');
    }
    // An encoded NUL or backslash has no business in a path of ours (a backslash is a separator on Windows).
    if (rel.includes('\0') || rel.includes('\\')) return refuse(400, 'Bad address');
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(root, `.${rel}`);
    if (!inside(root, file)) return refuse(403, 'Forbidden');
    let body: Buffer;
    try {
      // Also after symbolic links: a link inside the folder must not lead out of it.
      const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
      if (!inside(realRoot, realFile)) return refuse(403, 'Forbidden');
      body = await fs.readFile(realFile);
    } catch {
      return refuse(404, 'Not found');
    }
    const head = headers({ 'Content-Type': mimeTypeOf(file), 'Content-Length': String(body.length) });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: head });
  };
}
