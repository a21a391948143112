/**
 * App lifecycle: one instance, one hardened window, one Core for the app's lifetime, in a
 * utility process of its own (coreHost.ts). Electron glue only: everything that owns data is
 * in electron/core, and main only routes to it.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { FileFilter, IpcMainInvokeEvent, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ExportFormat } from '../../shared/domain';
import { storedPath } from '../core/attachments/store';
import { registerBundleHandlers } from './bundleFiles';
import { APP_NAME, defaultDataDir } from '../core/paths';
import type { Attachment } from '../../shared/domain';
import type { BridgeEventPayload, MenuCommand } from '../../shared/ipc/bridge';
import { isolate } from '../../shared/text/isolate';
import { APP_PRIVILEGES, APP_SCHEME, createAppProtocolHandler } from './appProtocol';
import { CSP, devCsp } from './csp';
import { startCoreHost, type HostedCore } from './coreHost';
import { EVENT_CHANNEL, Operations, ownPageSender, registerAppHandlers, registerContract } from './ipc';
import { createAttachmentOpener } from './openAttachment';
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

  let core: HostedCore | null = null;
  let win: BrowserWindow | null = null;

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
  app.on('will-quit', (event) => {
    const closing = core;
    if (!closing) return;
    core = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });

  app.whenReady().then(async () => {
    hardenSession(session.defaultSession, page, page.devOrigin ? devCsp(page.devOrigin) : CSP);
    // The built page, from out/renderer only, with the CSP on every response.
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir, csp: CSP }));

    try {
      // The packaged app carries the citation style in resources/csl (electron-builder extraResources).
      // Main prints report PDFs for the Core (printToPDF needs a window, which only main has).
      core = await startCoreHost({
        dataDir, cslDir: app.isPackaged ? path.join(process.resourcesPath, 'csl') : undefined,
      }, __dirname, { pdfEngine: electronPdfEngine() });
    } catch (err) {
      dialog.showErrorBox(`${APP_NAME} cannot open its data`, `${dataDir}\n\n${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
      return;
    }
    const hosted = core;

    const operations = new Operations();
    registerContract(ipcMain, hosted, isTrustedSender, operations);
    registerAppHandlers(ipcMain, {
      core: hosted,
      chooseFile: async (event) => {
        const parent = BrowserWindow.fromWebContents(event.sender);
        const options: OpenDialogOptions = { title: 'Attach a file', properties: ['openFile'] };
        const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return canceled ? null : (filePaths[0] ?? null);
      },
      openExternal: openLink,
      openAttachment: createAttachmentOpener({
        getAttachment: async (as, id) => (await hosted.invoke('attachments.get', { as, id })) as Attachment,
        storedPath: (sha) => storedPath(path.join(hosted.dataDir, 'attachments'), sha),
        confirm: (att) => askToProceed({
          type: 'question',
          title: 'Open attachment',
          // The file name is captured text: isolated, so its direction controls cannot reorder the question.
          message: `Open ${isolate(att.originalName)} in the system viewer?`,
          detail: `${att.mediaType}, ${att.size} bytes\nSHA-256 ${att.sha256}\n\nThe viewer gets a read-only copy; the evidence itself is not touched.`,
        }, 'Open'),
        openPath: (file) => shell.openPath(file),
      }),
    }, isTrustedSender, operations);

    const parentOf = (event: IpcMainInvokeEvent) => BrowserWindow.fromWebContents(event.sender);
    const EXPORT_FILTERS: Record<ExportFormat, FileFilter> = {
      md: { name: 'Markdown', extensions: ['md'] }, html: { name: 'Web page (HTML)', extensions: ['html'] },
      docx: { name: 'Word document', extensions: ['docx'] }, pdf: { name: 'PDF', extensions: ['pdf'] },
    };
    registerReportFileHandlers(ipcMain, {
      core: hosted,
      chooseSavePath: async (event, { fileName, format }) => {
        const parent = parentOf(event);
        const options: SaveDialogOptions = {
          title: 'Save the report', defaultPath: path.join(app.getPath('documents'), fileName),
          filters: [EXPORT_FILTERS[format]], properties: ['showOverwriteConfirmation', 'createDirectory'],
        };
        const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
        return canceled || !filePath ? null : filePath;
      },
      chooseImportFile: async (event) => {
        const parent = parentOf(event);
        const options: OpenDialogOptions = {
          title: 'Import a published report', properties: ['openFile'],
          filters: [{ name: 'Report text or saved page', extensions: ['txt', 'html', 'htm', 'md'] }, { name: 'All files', extensions: ['*'] }],
        };
        const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return canceled ? null : (filePaths[0] ?? null);
      },
    }, isTrustedSender);

    registerBundleHandlers(ipcMain, {
      dataDir: hosted.dataDir,
      chooseBundle: async (event) => {
        const parent = parentOf(event);
        const options: OpenDialogOptions = { title: 'Import a case bundle', properties: ['openFile'], filters: [{ name: 'Case bundles', extensions: ['cfb'] }] };
        const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return canceled ? null : (filePaths[0] ?? null);
      },
      chooseDestination: async (event, fileName) => {
        const parent = parentOf(event);
        const options: SaveDialogOptions = {
          title: 'Save the case bundle', defaultPath: path.join(app.getPath('documents'), fileName),
          filters: [{ name: 'Case bundles', extensions: ['cfb'] }], properties: ['showOverwriteConfirmation', 'createDirectory'],
        };
        const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
        return canceled || !filePath ? null : filePath;
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
