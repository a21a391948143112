/**
 * The app's PDF engine: the exported HTML printed by Electron's own Chromium (printToPDF) in a
 * hidden window with JavaScript off, in a private in-memory session that lets the page load
 * nothing but its own file. The Core receives it as a plain "html -> pdf bytes" function.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import type { PdfEngine } from '../core/io/report/pdf';

/** No "persist:" prefix: the session lives in memory only and keeps nothing on disk. */
export const PDF_PARTITION = 'casefile-pdf';

export function electronPdfEngine(opts: { tempRoot?: string } = {}): PdfEngine {
  return async (html) => {
    const dir = fs.mkdtempSync(path.join(opts.tempRoot ?? os.tmpdir(), 'casefile-pdf-'));
    const file = path.join(dir, 'report.html');
    const url = pathToFileURL(file).href;
    fs.writeFileSync(file, html);
    const ses = session.fromPartition(PDF_PARTITION);
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== url }));
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        session: ses, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true,
        images: true, spellcheck: false,
      },
    });
    try {
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      win.webContents.on('will-navigate', (event) => event.preventDefault());
      await win.loadURL(url);
      const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
