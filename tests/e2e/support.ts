/**
 * What every browser spec shares: Chromium from the system driven by playwright-core, a
 * fresh data folder + harness + browser context per app, a record of every request the page
 * made (anything not for the harness is aborted and fails the test), CSP violations and page
 * errors, and screenshots in light and dark under tests/e2e/artifacts/.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Input, Method, Output, Result } from '../../shared/ipc/contract';
import { invoke, invokeResult } from './harness/client';
import { ARTIFACTS_DIR, launchChromium } from './chromium';
import { createHarness, type Harness } from './harness/server';

export { ARTIFACTS_DIR, launchChromium };

export interface RequestRecord {
  url: string;
  method: string;
  resourceType: string;
}

export interface App {
  harness: Harness;
  context: BrowserContext;
  page: Page;
  dataDir: string;
  /** Every request any page of this context made, in order (including aborted ones). */
  requests: RequestRecord[];
  /** Requests for anything but the harness origin (they were aborted, never sent). */
  foreign: RequestRecord[];
  pageErrors: string[];
  consoleErrors: string[];
  /** Opens another page in the same context (same cookie, same guard), e.g. a second window. */
  newPage(): Promise<Page>;
  /** A contract call through the harness's HTTP door (for setup and checks). */
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  invokeResult<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>>;
  /** Navigates to the first-visit address (sets the token cookie) and waits for the app to load. */
  open(page?: Page): Promise<void>;
}

export interface BrowserHandle {
  readonly browser: Browser;
  /** Every foreign request seen by any app in this spec file. */
  readonly foreignInFile: RequestRecord[];
  readonly requestsInFile: number;
  /** Hands an app to the after-each check and cleanup (openApp does this). */
  track(app: App): void;
}


/** Address schemes that never reach the network. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

function isHarnessUrl(url: string, origin: string): boolean {
  try {
    const u = new URL(url);
    return u.origin === origin || LOCAL_SCHEMES.has(u.protocol);
  } catch {
    return false;
  }
}

/** Paths the app itself should ever ask the harness for. Anything else (e.g. /x) is suspicious. */
export function isExpectedHarnessPath(url: string): boolean {
  const u = new URL(url);
  if (LOCAL_SCHEMES.has(u.protocol)) return true;
  return u.pathname === '/' || u.pathname === '/index.html' || u.pathname === '/favicon.ico'
    || u.pathname.startsWith('/assets/') || u.pathname.startsWith('/__harness/');
}

/**
 * Registers the spec file's hooks: one Chromium for the file, and after each test every app it
 * opened is checked (no foreign request, no uncaught page error) and then closed and deleted.
 */
export function useBrowser(): () => BrowserHandle {
  let browser: Browser | undefined;
  const state = { foreignInFile: [] as RequestRecord[], requestsInFile: 0 };
  const open: App[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    const apps = open.splice(0);
    const problems: string[] = [];
    for (const app of apps) {
      state.requestsInFile += app.requests.length;
      state.foreignInFile.push(...app.foreign);
      if (app.foreign.length) problems.push(`requests left the harness: ${app.foreign.map((r) => `${r.method} ${r.url}`).join(', ')}`);
      if (app.pageErrors.length) problems.push(`uncaught errors in the page: ${app.pageErrors.join(' | ')}`);
      await app.context.close().catch(() => {});
      await app.harness.close().catch(() => {});
      fs.rmSync(app.dataDir, { recursive: true, force: true });
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  const handle: BrowserHandle = {
    get browser() {
      if (!browser) throw new Error('useBrowser(): the browser is not launched yet (call inside a test)');
      return browser;
    },
    foreignInFile: state.foreignInFile,
    get requestsInFile() {
      return state.requestsInFile;
    },
    track(app) {
      open.push(app);
    },
  };
  return () => handle;
}

// Runs in every page before any of its scripts; instrumentation, not part of the app.
const INIT_SCRIPT = `(() => {
  const seen = [];
  Object.defineProperty(window, '__cspViolations', { value: seen, configurable: false });
  document.addEventListener('securitypolicyviolation', (e) => {
    seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile + ':' + e.lineNumber });
  });
})();`;

export interface OpenAppOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Runs against the Core (through the HTTP door) before the page is opened. */
  seed?(app: Pick<App, 'invoke' | 'invokeResult' | 'harness'>): Promise<unknown>;
  /** Navigate right away (default true). */
  navigate?: boolean;
  /** Desk mode (first run, unlock, encrypt screens): see HarnessOptions.desk. */
  desk?: { osUnlockAvailable?: boolean };
  /** An existing data folder instead of a new one (a restart of the app on the same desk). */
  dataDir?: string;
  /** Let the page download files (report exports arrive as downloads in the harness); off by default. */
  acceptDownloads?: boolean;
  /** The Core host reads large files slowly (HarnessOptions.slowDisk). */
  slowDisk?: boolean;
}

export async function openApp(handle: BrowserHandle, opts: OpenAppOptions = {}): Promise<App> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cf-e2e-'));
  let harness: Harness;
  let context: BrowserContext;
  try {
    harness = await createHarness({ dataDir, ...(opts.desk ? { desk: opts.desk } : {}), ...(opts.slowDisk ? { slowDisk: true } : {}) });
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  try {
    context = await newContext(handle.browser, opts);
  } catch (err) {
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return wire(handle, harness, context, dataDir, opts);
}

function newContext(browser: Browser, opts: OpenAppOptions): Promise<BrowserContext> {
  return browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: opts.colorScheme ?? 'light',
    locale: 'en-US',
    timezoneId: 'UTC',
    serviceWorkers: 'block',
    acceptDownloads: opts.acceptDownloads ?? false,
  });
}

async function wire(handle: BrowserHandle, harness: Harness, context: BrowserContext, dataDir: string, opts: OpenAppOptions): Promise<App> {
  const requests: RequestRecord[] = [];
  const foreign: RequestRecord[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  // A step that cannot happen fails in seconds, with its call log, not at the test's timeout.
  context.setDefaultTimeout(10_000);
  context.on('request', (req) => {
    requests.push({ url: req.url(), method: req.method(), resourceType: req.resourceType() });
  });
  // Nothing but the harness is let through: a leak is recorded (and fails the test), never sent.
  await context.route('**/*', async (route) => {
    const req = route.request();
    if (isHarnessUrl(req.url(), harness.origin)) return route.continue();
    foreign.push({ url: req.url(), method: req.method(), resourceType: req.resourceType() });
    return route.abort('blockedbyclient');
  });
  await context.addInitScript({ content: INIT_SCRIPT });

  const watch = (page: Page) => {
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('websocket', (ws) => {
      const rec = { url: ws.url(), method: 'WEBSOCKET', resourceType: 'websocket' };
      requests.push(rec);
      if (!isHarnessUrl(ws.url().replace(/^ws/, 'http'), harness.origin)) foreign.push(rec);
    });
  };
  context.on('page', watch);
  const page = await context.newPage();
  const app: App = {
    harness,
    context,
    page,
    dataDir,
    requests,
    foreign,
    pageErrors,
    consoleErrors,
    newPage: () => context.newPage(),
    invoke: (method, input) => invoke(harness, method, input),
    invokeResult: (method, input) => invokeResult(harness, method, input),
    async open(p = page) {
      await p.goto(harness.url, { waitUntil: 'load' });
      expect(new URL(p.url()).origin).toBe(harness.origin);
    },
  };
  // From here on the after-each hook closes and deletes everything, even if seeding fails.
  handle.track(app);
  if (opts.seed) await opts.seed(app);
  if (opts.navigate !== false) await app.open();
  return app;
}

/** Fails with the list of requests that went anywhere but the harness. */
export function expectNoForeignRequests(app: Pick<App, 'foreign'>): void {
  expect(app.foreign.map((r) => `${r.method} ${r.url}`)).toEqual([]);
}

/** Fails if the page asked the harness for anything but the app, its assets and the contract. */
export function expectOnlyAppRequests(app: Pick<App, 'requests'>): void {
  expect(app.requests.filter((r) => !isExpectedHarnessPath(r.url)).map((r) => `${r.method} ${r.url}`)).toEqual([]);
}

export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

/** CSP violations the page reported (each is something the page tried and the CSP refused). */
export async function cspViolations(page: Page): Promise<CspViolation[]> {
  return page.evaluate(() => [...((window as unknown as { __cspViolations?: CspViolation[] }).__cspViolations ?? [])]);
}

/** Two animation frames: layout and paint have caught up with the last change. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/**
 * Saves `<name>-light.png` and `<name>-dark.png` under tests/e2e/artifacts/ and puts the page
 * back in the scheme it was in. Look at them. The window by default: the app lays itself out
 * in the viewport and scrolls inside, so a full-page shot only adds blank space.
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string[]> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const safe = name.replace(/[^a-z0-9._-]+/gi, '-');
  const before = await page.evaluate(() => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  const files: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await settle(page);
    const file = path.join(ARTIFACTS_DIR, `${safe}-${scheme}.png`);
    await page.screenshot({ path: file, fullPage: opts.fullPage ?? false, animations: 'disabled', caret: 'initial' });
    files.push(file);
  }
  await page.emulateMedia({ colorScheme: before });
  return files;
}

/**
 * What every page of the app did stays clean: no CSP violation on any of its pages, no request
 * outside the harness or for anything but the app, no console error.
 */
export async function expectCleanRun(app: App): Promise<void> {
  for (const p of app.context.pages()) expect(await cspViolations(p), `CSP violations on ${p.url()}`).toEqual([]);
  expectNoForeignRequests(app);
  expectOnlyAppRequests(app);
  expect(app.consoleErrors).toEqual([]);
}

/** A desk with an administrator and one more profile with the given roles; returns both. */
export async function seedPeople(app: Pick<App, 'invoke'>, who: { name: string; initials: string; roles: ('analyst' | 'case_manager' | 'reviewer' | 'admin')[] }) {
  const admin = await app.invoke('profiles.create', { as: null, name: 'Desk Admin', initials: 'DA', roles: ['admin', 'case_manager'] });
  const me = await app.invoke('profiles.create', { as: admin.id, ...who });
  return { admin, me };
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** A real PNG (8-bit RGBA), `pixel(x, y)` → [r, g, b, a]: small, valid, and with a known hash. */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]));
}

export interface TextLayout {
  /** The computed direction of every element that directly holds some of the text. */
  directions: string[];
  /** Space between the box's edges and its glyphs (the union of its text nodes' own boxes). */
  gapLeft: number;
  gapRight: number;
}

/**
 * How a block of text is laid out: right-to-left text sits against the right edge of its box
 * (its start), whatever the `dir` attributes say.
 */
export async function textLayout(block: Locator): Promise<TextLayout> {
  return block.evaluate((el) => {
    const holders = [el, ...el.querySelectorAll<HTMLElement>('*')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const text = { left: Infinity, right: -Infinity };
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent!.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) { text.left = Math.min(text.left, r.left); text.right = Math.max(text.right, r.right); }
    }
    const box = el.getBoundingClientRect();
    return { directions: holders.map((h) => getComputedStyle(h).direction), gapLeft: Math.round(text.left - box.left), gapRight: Math.round(box.right - text.right) };
  });
}

/**
 * Where each character of `needle` is drawn inside `scope` (the first text node holding it):
 * the left edge of each of its first `count` characters, in page pixels. For order on screen:
 * "#Al_Aqsa_Flood" reads right when its "#" is left of its "A".
 */
export async function charLefts(scope: Locator, needle: string, count = 2): Promise<number[]> {
  return scope.evaluate((el, [n, k]) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = t.textContent!.indexOf(n);
      if (at < 0) continue;
      const lefts: number[] = [];
      for (let i = 0; i < k; i++) {
        const r = document.createRange();
        r.setStart(t, at + i);
        r.setEnd(t, at + i + 1);
        lefts.push(r.getBoundingClientRect().left);
      }
      return lefts;
    }
    throw new Error(`charLefts: no text node holds ${n}`);
  }, [needle, count] as const);
}

/**
 * The paragraph that holds `text` (the nearest block around the text node that contains it):
 * its computed direction, and on which side its text starts (the gap to the box's left and
 * right edges, as textLayout measures them).
 */
export async function paragraphLayout(scope: Locator, text: string): Promise<{ direction: string; gapLeft: number; gapRight: number }> {
  return scope.evaluate((el, needle) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent!.includes(needle)) continue;
      let block = t.parentElement!;
      while (block !== el && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement!;
      const range = document.createRange();
      range.selectNodeContents(block);
      const rects = [...range.getClientRects()];
      const left = Math.min(...rects.map((r) => r.left));
      const right = Math.max(...rects.map((r) => r.right));
      const box = block.getBoundingClientRect();
      return { direction: getComputedStyle(block).direction, gapLeft: Math.round(left - box.left), gapRight: Math.round(box.right - right) };
    }
    throw new Error(`paragraphLayout: no text node holds ${needle}`);
  }, text);
}
