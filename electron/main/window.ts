import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_NAME } from '../core/paths';
import type { OwnPage } from './page';

export function windowOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    title: APP_NAME,
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    show: false, // shown on ready-to-show, so there is no white flash in dark mode
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false, // see hardenSession: the dictionaries come from the network
      devTools,
    },
  };
}

export function createMainWindow(opts: { page: OwnPage; preload: string; devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow(windowOptions(opts.preload, opts.devTools));
  win.once('ready-to-show', () => win.show());
  // loadURL with the page's own URL, so what loads is exactly what isOwnPage() accepts.
  win.loadURL(opts.page.url).catch((err: unknown) => console.error('Casefile could not load its page:', err));
  return win;
}
