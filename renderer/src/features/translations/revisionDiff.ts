/**
 * Word-level differences between two revisions, aligned segment by segment (segment ids are
 * stable across edits, merges and splits). Pure data: Diff.tsx turns it into React nodes, never
 * HTML.
 */
import { diffWords } from 'diff';
import type { TranslationSegment } from '../../../../shared/domain';

export interface DiffPart {
  kind: 'same' | 'ins' | 'del';
  text: string;
}

function wordSegmenter(lang: string | null | undefined): Intl.Segmenter | undefined {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return undefined;
  try {
    return new Intl.Segmenter(lang || undefined, { granularity: 'word' });
  } catch {
    return undefined;
  }
}

/** The words of `after` against those of `before`: what stayed, what was inserted, what was deleted. */
export function wordDiff(before: string, after: string, lang?: string | null): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  if (!before) return [{ kind: 'ins', text: after }];
  if (!after) return [{ kind: 'del', text: before }];
  const segmenter = wordSegmenter(lang);
  const changes = diffWords(before, after, segmenter ? { intlSegmenter: segmenter } : {});
  return changes
    .filter((c) => c.value !== '')
    .map((c) => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'same', text: c.value }));
}

export interface DiffRow {
  /** The segment id (the same in both revisions when it was kept). */
  id: string;
  before: TranslationSegment | null;
  after: TranslationSegment | null;
  parts: DiffPart[];
  /** The original text under the segment changed (a merge or a split). */
  sourceChanged: boolean;
  changed: boolean;
}

/**
 * One row per segment of `after`, in its order; segments only `before` has (merged away or
 * split differently) come right after the row of the segment that preceded them. `before` null
 * compares against nothing: every word is new.
 */
export function alignRevisions(before: readonly TranslationSegment[] | null, after: readonly TranslationSegment[], lang?: string | null): DiffRow[] {
  const old = new Map((before ?? []).map((s) => [s.id, s]));
  const kept = new Set(after.map((s) => s.id));
  const row = (b: TranslationSegment | null, a: TranslationSegment | null): DiffRow => {
    const parts = wordDiff(b?.target ?? '', a?.target ?? '', lang);
    const sourceChanged = !!a && !!b && (a.source !== b.source || a.sourceStart !== b.sourceStart || a.sourceEnd !== b.sourceEnd);
    return { id: (a ?? b)!.id, before: b, after: a, parts, sourceChanged, changed: sourceChanged || parts.some((p) => p.kind !== 'same') };
  };
  // Segments only `before` has, grouped under the nearest earlier segment that both have.
  const orphans = new Map<string | null, TranslationSegment[]>();
  let anchor: string | null = null;
  for (const b of before ?? []) {
    if (kept.has(b.id)) { anchor = b.id; continue; }
    const list = orphans.get(anchor) ?? [];
    list.push(b);
    orphans.set(anchor, list);
  }
  const rows: DiffRow[] = (orphans.get(null) ?? []).map((b) => row(b, null));
  for (const a of after) {
    rows.push(row(old.get(a.id) ?? null, a));
    for (const b of orphans.get(a.id) ?? []) rows.push(row(b, null));
  }
  return rows;
}

export function countChanges(rows: readonly DiffRow[]): { inserted: number; deleted: number } {
  const words = (t: string) => t.split(/\s+/u).filter(Boolean).length;
  let inserted = 0;
  let deleted = 0;
  for (const r of rows) {
    for (const p of r.parts) {
      if (p.kind === 'ins') inserted += words(p.text);
      if (p.kind === 'del') deleted += words(p.text);
    }
  }
  return { inserted, deleted };
}
