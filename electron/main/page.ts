import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where our one page lives, and the tests every navigation, IPC sender and network request
 * is held to. Kept free of Electron so it can be tested in plain Node.
 */
export interface OwnPage {
  /** What the window loads. */
  readonly url: string;
  /** The Vite dev server's origin under `electron-vite dev`, else null. */
  readonly devOrigin: string | null;
  /** True for our page (any query or fragment), false for everything else, including other files. */
  isOwnPage(url: string): boolean;
  /** True when the renderer may fetch this URL; anything else is cancelled before it leaves the machine. */
  isAllowedRequest(url: string): boolean;
}

// Windows paths compare case-insensitively; file URLs may differ in drive-letter case.
const samePath = (a: string, b: string) =>
  process.platform === 'win32' ? path.normalize(a).toLowerCase() === path.normalize(b).toLowerCase() : a === b;

function filePath(url: URL): string | null {
  try {
    return fileURLToPath(url);
  } catch {
    return null; // file://host/... on POSIX, or an encoded slash
  }
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * @param rendererDir the built renderer folder (out/renderer), holding index.html
 * @param devUrl ELECTRON_RENDERER_URL; pass it only when the app is not packaged, so an
 *   environment variable can never point an installed Casefile at someone else's page
 */
export function ownPage(opts: { rendererDir: string; devUrl?: string | undefined }): OwnPage {
  const rendererDir = path.resolve(opts.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  const dev = opts.devUrl ? parse(opts.devUrl) : null;
  if (opts.devUrl && (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:'))) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, got ${opts.devUrl}`);
  }

  const isDevServer = (u: URL) =>
    dev !== null && u.host === dev.host &&
    (u.protocol === dev.protocol || u.protocol === (dev.protocol === 'https:' ? 'wss:' : 'ws:'));

  return {
    url: dev ? dev.href : pathToFileURL(indexFile).href,
    devOrigin: dev ? dev.origin : null,
    isOwnPage(raw) {
      const u = parse(raw);
      if (!u) return false;
      if (dev) return u.origin === dev.origin;
      if (u.protocol !== 'file:') return false;
      const p = filePath(u);
      return p !== null && samePath(p, indexFile);
    },
    isAllowedRequest(raw) {
      const u = parse(raw);
      if (!u) return false;
      switch (u.protocol) {
        case 'devtools:':
        case 'data:':
        case 'blob:':
          return true; // none of these leave the process
        case 'file:': {
          // Only the built renderer: a compromised page must not read other local files.
          const p = filePath(u);
          if (p === null) return false;
          const rel = path.relative(rendererDir, p);
          return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
        }
        default:
          return isDevServer(u);
      }
    },
  };
}
