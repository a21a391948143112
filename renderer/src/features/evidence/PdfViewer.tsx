import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/Field';
import { ViewerFrame } from './ViewerFrame';
import { openPdf, type PdfDocument } from './pdf';

const SCALES = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3, 4];

/**
 * A PDF attachment drawn by pdf.js onto a canvas, a page at a time, with the page's text
 * beside it for screen readers and copying (plain text, dir="auto"). Links, forms and
 * scripts in the PDF are not drawn as anything but pixels: no annotation layer is made.
 */
export function PdfViewer({ data, name, isOpen, onClose }: { data: Uint8Array; name: string; isOpen: boolean; onClose(): void }) {
  const { t } = useTranslation('evidence');
  const [full, setFull] = useState(false);
  const [doc, setDoc] = useState<PdfDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pageNo, setPageNo] = useState(1);
  const [scale, setScale] = useState<number | 'width'>('width');
  const [shownScale, setShownScale] = useState(1);
  const [pageText, setPageText] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const ids = useId();

  useEffect(() => {
    if (!isOpen) return;
    let closed = false;
    let close: (() => Promise<void>) | null = null;
    openPdf(data).then(
      (opened) => {
        close = opened.close;
        if (closed) void opened.close();
        else setDoc(opened.doc);
      },
      (e: unknown) => { if (!closed) setError(t('pdf.failed', { why: (e as Error).message })); },
    );
    return () => {
      closed = true;
      setDoc(null);
      void close?.();
    };
  }, [data, isOpen, t]);

  useEffect(() => {
    if (!doc || !canvas.current || !stage.current) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<unknown> } | null = null;
    void (async () => {
      try {
        const page = await doc.getPage(pageNo);
        if (cancelled || !canvas.current || !stage.current) return;
        const base = page.getViewport({ scale: 1 });
        const s = scale === 'width' ? Math.max(0.25, (stage.current.clientWidth - 32) / base.width) : scale;
        const vp = page.getViewport({ scale: s });
        const dpr = window.devicePixelRatio || 1;
        const c = canvas.current;
        c.width = Math.floor(vp.width * dpr);
        c.height = Math.floor(vp.height * dpr);
        c.style.width = `${Math.floor(vp.width)}px`;
        c.style.height = `${Math.floor(vp.height)}px`;
        task = page.render({ canvas: c, viewport: vp, transform: dpr === 1 ? undefined : [dpr, 0, 0, dpr, 0, 0] });
        await task.promise;
        if (cancelled) return;
        setShownScale(s);
        const content = await page.getTextContent();
        if (!cancelled) setPageText(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('').trim());
      } catch (e) {
        if (!cancelled && (e as Error).name !== 'RenderingCancelledException') setError(t('pdf.failed', { why: (e as Error).message }));
      }
    })();
    return () => { cancelled = true; task?.cancel(); };
  }, [doc, pageNo, scale, full, t]);

  useEffect(() => { if (doc) stage.current?.focus(); }, [doc]);

  const pages = doc?.numPages ?? 0;
  const go = (n: number) => { if (pages) setPageNo(Math.min(pages, Math.max(1, n))); };
  const zoom = (dir: 1 | -1) => {
    const cur = shownScale;
    const next = dir > 0 ? SCALES.find((x) => x > cur + 0.001) : [...SCALES].reverse().find((x) => x < cur - 0.001);
    setScale(next ?? cur);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const act: Record<string, () => void> = {
      PageDown: () => go(pageNo + 1), PageUp: () => go(pageNo - 1), Home: () => go(1), End: () => go(pages),
      '+': () => zoom(1), '=': () => zoom(1), '-': () => zoom(-1), '0': () => setScale('width'), '1': () => setScale(1),
      f: () => setFull((x) => !x), F: () => setFull((x) => !x),
    };
    const fn = act[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  };

  const toolbar = (
    <>
      <button type="button" className="quiet small" onClick={() => go(pageNo - 1)} disabled={pageNo <= 1}>{t('pdf.previous')}</button>
      <output className="viewer-zoom muted small" aria-live="polite">{pages ? t('pdf.page', { n: pageNo, of: pages }) : ''}</output>
      <button type="button" className="quiet small" onClick={() => go(pageNo + 1)} disabled={!pages || pageNo >= pages}>{t('pdf.next')}</button>
      <button type="button" className="quiet small" onClick={() => zoom(-1)}>{t('pdf.zoomOut')}</button>
      <button type="button" className="quiet small" onClick={() => zoom(1)}>{t('pdf.zoomIn')}</button>
      <button type="button" className="quiet small" aria-pressed={scale === 'width'} onClick={() => setScale('width')}>{t('pdf.fitWidth')}</button>
      <output className="viewer-zoom muted small" aria-live="polite">{t('pdf.zoom', { zoom: Math.round(shownScale * 100) })}</output>
    </>
  );
  return (
    <ViewerFrame isOpen={isOpen} onClose={onClose} name={name} kind={t('pdf.kind')} full={full} onFull={setFull} toolbar={toolbar}>
      <p id={`${ids}-keys`} className="visually-hidden">{t('pdf.keys')}</p>
      <ErrorNote message={error ?? undefined} />
      {!doc && !error ? <p role="status" className="muted">{t('pdf.loading')}</p> : null}
      <div ref={stage} className="viewer-stage pdf-stage" tabIndex={0} role="group" aria-roledescription={t('pdf.role')}
        aria-label={pages ? t('pdf.pageImage', { n: pageNo, of: pages, name }) : name} aria-describedby={`${ids}-keys`} onKeyDown={onKey}>
        <canvas ref={canvas} className="pdf-page" role="img" aria-label={pages ? t('pdf.pageImage', { n: pageNo, of: pages, name }) : name} />
      </div>
      {doc ? (
        <details className="pdf-text">
          <summary>{t('pdf.pageText')}</summary>
          {pageText ? <div className="page-text" dir="auto">{pageText}</div> : <p className="muted small">{t('pdf.noText')}</p>}
        </details>
      ) : null}
    </ViewerFrame>
  );
}
