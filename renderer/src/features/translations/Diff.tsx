import type { ReactNode } from 'react';
import type { TranslationRevision } from '../../../../shared/domain';
import { Captured } from '../../components/text';
import { languageLabel } from '../../components/labels';
import { alignRevisions, countChanges } from './revisionDiff';
import type { DiffPart, DiffRow } from './revisionDiff';

/** Inserted and deleted words as <ins>/<del> elements with a marker each (not colour only). Text nodes, never HTML. */
export function WordDiff({ parts }: { parts: readonly DiffPart[] }) {
  if (parts.length === 0) return <span className="muted">(empty)</span>;
  return (
    <>
      {parts.map((p, i) => {
        // The mark (+ or −) belongs to the wrapper, so the strike-through of <del> does not cross it.
        if (p.kind === 'ins') return <span key={i} className="diff-ins"><ins>{p.text}</ins></span>;
        if (p.kind === 'del') return <span key={i} className="diff-del"><del>{p.text}</del></span>;
        return <span key={i}>{p.text}</span>;
      })}
    </>
  );
}

export function DiffLegend() {
  return (
    <p className="diff-legend small muted">
      <span className="diff-ins"><ins>inserted</ins></span> words are underlined and marked +;{' '}
      <span className="diff-del"><del>deleted</del></span> words are struck through and marked −.
    </p>
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Two revisions side by side with the original: one row per segment, the target's words
 * inserted and deleted since `before` (null: against nothing). `extra` adds to a row (comments,
 * a reviewer's comment box).
 */
export function RevisionDiff({ before, after, sourceLang, targetLang, label, extra, onlyChanged = false }: {
  before: TranslationRevision | null;
  after: TranslationRevision;
  sourceLang: string | null;
  targetLang: string;
  label: string;
  extra?: (row: DiffRow, position: number | null) => ReactNode;
  onlyChanged?: boolean;
}) {
  const rows = alignRevisions(before?.segments ?? null, after.segments, targetLang);
  const { inserted, deleted } = countChanges(rows);
  const positions = new Map(after.segments.map((s, i) => [s.id, i + 1]));
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;
  const noOriginal = after.publishedWithoutOriginal && after.segments.every((s) => s.source === '');
  return (
    <div className="revision-diff">
      <p className="diff-summary" role="status">
        {before ? `Revision ${after.number} against revision ${before.number}: ` : `Revision ${after.number} against nothing (empty): `}
        {plural(inserted, 'word', 'words')} inserted, {plural(deleted, 'word', 'words')} deleted
        {rows.some((r) => r.sourceChanged || !r.before || !r.after) && before ? '; segments were merged or split' : ''}.
      </p>
      <DiffLegend />
      <table className="tr-grid diff-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="tr-num">#</th>
            {noOriginal ? null : <th scope="col">Original{sourceLang ? ` (${languageLabel(sourceLang)})` : ''}</th>}
            <th scope="col">{languageLabel(targetLang)}: changes</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const position = row.after ? positions.get(row.after.id) ?? null : null;
            const source = row.after?.source ?? row.before?.source ?? '';
            return (
              <tr key={`${row.id}-${row.after ? 'a' : 'b'}`} className={row.after ? undefined : 'diff-removed-row'} data-segment={row.id}>
                <th scope="row" className="tr-num">{position ?? <span title={`Segment ${row.id} is not in revision ${after.number}`}>−</span>}</th>
                {noOriginal ? null : (
                  <td className="tr-source" lang={sourceLang ?? undefined}>
                    <Captured text={source} className="original-text" />
                    {row.sourceChanged ? <p className="field-hint">The original under this segment changed (merged or split).</p> : null}
                    {!row.after ? <p className="field-hint">Not in revision {after.number} (merged or split away).</p> : null}
                    {row.after && !row.before && before ? <p className="field-hint">New segment.</p> : null}
                  </td>
                )}
                <td className="tr-target">
                  <div className="diff-text" dir="auto" lang={targetLang}><WordDiff parts={row.parts} /></div>
                  {extra?.(row, position)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted">No segment changed.</p> : null}
    </div>
  );
}
