import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({
  BrowserWindow: vi.fn(),
  Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() },
}));

import { CSP, META_CSP, devCsp } from '../../../electron/main/csp';
import { checkExternalUrl, createLinkOpener } from '../../../electron/main/links';
import { menuTemplate } from '../../../electron/main/menu';
import { ownPage } from '../../../electron/main/page';
import { hardenSession, hardenWebContents, withCsp } from '../../../electron/main/security';
import { windowOptions } from '../../../electron/main/window';

const rendererDir = path.resolve('/opt/Casefile/resources/app.asar/out/renderer');
const page = ownPage();
const OUR_URL = 'casefile://app/index.html';

describe('windowOptions', () => {
  it('isolates and sandboxes the page', () => {
    const prefs = windowOptions('/app/out/preload/index.js', false).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });
});

/** Just enough of WebContents to record what hardenWebContents installs. */
function fakeContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    setWindowOpenHandler: vi.fn((h: (details: { url: string }) => unknown) => { openHandler = h; }),
    on: vi.fn((name: string, fn: (...args: unknown[]) => void) => { listeners.set(name, fn); return contents; }),
  };
  const emit = (name: string, details: Record<string, unknown>) => {
    const event = { preventDefault: vi.fn(), ...details };
    listeners.get(name)!(event);
    return event.preventDefault;
  };
  return { contents: contents as unknown as WebContents, emit, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  function setup() {
    const fake = fakeContents();
    const openLink = vi.fn();
    hardenWebContents(fake.contents, page, openLink);
    return { ...fake, openLink };
  }

  it('denies every new window, and offers only web links to the browser', () => {
    const { open, openLink } = setup();
    expect(open('https://example.org/a?b=c')).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenCalledWith('https://example.org/a?b=c');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', OUR_URL]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openLink).toHaveBeenCalledTimes(1);
  });

  it('prevents navigating the window to a web page, and asks about opening it in the browser', () => {
    const { emit, openLink } = setup();
    const prevented = emit('will-navigate', { url: 'http://example.org/', isMainFrame: true });
    expect(prevented).toHaveBeenCalled();
    expect(openLink).toHaveBeenCalledWith('http://example.org/');
  });

  it('prevents navigating to other schemes without offering them', () => {
    const { emit, openLink } = setup();
    for (const url of ['file:///home/analyst/secret.html', 'ms-settings:privacy', 'data:text/html,hi']) {
      expect(emit('will-navigate', { url })).toHaveBeenCalled();
    }
    expect(openLink).not.toHaveBeenCalled();
  });

  it('lets our own page load', () => {
    const { emit } = setup();
    expect(emit('will-navigate', { url: `${OUR_URL}#/cases` })).not.toHaveBeenCalled();
    expect(emit('will-redirect', { url: OUR_URL })).not.toHaveBeenCalled();
  });

  it('refuses redirects elsewhere without asking', () => {
    const { emit, openLink } = setup();
    expect(emit('will-redirect', { url: 'https://tracker.example/' })).toHaveBeenCalled();
    expect(openLink).not.toHaveBeenCalled();
  });

  it('refuses subframe navigation and webviews', () => {
    const { emit } = setup();
    expect(emit('will-frame-navigate', { url: OUR_URL, isMainFrame: false })).toHaveBeenCalled();
    expect(emit('will-frame-navigate', { url: OUR_URL, isMainFrame: true })).not.toHaveBeenCalled();
    expect(emit('will-attach-webview', {})).toHaveBeenCalled();
  });
});

describe('ownPage', () => {
  it('is casefile://app/index.html, whatever the fragment, and nothing else', () => {
    expect(page.url).toBe(OUR_URL);
    expect(page.isOwnPage(`${OUR_URL}?x=1#/a`)).toBe(true);
    expect(page.isOwnPage('casefile://app/')).toBe(true);
    expect(page.isOwnPage('casefile://app/other.html')).toBe(false);
    expect(page.isOwnPage('casefile://elsewhere/index.html')).toBe(false);
    // The file the page is built into is not the page: file:// is no longer trusted at all.
    expect(page.isOwnPage(pathToFileURL(path.join(rendererDir, 'index.html')).href)).toBe(false);
    expect(page.isOwnPage('https://example.org/index.html')).toBe(false);
    expect(page.isOwnPage('not a url')).toBe(false);
  });

  it('lets the page fetch only its own files, never file://', () => {
    expect(page.isAllowedRequest('casefile://app/assets/index-1234.js')).toBe(true);
    expect(page.isAllowedRequest('casefile://other/assets/index-1234.js')).toBe(false);
    expect(page.isAllowedRequest(pathToFileURL(path.join(rendererDir, 'assets/index-1234.js')).href)).toBe(false);
    expect(page.isAllowedRequest(pathToFileURL('/etc/passwd').href)).toBe(false);
    expect(page.isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(page.isAllowedRequest('https://example.org/pixel.gif')).toBe(false);
    expect(page.isAllowedRequest('http://localhost:5173/src/main.tsx')).toBe(false);
    expect(page.isAllowedRequest('ws://localhost:5173/')).toBe(false);
  });

  it('trusts the dev server only when given one', () => {
    const dev = ownPage({ devUrl: 'http://localhost:5173/' });
    expect(dev.url).toBe('http://localhost:5173/');
    expect(dev.isOwnPage('http://localhost:5173/#/x')).toBe(true);
    expect(dev.isOwnPage('http://localhost:5174/')).toBe(false);
    expect(dev.isOwnPage(OUR_URL)).toBe(false);
    expect(dev.isAllowedRequest('http://localhost:5173/@vite/client')).toBe(true);
    expect(dev.isAllowedRequest('ws://localhost:5173/')).toBe(true);
    expect(dev.isAllowedRequest('https://example.org/')).toBe(false);
    expect(dev.isAllowedRequest('casefile://app/index.html')).toBe(false);
    expect(() => ownPage({ devUrl: 'file:///tmp/x.html' })).toThrow();
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const web: Record<string, (details: Record<string, unknown>, cb: (r: unknown) => void) => void> = {};
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const ses = {
      setPermissionRequestHandler: vi.fn((h) => { handlers.request = h; }),
      setPermissionCheckHandler: vi.fn((h) => { handlers.check = h; }),
      setDevicePermissionHandler: vi.fn((h) => { handlers.device = h; }),
      setSpellCheckerEnabled: vi.fn(),
      on: vi.fn((name: string, h) => { handlers[name] = h; }),
      webRequest: {
        onBeforeRequest: vi.fn((h) => { web.before = h; }),
        onHeadersReceived: vi.fn((h) => { web.headers = h; }),
      },
    };
    hardenSession(ses as unknown as Session, page, CSP);
    const ask = (name: string, details: Record<string, unknown>) => {
      let answer: unknown;
      web[name]!(details, (r) => { answer = r; });
      return answer;
    };
    return { ses, handlers, ask };
  }

  it('denies every permission and download', () => {
    const { ses, handlers } = fakeSession();
    const callback = vi.fn();
    handlers.request!({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(handlers.check!({}, 'clipboard-read', 'file://', {})).toBe(false);
    expect(handlers.device!({})).toBe(false);
    const download = { preventDefault: vi.fn() };
    handlers['will-download']!(download);
    expect(download.preventDefault).toHaveBeenCalled();
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('cancels requests that would leave the machine', () => {
    const { ask } = fakeSession();
    expect(ask('before', { url: 'https://example.org/' })).toEqual({ cancel: true });
    expect(ask('before', { url: 'casefile://app/index.html' })).toEqual({ cancel: false });
    expect(ask('before', { url: pathToFileURL(path.join(rendererDir, 'index.html')).href })).toEqual({ cancel: true });
  });

  it('sets exactly our CSP header', () => {
    const { ask } = fakeSession();
    expect(ask('headers', { responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } })).toEqual({
      responseHeaders: { 'Content-Security-Policy': [CSP], 'Content-Type': ['text/html'] },
    });
    expect(withCsp(undefined, CSP)).toEqual({ 'Content-Security-Policy': [CSP] });
  });
});

describe('CSP', () => {
  it('is the policy the renderer page declares', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(META_CSP);
    expect(CSP).toBe(`${META_CSP}; frame-ancestors 'none'`);
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // Workers (pdf.js in the PDF viewer) only from the app's own files: no blob:, data: or remote script.
    expect(CSP).toContain("worker-src 'self';");
  });

  it('relaxes only what the dev server needs', () => {
    const dev = devCsp('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("default-src 'none'");
    expect(dev).not.toContain('unsafe-eval');
  });
});

describe('external links', () => {
  it('accepts http(s) only, shown in full and in punycode', () => {
    expect(checkExternalUrl('https://example.org/a b')).toEqual({ ok: true, url: 'https://example.org/a%20b' });
    expect(checkExternalUrl('https://аpple.com/')).toEqual({ ok: true, url: 'https://xn--pple-43d.com/' });
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@b.c', 'https://bank.example@evil.example/', 'nope', 42]) {
      expect(checkExternalUrl(bad).ok).toBe(false);
    }
    expect(checkExternalUrl(`https://example.org/${'a'.repeat(5000)}`).ok).toBe(false);
  });

  it('opens only after the user confirms the exact URL', async () => {
    const confirm = vi.fn(async () => false);
    const open = vi.fn(async () => {});
    const openLink = createLinkOpener({ confirm, open });
    await expect(openLink('https://example.org/x')).resolves.toBe(false);
    expect(confirm).toHaveBeenCalledWith('https://example.org/x');
    expect(open).not.toHaveBeenCalled();

    confirm.mockResolvedValueOnce(true);
    await expect(openLink('https://example.org/x')).resolves.toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.org/x');

    await expect(openLink('smb://host/share')).resolves.toBe(false);
    expect(confirm).toHaveBeenCalledTimes(2);
  });

  it('refuses a second request while one confirmation is showing', async () => {
    let answer: (yes: boolean) => void = () => {};
    const confirm = vi.fn(() => new Promise<boolean>((resolve) => { answer = resolve; }));
    const openLink = createLinkOpener({ confirm, open: async () => {} });
    const first = openLink('https://example.org/1');
    await expect(openLink('https://example.org/2')).resolves.toBe(false);
    answer(true);
    await expect(first).resolves.toBe(true);
    expect(confirm).toHaveBeenCalledTimes(1);
  });
});

describe('menu', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);

  it('has no reload or DevTools in an installed app', () => {
    const prod = roles(menuTemplate({ isDev: false, isMac: false, send: () => {} }));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('toggleDevTools');
    expect(prod).toEqual(expect.arrayContaining(['quit', 'editMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'about']));
    const dev = roles(menuTemplate({ isDev: true, isMac: false, send: () => {} }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('File > New Case sends the command to the page', () => {
    const send = vi.fn();
    const file = menuTemplate({ isDev: false, isMac: false, send }).find((m) => m.label === '&File')!;
    const item = (file.submenu as MenuItemConstructorOptions[]).find((m) => m.label === 'New Case')!;
    (item.click as () => void)();
    expect(send).toHaveBeenCalledWith('case.new');
  });
});
