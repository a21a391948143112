import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TranslationRevision } from '../../../../shared/domain';
import { Captured } from '../../components/text';
import { languageLabel } from '../../components/labels';
import { alignRevisions, countChanges } from './revisionDiff';
import type { DiffPart, DiffRow } from './revisionDiff';

/** Inserted and deleted words as <ins>/<del> elements with a marker each (not colour only). Text nodes, never HTML. */
export function WordDiff({ parts }: { parts: readonly DiffPart[] }) {
  const { t } = useTranslation('translations');
  if (parts.length === 0) return <span className="muted">{t('diff.empty')}</span>;
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

// Trans puts the sentence's words inside these; the mark (+ or −) stays on the wrapper.
function Inserted({ children }: { children?: ReactNode }) {
  return <span className="diff-ins"><ins>{children}</ins></span>;
}
function Deleted({ children }: { children?: ReactNode }) {
  return <span className="diff-del"><del>{children}</del></span>;
}

export function DiffLegend() {
  const { t } = useTranslation('translations');
  return (
    <p className="diff-legend small muted">
      <Trans t={t} i18nKey="diff.legend" components={{ ins: <Inserted />, del: <Deleted /> }} />
    </p>
  );
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
  const { t } = useTranslation('translations');
  const rows = alignRevisions(before?.segments ?? null, after.segments, targetLang);
  const { inserted, deleted } = countChanges(rows);
  const positions = new Map(after.segments.map((s, i) => [s.id, i + 1]));
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;
  const noOriginal = after.publishedWithoutOriginal && after.segments.every((s) => s.source === '');
  return (
    <div className="revision-diff">
      <p className="diff-summary" role="status">
        {t('diff.summary', {
          head: before ? t('diff.head', { after: String(after.number), before: String(before.number) }) : t('diff.headNothing', { after: String(after.number) }),
          inserted: t('diff.words', { count: inserted }),
          deleted: t('diff.words', { count: deleted }),
          split: rows.some((r) => r.sourceChanged || !r.before || !r.after) && before ? t('diff.split') : '',
        })}
      </p>
      <DiffLegend />
      <table className="tr-grid diff-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="tr-num">#</th>
            {noOriginal ? null : <th scope="col">{sourceLang ? t('diff.originalIn', { language: languageLabel(sourceLang) }) : t('diff.original')}</th>}
            <th scope="col">{t('diff.changes', { language: languageLabel(targetLang) })}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const position = row.after ? positions.get(row.after.id) ?? null : null;
            const source = row.after?.source ?? row.before?.source ?? '';
            return (
              <tr key={`${row.id}-${row.after ? 'a' : 'b'}`} className={row.after ? undefined : 'diff-removed-row'} data-segment={row.id}>
                <th scope="row" className="tr-num">{position ?? <span title={t('diff.notIn', { id: row.id, n: String(after.number) })}>{t('diff.absent')}</span>}</th>
                {noOriginal ? null : (
                  <td className="tr-source" lang={sourceLang ?? undefined}>
                    <Captured text={source} className="original-text" />
                    {row.sourceChanged ? <p className="field-hint">{t('diff.sourceChanged')}</p> : null}
                    {!row.after ? <p className="field-hint">{t('diff.gone', { n: String(after.number) })}</p> : null}
                    {row.after && !row.before && before ? <p className="field-hint">{t('diff.newSegment')}</p> : null}
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
      {shown.length === 0 ? <p className="muted">{t('diff.noChange')}</p> : null}
    </div>
  );
}
