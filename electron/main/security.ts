import type { Session, WebContents } from 'electron';
import type { OwnPage } from './page';

/**
 * Applied to every web contents the app ever creates (from app 'web-contents-created'), so a
 * window or frame nobody planned for gets the same rules as ours.
 */
export function hardenWebContents(contents: WebContents, page: OwnPage, openLink: (url: string) => unknown): void {
  // Links with target=_blank and window.open(): never a new Electron window.
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) void openLink(url);
    return { action: 'deny' };
  });

  // A plain link click navigates the main frame: keep our page, offer web links to the browser.
  contents.on('will-navigate', (event) => {
    if (page.isOwnPage(event.url)) return;
    event.preventDefault();
    if (isWebUrl(event.url)) void openLink(event.url);
  });

  // Redirects are never something the user chose, so they are only refused.
  contents.on('will-redirect', (event) => {
    if (!page.isOwnPage(event.url)) event.preventDefault();
  });

  // The page has no frames; the CSP already blocks them, this makes sure.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function isWebUrl(url: string): boolean {
  return /^https?:/i.test(url);
}

/** Nothing is granted and nothing leaves the machine on the page's initiative. */
export function hardenSession(ses: Session, page: OwnPage, csp: string): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Hunspell dictionaries are downloaded from a Google CDN on Windows and Linux.
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => event.preventDefault());

  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !page.isAllowedRequest(details.url) });
  });

  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
}

export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
