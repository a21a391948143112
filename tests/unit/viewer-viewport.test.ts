// The image viewer's zoom and pan (renderer/src/features/evidence/viewport.ts): what each key
// does, and the bounds that keep the picture on the stage.
import { describe, expect, it } from 'vitest';
import {
  MAX_SCALE, MIN_SCALE, PAN_STEP, PAN_STEP_LARGE, actualSize, applyKey, fit, fitScale, panBy, percent, viewerKey, zoomIn, zoomOut, type Viewport,
} from '../../renderer/src/features/evidence/viewport';

const big = { stageW: 800, stageH: 600, imageW: 1600, imageH: 1000 };
const small = { stageW: 800, stageH: 600, imageW: 200, imageH: 100 };

describe('image viewer viewport', () => {
  it('fit shows the whole of a large image and never enlarges a small one', () => {
    expect(fitScale(big)).toBe(0.5);
    expect(fitScale({ ...big, imageH: 3000 })).toBe(0.2);
    expect(fitScale(small)).toBe(1);
    expect(fit(big)).toEqual({ scale: 0.5, x: 0, y: 0, fitted: true });
    expect(actualSize()).toEqual({ scale: 1, x: 0, y: 0, fitted: false });
  });

  it('zooms in and out by steps about the centre, within bounds, and leaves fit', () => {
    const v: Viewport = { scale: 1, x: 100, y: -40, fitted: true };
    const z = zoomIn(v, big);
    expect(z).toEqual({ scale: 1.25, x: 125, y: -50, fitted: false });
    expect(zoomOut(z, big).scale).toBeCloseTo(1, 10);
    let far = v;
    for (let i = 0; i < 100; i++) far = zoomIn(far, big);
    expect(far.scale).toBe(MAX_SCALE);
    for (let i = 0; i < 200; i++) far = zoomOut(far, big);
    expect(far.scale).toBe(MIN_SCALE);
    expect(percent({ ...v, scale: 0.745 })).toBe(75);
  });

  it('pans, but never so far that the image leaves the stage', () => {
    const v = actualSize();
    expect(panBy(v, -80, 30, big)).toEqual({ scale: 1, x: -80, y: 30, fitted: false });
    // Half the image plus half the stage, less a margin that stays in sight.
    expect(panBy(v, -100_000, 100_000, big)).toEqual({ scale: 1, x: -(1600 + 800) / 2 + 40, y: (1000 + 600) / 2 - 40, fitted: false });
  });

  it('keys: + and - zoom, arrows pan (Shift for larger steps), 0 fits, 1 is actual size, F is full window; others are left alone', () => {
    expect(viewerKey('+', false)).toBe('zoomIn');
    expect(viewerKey('=', false)).toBe('zoomIn');
    expect(viewerKey('-', false)).toBe('zoomOut');
    expect(viewerKey('0', false)).toBe('fit');
    expect(viewerKey('1', false)).toBe('actual');
    expect(viewerKey('f', false)).toBe('full');
    expect(viewerKey('ArrowLeft', false)).toEqual({ pan: [-PAN_STEP, 0] });
    expect(viewerKey('ArrowDown', true)).toEqual({ pan: [0, PAN_STEP_LARGE] });
    // Escape belongs to the dialog (it closes the viewer); Tab moves focus as everywhere.
    expect(viewerKey('Escape', false)).toBeNull();
    expect(viewerKey('Tab', false)).toBeNull();
    const at = applyKey(actualSize(), { pan: [PAN_STEP, 0] }, big);
    expect(at.x).toBe(PAN_STEP);
    expect(applyKey(at, 'fit', big)).toEqual(fit(big));
    expect(applyKey(fit(big), 'actual', big)).toEqual(actualSize());
  });
});
