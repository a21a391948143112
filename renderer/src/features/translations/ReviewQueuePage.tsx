import { useId } from 'react';
import { ErrorNote } from '../../components/Field';
import { Loading, Page } from '../../components/Page';
import { formatStamp } from '../../components/format';
import { LANGUAGES } from '../../components/labels';
import { useProfiles } from '../../data/lookups';
import { useApiQuery } from '../../data/query';
import { Link, navigate, useRoute, withQuery } from '../../app/router';
import { langPair } from './labels';
import { translationPaths } from './paths';
import { useCan } from '../../data/permissions';
import { B } from '../../components/text';

/** Revisions waiting for review, oldest submission first, filtered by case, language and translator. */
export function ReviewQueuePage() {
  const route = useRoute();
  const profiles = useProfiles();
  const ids = useId();
  const caseId = route.query.get('case') || undefined;
  const targetLang = route.query.get('lang') || undefined;
  const translatorId = route.query.get('translator') || undefined;
  const q = useApiQuery('translations.queue', { caseId, targetLang, translatorId, limit: 500, offset: 0 });
  const cases = useApiQuery('cases.list', { limit: 1000, sort: 'title', dir: 'asc' }, { staleTime: 30_000 });
  const caseTitle = new Map((cases.data?.items ?? []).map((c) => [c.id, c.title]));
  const set = (key: string, value: string) => {
    navigate(withQuery(translationPaths.queue(), { case: caseId, lang: targetLang, translator: translatorId, [key]: value || undefined }), { replace: true });
  };
  const filtered = !!(caseId || targetLang || translatorId);
  const isReviewer = useCan('translations.review').allowed;

  return (
    <Page title="Review queue">
      <p className="muted">
        Translations submitted for review, oldest first. A reviewer who did not translate or edit a revision approves it or sends it back with comments.
        {isReviewer ? '' : ' Only reviewers approve or request changes; this profile can read the reviews.'}
      </p>
      <div className="filters" role="group" aria-label="Filter the queue">
        <label className="inline-field" htmlFor={`${ids}-case`}><span>Case</span></label>
        <select id={`${ids}-case`} value={caseId ?? ''} onChange={(e) => set('case', e.target.value)}>
          <option value="">All cases</option>
          {(cases.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
        </select>
        <label className="inline-field" htmlFor={`${ids}-lang`}><span>Language</span></label>
        <select id={`${ids}-lang`} value={targetLang ?? ''} onChange={(e) => set('lang', e.target.value)}>
          <option value="">All languages</option>
          {LANGUAGES.map((l) => <option key={l.tag} value={l.tag}>{l.label}</option>)}
        </select>
        <label className="inline-field" htmlFor={`${ids}-tr`}><span>Translator</span></label>
        <select id={`${ids}-tr`} value={translatorId ?? ''} onChange={(e) => set('translator', e.target.value)}>
          <option value="">Anyone</option>
          {profiles.list.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        {filtered ? <button type="button" className="quiet small" onClick={() => navigate(translationPaths.queue(), { replace: true })}>Clear filters</button> : null}
      </div>
      <ErrorNote message={q.error?.message} />
      {q.isPending ? <Loading what="the queue" /> : null}
      {q.data ? (
        <>
          <p className="list-count" role="status">
            {q.data.total === 0 ? (filtered ? 'Nothing waiting for review matches these filters.' : 'Nothing is waiting for review.')
              : `${q.data.total} waiting for review${q.data.total > q.data.items.length ? ` (the oldest ${q.data.items.length} shown)` : ''}`}
          </p>
          {q.data.items.length ? (
            <table className="table review-queue" aria-label="Waiting for review">
              <thead>
                <tr>
                  <th scope="col">Submitted</th>
                  <th scope="col">Statement</th>
                  <th scope="col">Languages</th>
                  <th scope="col">Revision</th>
                  <th scope="col">Translator</th>
                  <th scope="col">Cases</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((item) => (
                  <tr key={item.revisionId}>
                    <td className="nowrap">{formatStamp(item.submittedAt)}</td>
                    <td>
                      <Link to={translationPaths.review(item.translationId)} className="row-title"><B>{item.statementTitle}</B></Link>
                      {item.ownWork ? <span className="chip subtle tr-own" title="You translated or edited this revision: four eyes keep you from approving it.">Your work</span> : null}
                    </td>
                    <td className="nowrap">{langPair(item.sourceLang, item.targetLang)}</td>
                    <td>{item.number} · {item.segments} {item.segments === 1 ? 'segment' : 'segments'}</td>
                    <td><B>{profiles.name(item.translatorId)}</B></td>
                    <td>{item.caseIds.map((c) => caseTitle.get(c) ?? '').filter(Boolean).map((t) => <B key={t} className="alias-inline">{t}</B>)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
