import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

type RequestFilter = (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
const state = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string[]; destroyed: boolean; printed: unknown[]; fileAtLoad: string | null }[],
  filter: null as RequestFilter | null,
  permission: null as ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null,
  fail: false,
  partitions: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    rec: (typeof state.windows)[number];
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.rec = { options, loaded: [], destroyed: false, printed: [], fileAtLoad: null };
      state.windows.push(this.rec);
      const rec = this.rec;
      this.webContents = {
        setWindowOpenHandler: vi.fn(),
        on: vi.fn(),
        printToPDF: vi.fn(async (o: unknown) => {
          rec.printed.push(o);
          if (state.fail) throw new Error('printing failed');
          return Buffer.from('%PDF-1.4 from electron');
        }),
      };
    }
    async loadURL(url: string) {
      this.rec.loaded.push(url);
      this.rec.fileAtLoad = fs.readFileSync(new URL(url), 'utf8');
    }
    destroy() { this.rec.destroyed = true; }
  }
  const ses = {
    webRequest: { onBeforeRequest: (f: RequestFilter) => { state.filter = f; } },
    setPermissionRequestHandler: (f: typeof state.permission) => { state.permission = f; },
  };
  return { BrowserWindow, session: { fromPartition: (p: string) => { state.partitions.push(p); return ses; } } };
});

import { electronPdfEngine, PDF_PARTITION } from '../../../electron/main/pdf';

const roots: string[] = [];
afterEach(() => {
  state.windows.length = 0;
  state.fail = false;
  state.partitions.length = 0;
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

function root(): string {
  const r = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-pdfmain-'));
  roots.push(r);
  return r;
}

describe("the app's PDF engine (Electron printToPDF)", () => {
  it('prints the HTML in a hidden window without JavaScript, in a memory-only session, and cleans up', async () => {
    const tempRoot = root();
    const bytes = await electronPdfEngine({ tempRoot })('<!DOCTYPE html><p>التقرير</p>');
    expect(Buffer.from(bytes).toString()).toBe('%PDF-1.4 from electron');
    expect(state.partitions).toEqual([PDF_PARTITION]);
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false);
    const [w] = state.windows;
    expect(w?.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(w?.fileAtLoad).toBe('<!DOCTYPE html><p>التقرير</p>');
    expect(w?.printed).toEqual([expect.objectContaining({ printBackground: true, pageSize: 'A4' })]);
    expect(w?.destroyed).toBe(true);
    expect(fs.readdirSync(tempRoot)).toEqual([]);
  });

  it('lets the page load its own file and nothing else, and grants no permission', async () => {
    const tempRoot = root();
    await electronPdfEngine({ tempRoot })('<p>x</p>');
    const own = state.windows[0]?.loaded[0] as string;
    expect(own.startsWith(pathToFileURL(tempRoot).href)).toBe(true);
    const decide = (url: string) => new Promise<boolean>((resolve) => state.filter?.({ url }, (r) => resolve(r.cancel)));
    expect(await decide(own)).toBe(false);
    expect(await decide('https://example.invalid/tracker.png')).toBe(true);
    expect(await decide('file:///etc/passwd')).toBe(true);
    const granted = await new Promise<boolean>((resolve) => state.permission?.(null, 'media', resolve));
    expect(granted).toBe(false);
  });

  it('destroys the window and removes the file when printing fails', async () => {
    const tempRoot = root();
    state.fail = true;
    await expect(electronPdfEngine({ tempRoot })('<p>x</p>')).rejects.toThrow('printing failed');
    expect(state.windows[0]?.destroyed).toBe(true);
    expect(fs.readdirSync(tempRoot)).toEqual([]);
  });
});
