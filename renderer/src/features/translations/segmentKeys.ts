/**
 * The translator's keys in a segment's target field (issue 14), as memoQ and Trados users type
 * them. Ctrl+Shift+S rather than a free-standing letter: Chromium and the app menu bind nothing
 * to it (the app's Ctrl+S is "save now", which a copy of the source also triggers harmlessly),
 * and memoQ uses the same chord. Ctrl+↑/↓ replace the text area's own paragraph jumps, which a
 * sentence-long segment has no use for.
 */
export type SegmentKeyAction = 'confirm' | 'copySource' | 'previous' | 'next';

export interface KeyLike { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }

export function segmentKeyAction(e: KeyLike): SegmentKeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return null;
  if (e.key === 'Enter' && !e.shiftKey) return 'confirm';
  if (e.shiftKey && e.key.toLowerCase() === 's') return 'copySource';
  if (!e.shiftKey && e.key === 'ArrowUp') return 'previous';
  if (!e.shiftKey && e.key === 'ArrowDown') return 'next';
  return null;
}

/** For aria-keyshortcuts on each target field. */
export const SEGMENT_KEYSHORTCUTS = 'Control+Enter Control+Shift+S Control+ArrowUp Control+ArrowDown';

/** The keys as the hint above the grid shows them; `what` is a key of the translations catalogue (keys.*). */
export const segmentKeyText = {
  confirm: { keys: 'Ctrl+Enter', what: 'confirm' },
  copySource: { keys: 'Ctrl+Shift+S', what: 'copySource' },
  move: { keys: 'Ctrl+↑ / Ctrl+↓', what: 'move' },
} as const;
