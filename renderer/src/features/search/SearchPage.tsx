import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorNote } from '../../components/Field';
import { Page } from '../../components/Page';
import { RECORD_TYPE_LABELS } from '../../components/labels';
import { B, Highlighted } from '../../components/text';
import { Link, navigate, paths, recordPath, useRoute } from '../../app/router';
import { isUnavailable, useSearch, type Facet, type SearchHit } from './searchApi';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../components/format';

/** A count as shown: 10,000+ when there are at least that many. */
function countText(n: number, more: boolean): string {
  return `${formatNumber(n)}${more ? '+' : ''}`;
}

/** Adds or removes a `key:value` filter in the query text. */
function toggleFilter(q: string, key: string, value: string): string {
  const token = /[\s"]/.test(value) ? `${key}:"${value}"` : `${key}:${value}`;
  if (q.includes(token)) return q.replace(token, '').replace(/\s+/g, ' ').trim();
  return `${q.trim()} ${token}`.trim();
}

/** Examples of the query language (typed as shown in every interface language) and what each finds (search catalogue, syntax.*). */
const SYNTAX = [
  ['kaabi nujaba', 'syntax.words'],
  ['"militarily liberate"', 'syntax.phrase'],
  ['liber*', 'syntax.prefix'],
  ['kaabi OR nujaba', 'syntax.or'],
  ['-truce', 'syntax.not'],
  ['type:statement', 'syntax.type'],
  ['speaker:kaabi lang:ar platform:x', 'syntax.fields'],
  ['from:2023-10 to:2023-11-01', 'syntax.dates'],
  ['case:"Al-Nujaba" tag:iraq marking:public status:open', 'syntax.filters'],
  ['mention:nujaba_official quran:8:17 url:x.com/nujaba/status/1', 'syntax.pivots'],
] as const;

export function SearchPage() {
  const route = useRoute();
  const q = route.query.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const result = useSearch(q);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(paths.search(text.trim()), { replace: true });
  };
  const setQuery = (next: string) => { setText(next); navigate(paths.search(next), { replace: true }); };
  const unavailable = isUnavailable(result.error);
  const { t } = useTranslation('search');

  return (
    <Page title={t('title')}>
      <form role="search" onSubmit={submit} className="search-form" aria-label={t('form')}>
        <label htmlFor="search-q" className="visually-hidden">{t('label')}</label>
        <input
          id="search-q" type="search" dir="auto" value={text} onChange={(e) => setText(e.target.value)} autoFocus
          placeholder={t('placeholder')} aria-describedby="search-syntax"
          aria-invalid={result.error?.body.field === 'q' || undefined}
        />
        <button type="submit">{t('submit')}</button>
      </form>
      <details className="syntax" id="search-syntax">
        <summary>{t('syntax.title')}</summary>
        <dl>{SYNTAX.map(([ex, what]) => <div key={ex}><dt><code dir="ltr">{ex}</code></dt><dd>{t(what)}</dd></div>)}</dl>
      </details>
      {unavailable ? (
        <p className="notice" role="status">{t('unavailable')}</p>
      ) : (
        <ErrorNote message={result.error?.message} />
      )}
      {result.data && q ? (
        <div className="search-results">
          <aside className="facets" aria-label={t('facets')}>
            <FacetList title={t('facet.type')} facets={result.data.facets.type} labelOf={(f) => RECORD_TYPE_LABELS[f.value] ?? f.label} onPick={(f) => setQuery(toggleFilter(q, 'type', f.value))} isOn={(f) => q.includes(`type:${f.value}`)} />
            <FacetList title={t('facet.case')} facets={result.data.facets.case} labelOf={(f) => f.label} onPick={(f) => setQuery(toggleFilter(q, 'case', f.value))} isOn={(f) => q.includes(`case:${f.value}`) || q.includes(`case:"${f.value}"`)} />
          </aside>
          <div>
            <p role="status" className="list-count" title={result.data.capped ? t('capped') : undefined}>
              {t('results', { count: result.data.capped ? Math.max(result.data.total, 100) : result.data.total, shown: countText(result.data.total, result.data.capped) })}
            </p>
            {result.data.expansions.length ? (
              <ul className="expansions muted small" aria-label={t('expansions')}>
                {result.data.expansions.map((x) => (
                  <li key={x.term}>
                    <B>{x.term}</B>{t('alsoMatched')}{x.names.map((n, i) => <B key={i} className="expansion">{n}</B>)}
                  </li>
                ))}
              </ul>
            ) : null}
            <ol className="hits" aria-label={t('hits')}>
              {result.data.hits.map((h) => <Hit key={`${h.type}:${h.id}`} hit={h} />)}
            </ol>
          </div>
        </div>
      ) : null}
    </Page>
  );
}

function FacetList({ title, facets, labelOf, onPick, isOn }: { title: string; facets: Facet[]; labelOf(f: Facet): string; onPick(f: Facet): void; isOn(f: Facet): boolean }) {
  if (!facets.length) return null;
  return (
    <section aria-label={title}>
      <h2 className="facet-title">{title}</h2>
      <ul className="plain-list">
        {facets.map((f) => (
          <li key={f.value}>
            <button type="button" className="facet" aria-pressed={isOn(f)} onClick={() => onPick(f)}>
              <B className="facet-label" title={labelOf(f)}>{labelOf(f)}</B> <span className="count">{countText(f.count, f.more)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const href = recordPath(hit.type, hit.id);
  const title = <B>{hit.title}</B>;
  return (
    <li className="hit">
      <div className="hit-head">
        <span className="chip subtle">{RECORD_TYPE_LABELS[hit.type] ?? hit.type}</span>
        {href ? <Link to={href} className="hit-title">{title}</Link> : <span className="hit-title">{title}</span>}
      </div>
      {hit.snippet.text ? (
        <p className="snippet" dir="auto"><Highlighted text={hit.snippet.text} highlights={hit.snippet.highlights} /></p>
      ) : null}
    </li>
  );
}
