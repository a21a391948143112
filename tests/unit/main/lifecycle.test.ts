import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../shared/ipc/contract';

/** A stand-in for the parts of Electron that electron/main/index.ts touches. */
const h = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown;
  const state = {
    appListeners: new Map<string, Fn>(),
    handlers: new Map<string, Fn>(),
    windows: [] as Array<{ options: unknown; loadURL: ReturnType<typeof vi.fn>; webContents: { id: number; send: ReturnType<typeof vi.fn>; on: ReturnType<typeof vi.fn> } }>,
    ready: Promise.resolve(),
    lock: true,
  };
  const app = {
    isPackaged: true,
    setName: vi.fn(), setPath: vi.fn(), getPath: vi.fn(() => '/home/analyst/.config'), setAppUserModelId: vi.fn(),
    enableSandbox: vi.fn(), requestSingleInstanceLock: vi.fn(() => state.lock), quit: vi.fn(), exit: vi.fn(),
    on: vi.fn((name: string, fn: Fn) => { state.appListeners.set(name, fn); }),
    whenReady: vi.fn(() => state.ready), setAboutPanelOptions: vi.fn(), getVersion: vi.fn(() => '0.1.0'),
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    static fromWebContents = vi.fn(() => null);
    options: unknown;
    webContents = { id: 7, send: vi.fn(), on: vi.fn() };
    loadURL = vi.fn(() => Promise.resolve());
    once = vi.fn();
    on = vi.fn();
    isDestroyed = () => false;
    constructor(options: unknown) {
      this.options = options;
      state.windows.push(this);
    }
  }
  const ses = {
    setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(), on: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
  };
  const electron = {
    app, BrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(), showMessageBoxSync: vi.fn(() => 0), showOpenDialog: vi.fn() },
    ipcMain: { handle: vi.fn((channel: string, fn: Fn) => { state.handlers.set(channel, fn); }) },
    session: { defaultSession: ses },
    shell: { openExternal: vi.fn() },
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn(async () => true), getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptStringAsync: vi.fn(async (t: string) => Buffer.from(`sealed:${[...t].reverse().join('')}`)),
      decryptStringAsync: vi.fn(async (b: Buffer) => ({ result: [...b.toString().slice(7)].reverse().join(''), shouldReEncrypt: false })),
    },
    Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
    utilityProcess: { fork: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  };
  return { state, electron };
});

vi.mock('electron', () => h.electron);

import { createCore } from '../../../electron/core';
import { nodeUtilityProcess } from './utilityProcess';

let utility = nodeUtilityProcess();
let dataDir = '';

/** Starts main and waits until it has a window or has given up. */
async function start() {
  vi.resetModules();
  await import('../../../electron/main/index');
  await h.state.ready;
  for (let i = 0; i < 300 && h.state.windows.length === 0 && h.electron.app.exit.mock.calls.length === 0 && h.electron.app.quit.mock.calls.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Quits as Electron would: will-quit, and a listener may hold the quit until it is done. */
async function quit() {
  const quitCalls = h.electron.app.quit.mock.calls.length;
  const event = { preventDefault: vi.fn() };
  h.state.appListeners.get('will-quit')?.(event);
  if (event.preventDefault.mock.calls.length) {
    for (let i = 0; i < 500 && h.electron.app.quit.mock.calls.length === quitCalls; i++) await new Promise((r) => setTimeout(r, 10));
  }
}

// Each test starts a real Core host (a Node child process): seconds on a loaded 2-core machine, not the unit default of 5.
describe('electron/main/index', { timeout: 30_000 }, () => {
  beforeEach(() => {
    vi.clearAllMocks();
    h.state.appListeners.clear();
    h.state.handlers.clear();
    h.state.windows.length = 0;
    h.state.lock = true;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-main-'));
    // A plain desk (not encrypted at rest): it opens at start, without a desk screen first.
    createCore({ dataDir, create: { method: 'none' } }).close();
    utility = nodeUtilityProcess();
    h.electron.utilityProcess.fork.mockImplementation(utility.fork);
    vi.stubEnv('CASEFILE_DATA', dataDir);
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://evil.example/');
    vi.stubEnv('CASEFILE_SECRET_TOKEN', 'must-not-reach-the-core');
    // Electron sets it in a packaged app: where extraResources (the citation style) are.
    (process as { resourcesPath?: string }).resourcesPath = '/opt/Casefile/resources';
  });
  afterEach(async () => {
    await quit();
    for (const c of utility.children) if (c.exitCode === null) c.kill();
    vi.unstubAllEnvs();
    fs.rmSync(dataDir, { recursive: true, force: true });
    delete (process as { resourcesPath?: string }).resourcesPath;
  });

  it('opens the Core in a utility process on the data folder, binds the contract, and shows one sandboxed window', async () => {
    await start();
    const { app, ipcMain } = h.electron;
    expect(app.setName).toHaveBeenCalledWith('Casefile');
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(utility.calls).toHaveLength(1);
    const forked = utility.calls[0]!;
    expect(path.basename(forked.modulePath)).toBe('coreHost.js');
    expect(forked.options.serviceName).toBe('Casefile Core');
    // The Core gets only what it needs: none of the user's environment beyond what Node runs on.
    expect(Object.keys(forked.options.env ?? {}).every((k) => ['SystemRoot', 'SYSTEMROOT', 'TEMP', 'TMP', 'TMPDIR', 'LANG'].includes(k))).toBe(true);
    expect(forked.options.env?.CASEFILE_SECRET_TOKEN).toBeUndefined();
    // It opens the data folder with the packaged citation style, and main prints its PDFs.
    expect(utility.sent[0]).toEqual({ kind: 'open', options: { dataDir, cslDir: path.join('/opt/Casefile/resources', 'csl'), pdf: true } });
    expect(fs.existsSync(path.join(dataDir, 'casefile.sqlite'))).toBe(true);
    expect(app.setPath).toHaveBeenCalledWith('userData', path.join(dataDir, 'electron-profile'));
    // The contract and cancel, plus main's own: attach (file dialog), open an attachment, open a
    // link, save a report export (save dialog), read a report to import (file dialog), pick a
    // case bundle and save one, save a text export (save dialog), and the desk's gate, create,
    // unlock and encrypt.
    expect(ipcMain.handle).toHaveBeenCalledTimes(Object.keys(contract).length + 9 + 4);

    expect(h.state.windows).toHaveLength(1);
    const win = h.state.windows[0]!;
    expect(win.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    // Packaged: ELECTRON_RENDERER_URL is ignored, the window loads the built page over our own scheme.
    const loaded = String(win.loadURL.mock.calls[0]?.[0]);
    expect(loaded).toBe('casefile://app/index.html');
  });

  it('serves the page over casefile://app/, registered as a privileged scheme before the app is ready', async () => {
    await start();
    const { protocol, app } = h.electron;
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'casefile', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]!).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]!);
    expect(protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = protocol.handle.mock.calls[0] as unknown as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('casefile');
    // The handler it registered keeps to out/renderer and sends the CSP even when it refuses.
    const refused = await handler(new Request('casefile://app/..%2F..%2Fcore%2Findex.ts'));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });

  it('answers only our window, from our page', async () => {
    await start();
    const win = h.state.windows[0]!;
    const pageUrl = String(win.loadURL.mock.calls[0]?.[0]);
    const handler = h.state.handlers.get('casefile:profiles.list')!;
    const ours = { sender: { id: 7 }, senderFrame: { url: pageUrl, parent: null } };
    // The answer comes from the Core in the utility process.
    await expect(handler(ours, {})).resolves.toEqual({ ok: true, value: [] });
    const otherWindow = { sender: { id: 8 }, senderFrame: { url: pageUrl, parent: null } };
    await expect(handler(otherWindow, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('routes a long operation to the Core and its progress to the window that asked', async () => {
    await start();
    const win = h.state.windows[0]!;
    const pageUrl = String(win.loadURL.mock.calls[0]?.[0]);
    const ours = { sender: { id: 7, send: vi.fn() }, senderFrame: { url: pageUrl, parent: null } };
    const create = h.state.handlers.get('casefile:profiles.create')!;
    const me = (await create(ours, { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin'] })) as { ok: true; value: { id: string } };
    const check = (await h.state.handlers.get('casefile:desk.check')!(ours, { as: me.value.id })) as { ok: boolean; value: { ok: boolean } };
    expect(check).toMatchObject({ ok: true, value: { ok: true } });
    const events = ours.sender.send.mock.calls.map(([, payload]) => (payload as { event: { state: string; phase: string } }).event);
    expect(events[0]).toMatchObject({ state: 'running', phase: 'starting' });
    expect(events.map((e) => e.phase)).toContain('hashing attachment files');
    expect(events.at(-1)).toMatchObject({ state: 'done' });
  });

  it('a crashed Core does not take the window down: the next call gets a new one', { timeout: 20_000 }, async () => {
    await start();
    const win = h.state.windows[0]!;
    const pageUrl = String(win.loadURL.mock.calls[0]?.[0]);
    const ours = { sender: { id: 7, send: vi.fn() }, senderFrame: { url: pageUrl, parent: null } };
    const list = h.state.handlers.get('casefile:profiles.list')!;
    utility.children[0]!.kill('SIGKILL');
    await new Promise((r) => utility.children[0]!.once('exit', r));
    await expect(list(ours, {})).resolves.toEqual({ ok: true, value: [] });
    expect(utility.calls).toHaveLength(2);
    // The window was never touched.
    expect(h.state.windows).toHaveLength(1);
  });

  it('asks before closing a window whose page is still saving, and closes only if told to', async () => {
    await start();
    const win = h.state.windows[0]!;
    const call = win.webContents.on.mock.calls.find(([name]) => name === 'will-prevent-unload');
    expect(call).toBeDefined();
    const onPrevent = call![1] as (e: { preventDefault(): void }) => void;
    const stay = { preventDefault: vi.fn() };
    h.electron.dialog.showMessageBoxSync.mockReturnValueOnce(0);
    onPrevent(stay);
    expect(stay.preventDefault).not.toHaveBeenCalled();
    const leave = { preventDefault: vi.fn() };
    h.electron.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    onPrevent(leave);
    // preventDefault on will-prevent-unload is what lets the window close after all.
    expect(leave.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('closes the Core when the app quits, and only then lets the app quit', async () => {
    await start();
    const child = utility.children[0]!;
    await quit();
    expect(h.electron.app.quit).toHaveBeenCalled();
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    expect(child.exitCode).toBe(0);
  });

  it('focuses the first window when launched again', async () => {
    await start();
    const win = h.state.windows[0]! as unknown as Record<string, ReturnType<typeof vi.fn>>;
    Object.assign(win, { isMinimized: vi.fn(() => true), restore: vi.fn(), show: vi.fn(), focus: vi.fn() });
    h.state.appListeners.get('second-instance')!();
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('a second instance quits without touching the data', async () => {
    h.state.lock = false;
    await start();
    expect(h.electron.app.quit).toHaveBeenCalled();
    expect(utility.calls).toHaveLength(0);
    expect(h.state.windows).toHaveLength(0);
  });

  it('says why and exits when the Core cannot open', async () => {
    // A database from a newer Casefile (a desk of ours, its schema version moved on): the Core
    // refuses it, and says so.
    const Database = (await import('better-sqlite3-multiple-ciphers')).default;
    const db = new Database(path.join(dataDir, 'casefile.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    await start();
    expect(h.electron.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('newer version of Casefile'));
    expect(h.electron.app.exit).toHaveBeenCalledWith(1);
    expect(h.state.windows).toHaveLength(0);
  });
  it('an encrypted desk: no Core until the unlock screen gives the passphrase, which reaches the host only in its open message', { timeout: 60_000 }, async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const secret = 'the lifecycle passphrase';
    createCore({ dataDir, create: { method: 'passphrase', passphrase: secret }, unlock: { passphrase: secret } }).close();
    await start();
    // Locked: the window shows the unlock screen, and no Core host runs yet.
    expect(h.state.windows).toHaveLength(1);
    expect(utility.calls).toHaveLength(0);
    const win = h.state.windows[0]!;
    const ours = { sender: { id: 7, send: vi.fn() }, senderFrame: { url: String(win.loadURL.mock.calls[0]?.[0]), parent: null } };
    await expect(h.state.handlers.get('casefile:profiles.list')!(ours, {})).resolves.toMatchObject({ ok: false, error: { message: 'The desk is locked: unlock it first.' } });
    const unlock = h.state.handlers.get('casefile:desk.unlock')!;
    await expect(unlock(ours, { passphrase: 'not the passphrase' })).resolves.toMatchObject({
      ok: false, error: { code: 'forbidden', message: 'The passphrase does not unlock this desk. Nothing was changed.' },
    });
    await expect(unlock(ours, { passphrase: secret })).resolves.toMatchObject({ ok: true, value: { state: 'open', encrypted: true } });
    // The passphrase went to the host over its message channel, never in its arguments or environment.
    const opened = utility.sent.filter((m) => (m as { kind: string }).kind === 'open') as { options: Record<string, unknown> }[];
    expect(opened.at(-1)!.options.unlock).toEqual({ passphrase: secret });
    for (const c of utility.calls) expect(JSON.stringify([c.args, c.options])).not.toContain(secret);
    // A read in the host, and a long operation in its job worker (its own connection, the same key).
    const me = (await h.state.handlers.get('casefile:profiles.create')!(ours, { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin'] })) as { ok: true; value: { id: string } };
    await expect(h.state.handlers.get('casefile:desk.check')!(ours, { as: me.value.id })).resolves.toMatchObject({ ok: true, value: { ok: true } });
  });

  it('"unlock with my login": main unseals the master key and hands it to the host, which opens the desk at start', { timeout: 60_000 }, async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir);
    await start();
    expect(utility.calls).toHaveLength(0); // a new folder: the first-run screen asks first
    const win = h.state.windows[0]!;
    const ours = { sender: { id: 7, send: vi.fn() }, senderFrame: { url: String(win.loadURL.mock.calls[0]?.[0]), parent: null } };
    await expect(h.state.handlers.get('casefile:desk.create')!(ours, { method: 'os' })).resolves.toMatchObject({ ok: true, value: { state: 'open', encrypted: true } });
    const created = utility.sent.find((m) => (m as { kind: string }).kind === 'open') as { options: { unlock: { masterKey: Uint8Array }; create: { method: string } } };
    expect(created.options.create.method).toBe('os');
    const masterKey = Buffer.from(created.options.unlock.masterKey).toString('base64');
    expect(fs.readFileSync(path.join(dataDir, 'desk-key.json'), 'utf8')).not.toContain(masterKey);
    await quit();

    // The next start opens by itself: main unseals, the host gets the key in its open message.
    h.state.windows.length = 0;
    h.electron.app.quit.mockClear();
    utility = nodeUtilityProcess();
    h.electron.utilityProcess.fork.mockImplementation(utility.fork);
    await start();
    expect(utility.calls).toHaveLength(1);
    const reopened = utility.sent[0] as { options: { unlock: { masterKey: Uint8Array } } };
    expect(Buffer.from(reopened.options.unlock.masterKey).toString('base64')).toBe(masterKey);
    for (const c of utility.calls) expect(JSON.stringify([c.args, c.options])).not.toContain(masterKey);
    const again = h.state.windows[0]!;
    const page = { sender: { id: 7, send: vi.fn() }, senderFrame: { url: String(again.loadURL.mock.calls[0]?.[0]), parent: null } };
    await expect(h.state.handlers.get('casefile:desk.gate')!(page, null)).resolves.toMatchObject({ ok: true, value: { state: 'open', encrypted: true } });
  });
});
