import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ViewerFrame } from './ViewerFrame';
import { actualSize, applyKey, fit, panBy, percent, viewerKey, zoomIn, zoomOut, type Sizes, type Viewport } from './viewport';

/**
 * An image attachment, zoomable and pannable by keyboard, buttons, wheel and drag. The bytes
 * come from the Core (decrypted and verified there) as a blob: URL, which the CSP allows for
 * images; nothing else is loaded.
 */
export function ImageViewer({ src, name, isOpen, onClose }: { src: string; name: string; isOpen: boolean; onClose(): void }) {
  const { t } = useTranslation('evidence');
  const [full, setFull] = useState(false);
  const [view, setView] = useState<Viewport>({ scale: 1, x: 0, y: 0, fitted: true });
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: number; x: number; y: number } | null>(null);
  const ids = useId();

  const sizes = useCallback((): Sizes => {
    const r = stage.current?.getBoundingClientRect();
    return { stageW: r?.width ?? 0, stageH: r?.height ?? 0, imageW: natural?.w ?? 0, imageH: natural?.h ?? 0 };
  }, [natural]);

  // A fitted image follows the stage as it changes (full window, a resized window).
  useLayoutEffect(() => {
    const el = stage.current;
    if (!el || !natural) return;
    const refit = () => setView((v) => (v.fitted ? fit(sizes()) : v));
    refit();
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(refit) : null;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, [natural, full, sizes]);

  useEffect(() => { if (isOpen) stage.current?.focus(); }, [isOpen, natural]);

  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const k = viewerKey(e.key, e.shiftKey);
    if (!k) return;
    e.preventDefault();
    if (k === 'full') setFull((f) => !f);
    else setView((v) => applyKey(v, k, sizes()));
  };
  const down = (e: PointerEvent) => {
    if (e.button !== 0) return;
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const move = (e: PointerEvent) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    setView((v) => panBy(v, e.clientX - d.x, e.clientY - d.y, sizes()));
    drag.current = { ...d, x: e.clientX, y: e.clientY };
  };
  const up = () => { drag.current = null; };

  const toolbar = (
    <>
      <button type="button" className="quiet small" onClick={() => setView((v) => zoomOut(v, sizes()))}>{t('image.zoomOut')}</button>
      <button type="button" className="quiet small" onClick={() => setView((v) => zoomIn(v, sizes()))}>{t('image.zoomIn')}</button>
      <button type="button" className="quiet small" aria-label={t('image.fitLong')} aria-pressed={view.fitted} onClick={() => setView(fit(sizes()))}>{t('image.fit')}</button>
      <button type="button" className="quiet small" aria-label={t('image.actualLong')} onClick={() => setView(actualSize())}>{t('image.actual')}</button>
      <output className="viewer-zoom muted small" aria-live="polite" htmlFor={`${ids}-stage`}>{t('image.zoom', { zoom: percent(view) })}</output>
    </>
  );
  return (
    <ViewerFrame isOpen={isOpen} onClose={onClose} name={name} kind={t('image.kind')} full={full} onFull={setFull} toolbar={toolbar}>
      <p id={`${ids}-keys`} className="visually-hidden">{t('image.keys')}</p>
      <div
        id={`${ids}-stage`} ref={stage} className="viewer-stage image-stage" tabIndex={0} role="group" aria-roledescription={t('image.role')}
        aria-label={t('image.stage', { name })} aria-describedby={`${ids}-keys`}
        onKeyDown={onKey} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up}
        onWheel={(e) => setView((v) => (e.deltaY < 0 ? zoomIn(v, sizes()) : zoomOut(v, sizes())))}
      >
        <img
          src={src} alt={name} draggable={false} className="viewer-image"
          onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
          data-scale={view.scale.toFixed(4)}
        />
      </div>
    </ViewerFrame>
  );
}
