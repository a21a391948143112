// pdf.js for the PDF viewer, loaded when a PDF is first opened (it is a large chunk). Its
// worker is a file of our own build (see pdfWorkerUrl.d.ts); the document comes as bytes the
// Core decrypted and verified, never as a URL, and pdf.js is told to fetch nothing: no
// standard-font, CMap or wasm addresses are given, so there is nothing for it to load.
// (pdf.js 6 has no eval path left to switch off: the isEvalSupported option of older versions is
// gone, and the CSP, without 'unsafe-eval', would refuse it anyway.)
import type * as PdfJsModule from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof PdfJsModule;
let lib: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  lib ??= import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerSrc = workerUrl;
    return m;
  });
  return lib;
}

export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

export async function openPdf(data: Uint8Array): Promise<{ doc: PdfDocument; close(): Promise<void> }> {
  const m = await pdfjs();
  // pdf.js takes ownership of (transfers) the buffer it is given: hand it a copy.
  const task = m.getDocument({ data: new Uint8Array(data), enableXfa: false, disableAutoFetch: true, disableStream: true, stopAtErrors: false });
  const doc = await task.promise;
  return { doc, close: () => task.destroy() };
}
