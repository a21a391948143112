import { APP_HOST, APP_SCHEME, APP_URL } from './appProtocol';

/**
 * Where our one page lives, and the tests every navigation, IPC sender and network request
 * is held to. Kept free of Electron so it can be tested in plain Node.
 */
export interface OwnPage {
  /** What the window loads. */
  readonly url: string;
  /** The Vite dev server's origin under `electron-vite dev`, else null. */
  readonly devOrigin: string | null;
  /** True for our page (any query or fragment), false for everything else. */
  isOwnPage(url: string): boolean;
  /** True when the renderer may fetch this URL; anything else is cancelled before it leaves the machine. */
  isAllowedRequest(url: string): boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const isApp = (u: URL) => u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;

/**
 * @param devUrl ELECTRON_RENDERER_URL; pass it only when the app is not packaged, so an
 *   environment variable can never point an installed Casefile at someone else's page.
 *   Without it the page is casefile://app/index.html (appProtocol.ts serves out/renderer).
 */
export function ownPage(opts: { devUrl?: string | undefined } = {}): OwnPage {
  const dev = opts.devUrl ? parse(opts.devUrl) : null;
  if (opts.devUrl && (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:'))) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, got ${opts.devUrl}`);
  }

  const isDevServer = (u: URL) =>
    dev !== null && u.host === dev.host &&
    (u.protocol === dev.protocol || u.protocol === (dev.protocol === 'https:' ? 'wss:' : 'ws:'));

  return {
    url: dev ? dev.href : APP_URL,
    devOrigin: dev ? dev.origin : null,
    isOwnPage(raw) {
      const u = parse(raw);
      if (!u) return false;
      if (dev) return u.origin === dev.origin;
      return isApp(u) && (u.pathname === '/index.html' || u.pathname === '/');
    },
    isAllowedRequest(raw) {
      const u = parse(raw);
      if (!u) return false;
      switch (u.protocol) {
        case 'devtools:':
        case 'data:':
        case 'blob:':
          return true; // none of these leave the process
        case `${APP_SCHEME}:`:
          // Our own files: the protocol handler serves only what is under out/renderer.
          return !dev && isApp(u);
        default:
          // file:// included: the page has no business with the disk.
          return isDevServer(u);
      }
    },
  };
}
