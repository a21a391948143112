// A PDF's text, with pdf.js in Node: text content page by page, and the document's own
// metadata (title, and the URL and date a browser's "Save as PDF" or a capture tool writes).
// pdf.js runs in this thread (its "fake worker", handed to it below rather than fetched from
// a path, so the bundled Core finds it); fonts are never loaded, nothing is fetched.
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PageReadError, httpUrl, type PageText } from './types';

type PdfJs = typeof PdfJsModule;
let loaded: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loaded;
}

/** PDF dates: D:YYYYMMDDHHmmSS+HH'mm' (every part after the year optional). */
export function pdfDate(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(v.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const offset = sign === '+' || sign === '-' ? `${sign}${oh}:${om}` : 'Z';
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export async function pdfText(bytes: Uint8Array, opts: { maxPages: number; deadline: number }): Promise<PageText> {
  const lib = await pdfjs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, useWorkerFetch: false, stopAtErrors: false,
    isOffscreenCanvasSupported: false, verbosity: 0, enableXfa: false,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const name = (err as Error).name;
    if (name === 'PasswordException') throw new PageReadError('it is protected by a password');
    throw new PageReadError(`pdf.js cannot read it (${(err as Error).message})`);
  }
  try {
    const meta = await doc.getMetadata().catch(() => null);
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    const xmp = meta?.metadata;
    const pages: string[] = [];
    const n = Math.min(doc.numPages, opts.maxPages);
    for (let i = 1; i <= n; i++) {
      if (Date.now() > opts.deadline) throw new PageReadError(`reading its text took too long (stopped at page ${i} of ${doc.numPages})`);
      const content = await (await doc.getPage(i)).getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) line += '\n';
      }
      pages.push(line.trim());
    }
    const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : (xmp?.get('dc:title') ?? null);
    // Chromium's "Save as PDF" leaves the page address nowhere but the header it prints; capture
    // tools write it to the Subject, a custom URL key, or XMP.
    const custom = info.Custom as Record<string, unknown> | undefined;
    const url = httpUrl(typeof custom?.URL === 'string' ? custom.URL : null) ?? httpUrl(typeof info.Subject === 'string' ? info.Subject : null)
      ?? httpUrl(xmp?.get('dc:source') ?? null);
    return { text: pages.filter(Boolean).join('\n\n'), title, url, capturedAt: pdfDate(info.CreationDate) };
  } finally {
    await task.destroy();
  }
}
