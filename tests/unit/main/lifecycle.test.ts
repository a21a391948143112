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
    core: { invoke: vi.fn(async () => 'value'), attachFile: vi.fn(), close: vi.fn(), dataDir: '' },
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
    Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
  };
  return { state, electron, createCore: vi.fn(() => state.core) };
});

vi.mock('electron', () => h.electron);
vi.mock('../../../electron/core', () => ({ createCore: h.createCore }));

async function start() {
  vi.resetModules();
  await import('../../../electron/main/index');
  await h.state.ready;
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('electron/main/index', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    h.state.appListeners.clear();
    h.state.handlers.clear();
    h.state.windows.length = 0;
    h.state.lock = true;
    vi.stubEnv('CASEFILE_DATA', '/tmp/casefile-test-data');
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://evil.example/');
    // Electron sets it in a packaged app: where extraResources (the citation style) are.
    (process as { resourcesPath?: string }).resourcesPath = '/opt/Casefile/resources';
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    delete (process as { resourcesPath?: string }).resourcesPath;
  });

  it('opens the Core on the data folder, binds the contract, and shows one sandboxed window', async () => {
    await start();
    const { app, ipcMain } = h.electron;
    expect(app.setName).toHaveBeenCalledWith('Casefile');
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(h.createCore).toHaveBeenCalledTimes(1);
    expect(h.createCore).toHaveBeenCalledWith({
      dataDir: path.resolve('/tmp/casefile-test-data'), pdfEngine: expect.any(Function), cslDir: path.join('/opt/Casefile/resources', 'csl'),
    });
    expect(app.setPath).toHaveBeenCalledWith('userData', path.join(path.resolve('/tmp/casefile-test-data'), 'electron-profile'));
    // The contract, plus main's own: attach (file dialog), open an attachment, open a link.
    expect(ipcMain.handle).toHaveBeenCalledTimes(Object.keys(contract).length + 3);

    expect(h.state.windows).toHaveLength(1);
    const win = h.state.windows[0]!;
    expect(win.options).toMatchObject({ webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    // Packaged: ELECTRON_RENDERER_URL is ignored, the window loads the built page.
    const loaded = String(win.loadURL.mock.calls[0]?.[0]);
    expect(loaded).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });

  it('answers only our window, from our page', async () => {
    await start();
    const win = h.state.windows[0]!;
    const pageUrl = String(win.loadURL.mock.calls[0]?.[0]);
    const handler = h.state.handlers.get('casefile:cases.list')!;
    const ours = { sender: { id: 7 }, senderFrame: { url: pageUrl, parent: null } };
    await expect(handler(ours, { as: 'x' })).resolves.toEqual({ ok: true, value: 'value' });
    const otherWindow = { sender: { id: 8 }, senderFrame: { url: pageUrl, parent: null } };
    await expect(handler(otherWindow, {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.state.core.invoke).toHaveBeenCalledTimes(1);
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

  it('closes the Core when the app quits', async () => {
    await start();
    h.state.appListeners.get('will-quit')!();
    expect(h.state.core.close).toHaveBeenCalledTimes(1);
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
    expect(h.createCore).not.toHaveBeenCalled();
    expect(h.state.windows).toHaveLength(0);
  });

  it('says why and exits when the Core cannot open', async () => {
    h.createCore.mockImplementationOnce(() => { throw new Error('This database was written by a newer Casefile.'); });
    await start();
    expect(h.electron.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('newer Casefile'));
    expect(h.electron.app.exit).toHaveBeenCalledWith(1);
    expect(h.state.windows).toHaveLength(0);
  });
});
