/**
 * App lifecycle: one instance, one hardened window, one Core for the app's lifetime, in a
 * utility process of its own (coreHost.ts). Electron glue only: everything that owns data is
 * in electron/core, and main only routes to it.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { FileFilter, IpcMainInvokeEvent, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ExportFormat } from '../../shared/domain';
import { registerBundleHandlers } from './bundleFiles';
import { registerTextFileHandlers } from './textFiles';
import { APP_NAME, defaultDataDir } from '../core/paths';
import type { Attachment } from '../../shared/domain';
import type { BridgeEventPayload, MenuCommand } from '../../shared/ipc/bridge';
import { isolate } from '../../shared/text/isolate';
import { APP_PRIVILEGES, APP_SCHEME, createAppProtocolHandler } from './appProtocol';
import { CSP, devCsp } from './csp';
import { startCoreHost, type HostedCore } from './coreHost';
import { createDeskGate } from './desk';
import { DESK_CHANNELS, registerDeskHandlers } from './deskIpc';
import { electronKeyStore } from './keyStore';
import { EVENT_CHANNEL, Operations, ownPageSender, registerAppHandlers, registerContract } from './ipc';
import { createAttachmentOpener, removeOpenCopies } from './openAttachment';
import { createLinkOpener } from './links';
import { installMenu } from './menu';
import { ownPage } from './page';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';
import { electronPdfEngine } from './pdf';
import { registerReportFileHandlers } from './reportFiles';

function main(): void {
  app.setName(APP_NAME);
  const dataDir = defaultDataDir(); // honours CASEFILE_DATA
  // Chromium's own profile, which also keys the single-instance lock. With CASEFILE_DATA it
  // lives inside that folder, so one app instance runs per data folder, not per machine.
  app.setPath('userData', process.env.CASEFILE_DATA
    ? path.join(dataDir, 'electron-profile')
    : path.join(app.getPath('appData'), APP_NAME));
  if (process.platform === 'win32') app.setAppUserModelId('org.casefile.desktop');
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // Before the app is ready: our scheme is a standard, secure origin of its own (appProtocol.ts).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_PRIVILEGES } }]);

  const isDev = !app.isPackaged;
  const rendererDir = path.join(__dirname, '../renderer');
  const page = ownPage({ devUrl: isDev ? process.env.ELECTRON_RENDERER_URL : undefined });
  const preload = path.join(__dirname, '../preload/index.js');

  let win: BrowserWindow | null = null;
  // Copies of attachments handed to the system viewer: this user's, removed at quit.
  const openCopies = path.join(app.getPath('userData'), 'open-copies');
  // The Core opens when the desk does: at once for a plain desk or one unlocked by the user's
  // login, after the first-run or unlock screen otherwise (the page asks through deskIpc.ts).
  // The packaged app carries the citation style in resources/csl (electron-builder extraResources).
  // Main prints report PDFs for the Core (printToPDF needs a window, which only main has).
  const hostOptions = { dataDir, cslDir: app.isPackaged ? path.join(process.resourcesPath, 'csl') : undefined };
  const desk = createDeskGate({
    dataDir,
    keyStore: electronKeyStore(),
    startCore: (open, onEncryptProgress) => startCoreHost({ ...hostOptions, ...open }, __dirname, { pdfEngine: electronPdfEngine(), onEncryptProgress }),
    onProgress: (progress) => {
      if (win && !win.isDestroyed()) win.webContents.send(DESK_CHANNELS.progress, progress);
    },
  });

  /** A native Cancel / <yes> question, over our window when there is one; true for <yes>. */
  const askToProceed = async (options: Omit<MessageBoxOptions, 'buttons' | 'defaultId' | 'cancelId' | 'noLink'>, yes: string) => {
    const full: MessageBoxOptions = { ...options, buttons: ['Cancel', yes], defaultId: 0, cancelId: 0, noLink: true };
    const parent = win && !win.isDestroyed() ? win : null;
    const { response } = parent ? await dialog.showMessageBox(parent, full) : await dialog.showMessageBox(full);
    return response === 1;
  };

  const openLink = createLinkOpener({
    confirm: (url) => askToProceed({
      type: 'warning',
      title: 'Open in browser',
      message: 'Open this address in your web browser?',
      detail: `${url}\n\nThe site will see your network address. Casefile itself does not go online.`,
    }, 'Open in Browser'),
    open: (url) => shell.openExternal(url),
  });

  const isOurWindow = (event: IpcMainInvokeEvent) => win !== null && !win.isDestroyed() && event.sender.id === win.webContents.id;
  const fromOwnPage = ownPageSender((url) => page.isOwnPage(url));
  const isTrustedSender = (event: IpcMainInvokeEvent) => isOurWindow(event) && fromOwnPage(event);

  const send = (command: MenuCommand) => {
    const payload: BridgeEventPayload = { type: 'menu', command };
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, payload);
  };

  const openWindow = () => {
    win = createMainWindow({ page, preload, devTools: isDev });
    const opened = win;
    // The page blocks unload while an edit is still being saved; Electron would cancel the
    // close silently, so ask the user instead.
    opened.webContents.on('will-prevent-unload', (event) => {
      const choice = dialog.showMessageBoxSync(opened, {
        type: 'warning',
        title: 'Changes are still being saved',
        message: 'Your latest edit has not been saved yet.',
        detail: 'Stay to let Casefile finish saving it, or close anyway and lose it.',
        buttons: ['Stay', 'Close Anyway'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      if (choice === 1) event.preventDefault();
    });
    win.on('closed', () => {
      win = null;
    });
  };

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page, openLink));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits for the Core to finish what it is doing and close its database cleanly.
  let quitting = false;
  app.on('will-quit', (event) => {
    removeOpenCopies(openCopies);
    if (quitting || !desk.isOpen()) return;
    quitting = true;
    event.preventDefault();
    void desk.close().finally(() => app.quit());
  });

  app.whenReady().then(async () => {
    hardenSession(session.defaultSession, page, page.devOrigin ? devCsp(page.devOrigin) : CSP);
    // Copies a crash left behind.
    removeOpenCopies(openCopies);
    // The built page, from out/renderer only, with the CSP on every response.
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir, csp: CSP }));

    try {
      await desk.start();
    } catch (err) {
      dialog.showErrorBox(`${APP_NAME} cannot open its data`, `${dataDir}\n\n${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
      return;
    }
    // Bound once, to whichever Core is open: a call while the desk is locked is refused.
    const hosted: HostedCore = {
      get dataDir() { return desk.core().dataDir; },
      get encrypted() { return desk.core().encrypted; },
      invoke: (method, input, run) => desk.core().invoke(method, input, run),
      attachFile: (...args) => desk.core().attachFile(...args),
      copyAttachment: (sha256, dest) => desk.core().copyAttachment(sha256, dest),
      close: () => desk.close(),
    };
    // Every native dialog main shows for the page: over the window that asked; null when cancelled.
    const parentOf = (event: IpcMainInvokeEvent) => BrowserWindow.fromWebContents(event.sender);
    const chooseToOpen = async (event: IpcMainInvokeEvent, options: OpenDialogOptions) => {
      const parent = parentOf(event);
      const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return canceled ? null : (filePaths[0] ?? null);
    };
    const chooseToSave = async (event: IpcMainInvokeEvent, options: SaveDialogOptions) => {
      const parent = parentOf(event);
      const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return canceled || !filePath ? null : filePath;
    };
    const saveOptions = (title: string, fileName: string, filter: FileFilter): SaveDialogOptions => ({
      title, defaultPath: path.join(app.getPath('documents'), fileName), filters: [filter], properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    const operations = new Operations();
    registerContract(ipcMain, hosted, isTrustedSender, operations);
    registerDeskHandlers(ipcMain, desk, isTrustedSender);
    registerAppHandlers(ipcMain, {
      core: hosted,
      chooseFile: (event) => chooseToOpen(event, { title: 'Attach a file', properties: ['openFile'] }),
      openExternal: openLink,
      openAttachment: createAttachmentOpener({
        getAttachment: async (as, id) => (await hosted.invoke('attachments.get', { as, id })) as Attachment,
        copyStored: (sha, dest) => hosted.copyAttachment(sha, dest),
        confirm: (att) => askToProceed({
          type: 'question',
          title: 'Open attachment',
          // The file name is captured text: isolated, so its direction controls cannot reorder the question.
          message: `Open ${isolate(att.originalName)} in the system viewer?`,
          detail: `${att.mediaType}, ${att.size} bytes\nSHA-256 ${att.sha256}\n\nThe viewer gets a read-only copy, checked against this hash and removed when Casefile quits; the evidence itself is not touched.`,
        }, 'Open'),
        openPath: (file) => shell.openPath(file),
        copiesRoot: openCopies,
      }),
    }, isTrustedSender, operations);

    const EXPORT_FILTERS: Record<ExportFormat, FileFilter> = {
      md: { name: 'Markdown', extensions: ['md'] }, html: { name: 'Web page (HTML)', extensions: ['html'] },
      docx: { name: 'Word document', extensions: ['docx'] }, pdf: { name: 'PDF', extensions: ['pdf'] },
    };
    registerReportFileHandlers(ipcMain, {
      core: hosted,
      chooseSavePath: (event, { fileName, format }) => chooseToSave(event, saveOptions('Save the report', fileName, EXPORT_FILTERS[format])),
      chooseImportFile: (event) => chooseToOpen(event, {
        title: 'Import a published report', properties: ['openFile'],
        filters: [{ name: 'Report text or saved page', extensions: ['txt', 'html', 'htm', 'md'] }, { name: 'All files', extensions: ['*'] }],
      }),
    }, isTrustedSender);

    const BUNDLE_FILTER: FileFilter = { name: 'Case bundles', extensions: ['cfb'] };
    registerBundleHandlers(ipcMain, {
      // main's own path: the Core may still be locked when this is registered.
      dataDir,
      chooseBundle: (event) => chooseToOpen(event, { title: 'Import a case bundle', properties: ['openFile'], filters: [BUNDLE_FILTER] }),
      chooseDestination: (event, fileName) => chooseToSave(event, saveOptions('Save the case bundle', fileName, BUNDLE_FILTER)),
    }, isTrustedSender);

    registerTextFileHandlers(ipcMain, {
      chooseDestination: (event, fileName) => {
        const ext = path.extname(fileName).slice(1) || 'txt';
        return chooseToSave(event, saveOptions('Save the file', fileName, { name: ext.toUpperCase(), extensions: [ext] }));
      },
    }, isTrustedSender);

    app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion() });
    installMenu({ isDev, isMac: process.platform === 'darwin', send });
    openWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  }).catch((err: unknown) => {
    dialog.showErrorBox(`${APP_NAME} failed to start`, err instanceof Error ? err.stack ?? err.message : String(err));
    app.exit(1);
  });
}

main();
