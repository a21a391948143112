// Zoom and pan of the image viewer as plain state: what each key or button does, testable
// without a DOM. `scale` 1 is the image's own pixels (1:1); `fit` scales it to the stage.

export interface Viewport {
  scale: number;
  /** Offset of the image's centre from the stage's centre, in screen pixels. */
  x: number;
  y: number;
  /** Follows the stage's size (the scale is recomputed when the window changes). */
  fitted: boolean;
}

export interface Sizes { stageW: number; stageH: number; imageW: number; imageH: number }

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 16;
const STEP = 1.25;
export const PAN_STEP = 40;
export const PAN_STEP_LARGE = 200;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The scale at which the whole image shows in the stage (never above 1:1 for a small image). */
export function fitScale(z: Sizes): number {
  if (z.imageW <= 0 || z.imageH <= 0 || z.stageW <= 0 || z.stageH <= 0) return 1;
  return clampScale(Math.min(1, z.stageW / z.imageW, z.stageH / z.imageH));
}

export const fit = (z: Sizes): Viewport => ({ scale: fitScale(z), x: 0, y: 0, fitted: true });
export const actualSize = (): Viewport => ({ scale: 1, x: 0, y: 0, fitted: false });

/** Keeps at least part of the image on the stage: it cannot be panned out of sight. */
function clampPan(v: Viewport, z: Sizes): Viewport {
  const maxX = Math.max(0, (z.imageW * v.scale + z.stageW) / 2 - 40);
  const maxY = Math.max(0, (z.imageH * v.scale + z.stageH) / 2 - 40);
  return { ...v, x: Math.min(maxX, Math.max(-maxX, v.x)), y: Math.min(maxY, Math.max(-maxY, v.y)) };
}

export function zoomBy(v: Viewport, factor: number, z: Sizes): Viewport {
  const scale = clampScale(v.scale * factor);
  const k = scale / v.scale;
  // Zooms about the stage's centre: what is in the middle stays in the middle.
  return clampPan({ scale, x: v.x * k, y: v.y * k, fitted: false }, z);
}

export const zoomIn = (v: Viewport, z: Sizes) => zoomBy(v, STEP, z);
export const zoomOut = (v: Viewport, z: Sizes) => zoomBy(v, 1 / STEP, z);
export const panBy = (v: Viewport, dx: number, dy: number, z: Sizes): Viewport => clampPan({ ...v, x: v.x + dx, y: v.y + dy, fitted: false }, z);

export type ViewerKey = 'zoomIn' | 'zoomOut' | 'fit' | 'actual' | 'full' | { pan: [number, number] };

/**
 * What a key does in the viewer. Arrows move the picture the way the arrow points (as a map
 * does), Shift for larger steps. Escape is the dialog's: it closes the viewer.
 */
export function viewerKey(key: string, shift: boolean): ViewerKey | null {
  const step = shift ? PAN_STEP_LARGE : PAN_STEP;
  switch (key) {
    case '+': case '=': return 'zoomIn';
    case '-': case '_': return 'zoomOut';
    case '0': return 'fit';
    case '1': return 'actual';
    case 'f': case 'F': return 'full';
    case 'ArrowLeft': return { pan: [-step, 0] };
    case 'ArrowRight': return { pan: [step, 0] };
    case 'ArrowUp': return { pan: [0, -step] };
    case 'ArrowDown': return { pan: [0, step] };
    default: return null;
  }
}

export function applyKey(v: Viewport, k: Exclude<ViewerKey, 'full'>, z: Sizes): Viewport {
  if (k === 'zoomIn') return zoomIn(v, z);
  if (k === 'zoomOut') return zoomOut(v, z);
  if (k === 'fit') return fit(z);
  if (k === 'actual') return actualSize();
  return panBy(v, k.pan[0], k.pan[1], z);
}

export const percent = (v: Viewport) => Math.round(v.scale * 100);
