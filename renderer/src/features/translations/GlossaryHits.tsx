import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GlossaryTerm } from '../../../../shared/domain';
import { findTerms, prepareTerms, type Prepared, type TermHit } from '../../../../shared/text/glossary';
import { Highlighted, B } from '../../components/text';
import { useApiQuery } from '../../data/query';

const primary = (t: string) => (t.split('-')[0] as string).toLowerCase();

/** The desk's glossary terms for a language pair, folded once for every segment. */
export function useGlossary(sourceLang: string | null, targetLang: string): Prepared<GlossaryTerm>[] {
  const q = useApiQuery('glossary.list', {}, { staleTime: 60_000 });
  return useMemo(() => {
    if (!sourceLang || !q.data) return prepareTerms<GlossaryTerm>([]);
    return prepareTerms(q.data.filter((t) => primary(t.sourceLang) === primary(sourceLang) && primary(t.targetLang) === primary(targetLang)));
  }, [q.data, sourceLang, targetLang]);
}

export function useTermHits(source: string, glossary: Prepared<GlossaryTerm>[]): TermHit<GlossaryTerm>[] {
  return useMemo(() => (glossary.length ? findTerms(source, glossary) : []), [source, glossary]);
}

/** The original with its glossary terms marked (text nodes only, in its own direction). */
export function SourceWithTerms({ source, hits }: { source: string; hits: readonly TermHit<GlossaryTerm>[] }) {
  return (
    <div className="captured original-text tr-source-terms" dir="auto">
      <Highlighted text={source} highlights={hits.map((h) => [h.start, h.end] as const)} />
    </div>
  );
}

/** Each term found, with its approved rendering(s) and the ones to avoid; a click inserts a rendering. */
export function TermList({ hits, position, targetLang, onInsert }: {
  hits: readonly TermHit<GlossaryTerm>[]; position: number; targetLang: string; onInsert: ((rendering: string) => void) | null;
}) {
  const { t } = useTranslation('translations');
  const seen = new Set<string>();
  const unique = hits.filter((h) => (seen.has(h.term.id) ? false : (seen.add(h.term.id), true)));
  if (unique.length === 0) return null;
  return (
    <ul className="plain-list tr-terms small" aria-label={t('terms.listLabel', { n: position })}>
      {unique.map((h) => (
        <li key={h.term.id} className="tr-term">
          <mark><B>{h.text}</B></mark>{' → '}
          {h.term.renderings.map((r, i) => (
            <span key={r}>
              {i > 0 ? ' / ' : null}
              <B lang={targetLang} className="tr-term-ok">{r}</B>
              {onInsert ? (
                <button type="button" className="quiet small" onClick={() => onInsert(r)} aria-label={t('terms.insertLabel', { rendering: r })}>{t('terms.insert')}</button>
              ) : null}
            </span>
          ))}
          {h.term.forbidden.length ? (
            <span className="tr-term-bad"> · {t('terms.forbidden')}: {h.term.forbidden.map((f, i) => <span key={f}>{i > 0 ? ', ' : null}<s><B lang={targetLang}>{f}</B></s></span>)}</span>
          ) : null}
          {h.term.notes ? <span className="muted"> · <B>{h.term.notes}</B></span> : null}
        </li>
      ))}
    </ul>
  );
}
