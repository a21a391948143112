// Vite's `?url` import: the worker script is emitted as a file of the build, under the app's
// own origin, so the CSP's worker-src 'self' admits it (no blob: or data: worker).
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
