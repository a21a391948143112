/**
 * The e2e harness: the third door of "one contract, three doors" (docs/house-style.md).
 * Serves the production renderer build (out/renderer) read-only on 127.0.0.1 and the Core's
 * contract over HTTP, and injects /__harness/shim.js, which defines `window.casefile` on top
 * of it. The renderer cannot tell it from Electron's preload. As in the app, the Core runs in
 * a process of its own (the Core host, electron/core/host, as a Node child process), and the
 * calls go through main's own dispatch (input checked against the contract first; long
 * operations followed under an id): progress reaches the page as server-sent events on
 * /__harness/events, and the page cancels with /__harness/cancel.
 *
 * Test code: never shipped, never bound to anything but the loopback interface, and every
 * request needs the random token (a cookie set by the first-visit URL for the page and its
 * assets, the `x-casefile-token` header for the contract).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ts from 'typescript';
import { CoreError, toResult } from '../../../electron/core/errors';
import type { CoreClient } from '../../../electron/core/host/client';
import { startNodeHost } from '../../../electron/core/host/nodeHost';
import { createDeskGate, type DeskGateHandle, type OsKeyStore } from '../../../electron/main/desk';
import { Operations, dispatch } from '../../../electron/main/ipc';
import { deliverBundle, stageBundle } from '../../../electron/main/bundleFiles';
import type { EncryptProgress } from '../../../shared/domain';
import type { BridgeEventPayload } from '../../../shared/ipc/bridge';
import { isMethod, type Result } from '../../../shared/ipc/contract';
import { isLong } from '../../../shared/ipc/methods';
import { chromiumPdfEngine } from '../../../electron/core/io/report/pdf';
import { previewReportImport } from '../../../electron/main/reportFiles';
import type { IpcMainInvokeEvent } from 'electron';
import { decodeJson, encodeJson } from '../../../shared/ipc/wire';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'out/renderer');
/** The Core host as the build ships it (the entry main forks), made by the same build as the renderer. */
export const BUILT_HOST = path.join(REPO_ROOT, 'out/main/coreHost.js');

export interface HarnessOptions {
  /** The Core's data folder (created if missing). */
  dataDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The built renderer (default out/renderer; run `electron-vite build` first). */
  rendererDir?: string;
  /** One line per contract call and refusal (the CLI prints them; specs stay quiet). */
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes (attachments arrive base64 in JSON). */
  maxBodyBytes?: number;
  /**
   * Desk mode: the page gets `window.casefile.desk` and main's own desk gate runs here (first run,
   * unlock, encrypt), so the Core opens only when the page has chosen or typed what it needs.
   * The OS key store is a stand-in (it only marks what it "seals"); `osUnlockAvailable` says
   * whether the page may offer it.
   */
  desk?: { osUnlockAvailable?: boolean };
  /**
   * The Core host to fork: default the build's BUILT_HOST when there is one (the host as
   * shipped; it starts in a fraction of the time tsx takes to compile the sources, and the
   * browser specs start one per app), else the sources through tsx.
   */
  hostEntry?: string;
  /**
   * The Core host reads large files at about 100 MB/s, as from a USB stick (slowDisk.cjs): long
   * work on attachments lasts long enough to be watched and cancelled, on any machine.
   */
  slowDisk?: boolean;
}

/** Test stand-in for safeStorage: reversible, and plainly not a secret. */
function standInKeyStore(available: boolean): OsKeyStore {
  return {
    available: async () => available,
    seal: async (text) => Buffer.from(`harness-sealed:${Buffer.from(text).toString('hex')}`),
    unseal: async (sealed) => ({ result: Buffer.from(sealed.toString().replace(/^harness-sealed:/, ''), 'hex').toString(), shouldReEncrypt: false }),
  };
}

export interface OpenExternalCall {
  url: string;
  at: string;
}

export interface Harness {
  /** The first-visit address: it carries the token, sets the cookie and redirects to `/`. */
  readonly url: string;
  /** http://127.0.0.1:PORT, for checking that requests stayed here. */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** The Core host the harness started (a child process; in desk mode, throws while the desk is locked). */
  readonly core: CoreClient;
  /** Every `window.casefile.openExternal(url)` the page made, in order. Nothing is ever opened. */
  readonly openExternalCalls: readonly OpenExternalCall[];
  /**
   * What the next file dialog main would show "picks" (`attachFile()`, `previewReportImport()`):
   * a path, or null for a cancelled dialog. With nothing queued the dialog counts as cancelled.
   */
  queueFileDialog(filePath: string | null): void;
  /** The same queue, by its older name. */
  queueAttachFile(filePath: string | null): void;
  /** What the next `pickBundle()` "picks" (null: cancelled; nothing queued: cancelled). */
  queuePickBundle(filePath: string | null): void;
  /** Where the next `saveBundle()` "saves" (null: cancelled; nothing queued: cancelled). */
  queueSaveBundle(filePath: string | null): void;
  /** Stops accepting requests, waits for calls in flight, then closes the Core and its host. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;
const SHIM_PATH = '/__harness/shim.js';

let shimCache: string | undefined;
/** shim.ts with its types stripped; its only imports are type-only and vanish. */
export function shimSource(): string {
  if (shimCache === undefined) {
    const src = fs.readFileSync(path.join(__dirname, 'shim.ts'), 'utf8');
    const out = ts.transpileModule(src, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
      fileName: 'shim.ts',
    }).outputText;
    // A classic script cannot carry the `export {}` TypeScript adds to keep a file a module.
    shimCache = out.replace(/^export\s*\{\s*\};?\s*$/m, '');
    if (/^\s*(import|export)\s/m.test(shimCache)) throw new Error('shim.ts must have no runtime imports or exports');
  }
  return shimCache;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function createHarness(opts: HarnessOptions): Promise<Harness> {
  const rendererDir = path.resolve(opts.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No renderer build at ${rendererDir}: run \`npx electron-vite build\` (or \`npm run build\`) first.`);
  }
  const root = fs.realpathSync(rendererDir);
  const maxBody = opts.maxBodyBytes ?? 256 * 1024 * 1024;
  const log = opts.log ?? (() => {});
  const token = crypto.randomBytes(24).toString('hex');
  const progress: EncryptProgress[] = [];
  // PDF as the command line prints it: the system's Chromium (the app prints with its own window).
  const pdfEngine = chromiumPdfEngine();
  const hostOptions = { dataDir: opts.dataDir, checkOutputs: process.env.CASEFILE_CHECK_OUTPUTS === '1' };
  const hostEntry = opts.hostEntry ?? (fs.existsSync(BUILT_HOST) ? BUILT_HOST : undefined);
  const preload = opts.slowDisk ? [path.join(__dirname, 'slowDisk.cjs')] : [];
  // Desk mode runs main's own gate: it starts the Core host as main does, with the unlock in the
  // host's open message.
  const gate: DeskGateHandle<CoreClient> | null = opts.desk
    ? createDeskGate({
      dataDir: opts.dataDir,
      keyStore: standInKeyStore(opts.desk.osUnlockAvailable ?? false),
      startCore: (open, onEncryptProgress) => startNodeHost({ ...hostOptions, ...open }, { onEncryptProgress, pdfEngine }, hostEntry, preload),
      onProgress: (p) => progress.push(p),
    })
    : null;
  if (gate) await gate.start();
  const plainCore = gate ? null : await startNodeHost(hostOptions, { pdfEngine }, hostEntry, preload);
  const currentCore = (): CoreClient => (gate ? gate.core() : (plainCore as CoreClient));
  const closeCore = async () => { await (gate ? gate.close() : plainCore?.close()); };
  const operations = new Operations();
  const eventStreams = new Set<http.ServerResponse>();
  // Every page of the harness is "the window": each hears of every long operation.
  const pages = {
    sender: {
      id: 1,
      send: (_channel: string, payload: BridgeEventPayload) => {
        const frame = `data: ${JSON.stringify(payload)}\n\n`;
        for (const res of eventStreams) res.write(frame);
      },
    },
  };
  const openExternalCalls: OpenExternalCall[] = [];
  const attachQueue: (string | null)[] = [];
  const pickQueue: (string | null)[] = [];
  const saveQueue: (string | null)[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let port = 0;
  let cookieName = '';
  let closing = false;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  function hasToken(req: http.IncomingMessage, url: URL, allowQuery: boolean): boolean {
    const header = req.headers['x-casefile-token'];
    if (typeof header === 'string' && safeEqual(header, token)) return true;
    const cookie = cookieValue(req.headers.cookie, cookieName);
    if (cookie !== undefined && safeEqual(cookie, token)) return true;
    const query = url.searchParams.get('token');
    return allowQuery && query !== null && safeEqual(query, token);
  }

  function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: http.OutgoingHttpHeaders = {}) {
    res.writeHead(status, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      ...extra,
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          reject(new HttpError(413, 'request body too large'));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  /** The contract door: POST /__harness/invoke {method, input} -> Result, exactly like ipc.ts. */
  async function invoke(body: unknown): Promise<Result<unknown>> {
    const { method, input } = (body ?? {}) as { method?: unknown; input?: unknown };
    const started = performance.now();
    // As main does: the input is checked against the contract here, and again by the Core.
    // A call while the desk is locked is refused (desk.core() throws), as main refuses it.
    const result = isMethod(method) && isLong(method)
      ? await operations.run(pages, method, (run) => toResult(() => currentCore()).then((c) => (c.ok ? dispatch(c.value, method, input, run) : c)))
      : await toResult(() => currentCore()).then((c) => (c.ok ? dispatch(c.value, method, input) : c));
    const ms = (performance.now() - started).toFixed(1);
    log(`${String(method).slice(0, 60)} ${result.ok ? 'ok' : `refused ${result.error.code}: ${result.error.message}`} (${ms} ms)`);
    return result;
  }

  async function attachFile(body: unknown): Promise<Result<unknown>> {
    return toResult(async () => {
      const req = (body ?? {}) as Record<string, unknown>;
      const { as, ownerType, ownerId, description } = req;
      if (typeof as !== 'string' || typeof ownerType !== 'string' || typeof ownerId !== 'string') {
        throw new Error('attachFile needs as, ownerType and ownerId');
      }
      const chosen = attachQueue.length > 0 ? attachQueue.shift()! : null;
      log(`attachFile: dialog ${chosen === null ? 'cancelled' : `picked ${chosen}`}`);
      if (chosen === null) return null;
      const r = await operations.run(pages, 'attachments.add', (run) => toResult(() => currentCore().attachFile(
        as, chosen, { ownerType: ownerType as never, ownerId }, typeof description === 'string' ? description : undefined, run)));
      if (!r.ok) {
        const { code, message, ...extra } = r.error;
        throw new CoreError(code, message, extra);
      }
      return r.value;
    });
  }

  // Main's own code (electron/main/reportFiles.ts) reads the picked file and asks the Core.
  async function importReport(body: unknown): Promise<Result<unknown>> {
    return toResult(() => previewReportImport({
      core: currentCore(),
      chooseImportFile: async () => {
        const chosen = attachQueue.length > 0 ? attachQueue.shift()! : null;
        log(`previewReportImport: dialog ${chosen === null ? 'cancelled' : `picked ${chosen}`}`);
        return chosen;
      },
      chooseSavePath: async () => null,
    }, {} as IpcMainInvokeEvent, body));
  }

  async function handlePost(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    // Only the shim's fetch: same origin, JSON, token in a header (a cookie alone is not enough).
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      throw new HttpError(403, 'cross-origin request refused');
    }
    const header = req.headers['x-casefile-token'];
    if (typeof header !== 'string' || !safeEqual(header, token)) throw new HttpError(403, 'missing or wrong token');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'JSON only');
    let body: unknown;
    try {
      body = decodeJson(await readBody(req));
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError(400, 'malformed JSON');
    }
    let answer: Promise<unknown>;
    switch (url.pathname) {
      case '/__harness/invoke':
        answer = invoke(body);
        break;
      case '/__harness/attachFile':
        answer = attachFile(body);
        break;
      case '/__harness/previewReportImport':
        answer = importReport(body);
        break;
      // The same code main runs behind its dialogs (bundleFiles.ts), with the dialogs' answers queued.
      case '/__harness/pickBundle': {
        const chosen = pickQueue.length > 0 ? pickQueue.shift()! : null;
        log(`pickBundle: dialog ${chosen === null ? 'cancelled' : `picked ${chosen}`}`);
        answer = toResult(async () => (chosen === null ? null : { file: await stageBundle(opts.dataDir, chosen) }));
        break;
      }
      case '/__harness/saveBundle': {
        const dest = saveQueue.length > 0 ? saveQueue.shift()! : null;
        const { file } = (body ?? {}) as { file?: unknown };
        log(`saveBundle: dialog ${dest === null ? 'cancelled' : `saved to ${dest}`}`);
        answer = toResult(async () => {
          if (typeof file !== 'string') throw new Error('saveBundle needs file');
          await deliverBundle(opts.dataDir, file, dest);
          return dest === null ? null : { saved: true };
        });
        break;
      }
      case '/__harness/cancel': {
        const id = (body as { operationId?: unknown } | null)?.operationId;
        answer = Promise.resolve(typeof id === 'string' && operations.cancel(pages, id));
        break;
      }
      case '/__harness/openExternal': {
        const target = (body as { url?: unknown } | null)?.url;
        if (typeof target === 'string') {
          openExternalCalls.push({ url: target, at: new Date().toISOString() });
          log(`openExternal requested (not opened): ${target}`);
        }
        answer = Promise.resolve(false);
        break;
      }
      case '/__harness/desk/gate':
      case '/__harness/desk/create':
      case '/__harness/desk/unlock':
      case '/__harness/desk/encrypt': {
        if (!gate) throw new HttpError(404, 'the harness is not in desk mode');
        const g = gate;
        const what = url.pathname.slice('/__harness/desk/'.length) as 'gate' | 'create' | 'unlock' | 'encrypt';
        if (what === 'encrypt') progress.length = 0;
        answer = toResult(() => (what === 'gate' ? g.gate() : g[what](body)));
        log(`desk.${what}`);
        break;
      }
      case '/__harness/desk/progress': {
        // The shim polls while an encryption runs: main would push these on its own channel.
        const from = Number((body as { from?: unknown } | null)?.from ?? 0);
        answer = Promise.resolve(progress.slice(Number.isInteger(from) && from > 0 ? from : 0));
        break;
      }
      default:
        throw new HttpError(404, 'no such harness endpoint');
    }
    inFlight.add(answer);
    try {
      send(res, 200, encodeJson(await answer), 'application/json; charset=utf-8');
    } finally {
      inFlight.delete(answer);
    }
  }

  function resolveStatic(pathname: string): string {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      throw new HttpError(400, 'bad path');
    }
    if (decoded.includes('\0') || decoded.includes('\\')) throw new HttpError(400, 'bad path');
    const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const full = path.resolve(root, rel);
    const inside = (p: string) => {
      const r = path.relative(root, p);
      return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
    };
    if (!inside(full)) throw new HttpError(404, 'not found');
    let real: string;
    try {
      real = fs.realpathSync(full);
    } catch {
      throw new HttpError(404, 'not found');
    }
    // A symlink out of the build folder is as bad as ../
    if (!inside(real) || !fs.statSync(real).isFile()) throw new HttpError(404, 'not found');
    return real;
  }

  function serveIndex(res: http.ServerResponse, file: string) {
    const html = fs.readFileSync(file, 'utf8');
    const meta = CSP_META.exec(html);
    if (!meta) throw new HttpError(500, 'the built index.html has no Content-Security-Policy meta tag; refusing to serve it');
    const csp = meta[1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    // A classic script before the app's module script: it runs first, and `script-src 'self'` allows it.
    const tag = `<script src="${SHIM_PATH}?token=${token}${gate ? '&desk=1' : ''}"></script>`;
    const at = html.search(/<script\b/i);
    const injected = at >= 0
      ? `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`
      : html.replace(/<\/head>/i, `  ${tag}\n  </head>`);
    if (injected === html) throw new HttpError(500, 'could not inject the harness shim into index.html');
    // As main does: the meta policy plus frame-ancestors, which only a header can carry.
    send(res, 200, injected, CONTENT_TYPES['.html']!, { 'content-security-policy': `${csp}; frame-ancestors 'none'`, 'x-frame-options': 'DENY' });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const host = req.headers.host ?? '';
    // Refuses DNS-rebinding pages: only our own address names this server.
    if (!allowedHosts().has(host)) throw new HttpError(403, 'wrong host');
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (closing) throw new HttpError(503, 'closing');

    if (req.method === 'POST' && url.pathname.startsWith('/__harness/')) return handlePost(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');

    const isEntry = url.pathname === '/' || url.pathname === '/index.html';
    if (isEntry && url.searchParams.has('token')) {
      if (!hasToken(req, url, true)) throw new HttpError(403, 'wrong token');
      // First visit: keep the token in a cookie for the page's own asset requests, then drop it from the address.
      send(res, 303, '', 'text/plain; charset=utf-8', {
        'set-cookie': `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        location: '/',
      });
      return;
    }
    if (url.pathname === SHIM_PATH) {
      if (!hasToken(req, url, true)) throw new HttpError(403, 'wrong token');
      send(res, 200, shimSource(), CONTENT_TYPES['.js']!);
      return;
    }
    if (!hasToken(req, url, false)) {
      throw new HttpError(403, 'This is the Casefile test harness. Open the address it printed (it carries the token).');
    }
    if (url.pathname === '/__harness/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.write(': the Casefile harness\n\n');
      eventStreams.add(res);
      req.on('close', () => eventStreams.delete(res));
      return;
    }
    // Chromium asks every page for one; Electron never does. No icon is not an error.
    if (url.pathname === '/favicon.ico' && !fs.existsSync(path.join(root, 'favicon.ico'))) {
      send(res, 204, '', 'image/x-icon');
      return;
    }
    const file = resolveStatic(url.pathname);
    if (path.relative(root, file) === 'index.html') return serveIndex(res, file);
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    send(res, 200, fs.readFileSync(file), type);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (status >= 500 || status === 403) log(`${req.method} ${req.url?.slice(0, 80)} -> ${status} ${message}`);
      if (!res.headersSent) send(res, status, `${status} ${message}\n`, 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await closeCore();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  // Cookies ignore ports: one name per harness keeps two harnesses in one browser apart.
  cookieName = `casefile_harness_${port}`;
  const origin = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    get core() {
      return currentCore();
    },
    openExternalCalls,
    queueFileDialog(filePath) {
      attachQueue.push(filePath === null ? null : path.resolve(filePath));
    },
    queuePickBundle(filePath) {
      pickQueue.push(filePath === null ? null : path.resolve(filePath));
    },
    queueSaveBundle(filePath) {
      saveQueue.push(filePath === null ? null : path.resolve(filePath));
    },
    queueAttachFile(filePath) {
      attachQueue.push(filePath === null ? null : path.resolve(filePath));
    },
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Let contract calls that already reached the Core finish before it closes.
        await Promise.allSettled([...inFlight]);
        for (const res of eventStreams) res.end();
        server.closeAllConnections();
        await stopped;
        await closeCore();
      })();
      return closed;
    },
  };
}
