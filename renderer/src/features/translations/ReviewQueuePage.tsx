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
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation('translations');

  return (
    <Page title={t('queue.title')}>
      <p className="muted">
        {t('queue.intro')}
        {isReviewer ? '' : t('queue.notReviewer')}
      </p>
      <div className="filters" role="group" aria-label={t('queue.filters')}>
        <label className="inline-field" htmlFor={`${ids}-case`}><span>{t('queue.case')}</span></label>
        <select id={`${ids}-case`} value={caseId ?? ''} onChange={(e) => set('case', e.target.value)}>
          <option value="">{t('queue.allCases')}</option>
          {(cases.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
        </select>
        <label className="inline-field" htmlFor={`${ids}-lang`}><span>{t('queue.language')}</span></label>
        <select id={`${ids}-lang`} value={targetLang ?? ''} onChange={(e) => set('lang', e.target.value)}>
          <option value="">{t('queue.allLanguages')}</option>
          {LANGUAGES.map((l) => <option key={l.tag} value={l.tag}>{l.label}</option>)}
        </select>
        <label className="inline-field" htmlFor={`${ids}-tr`}><span>{t('queue.translator')}</span></label>
        <select id={`${ids}-tr`} value={translatorId ?? ''} onChange={(e) => set('translator', e.target.value)}>
          <option value="">{t('queue.anyone')}</option>
          {profiles.list.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        {filtered ? <button type="button" className="quiet small" onClick={() => navigate(translationPaths.queue(), { replace: true })}>{t('queue.clear')}</button> : null}
      </div>
      <ErrorNote message={q.error?.message} />
      {q.isPending ? <Loading what={t('queue.loading')} /> : null}
      {q.data ? (
        <>
          <p className="list-count" role="status">
            {q.data.total === 0 ? (filtered ? t('queue.noneFiltered') : t('queue.none'))
              : `${t('queue.waiting', { count: q.data.total })}${q.data.total > q.data.items.length ? t('queue.shown', { count: q.data.items.length }) : ''}`}
          </p>
          {q.data.items.length ? (
            <table className="table review-queue" aria-label={t('queue.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('queue.col.submitted')}</th>
                  <th scope="col">{t('queue.col.statement')}</th>
                  <th scope="col">{t('queue.col.languages')}</th>
                  <th scope="col">{t('queue.col.revision')}</th>
                  <th scope="col">{t('queue.col.translator')}</th>
                  <th scope="col">{t('queue.col.cases')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((item) => (
                  <tr key={item.revisionId}>
                    <td className="nowrap">{formatStamp(item.submittedAt)}</td>
                    <td>
                      <Link to={translationPaths.review(item.translationId)} className="row-title"><B>{item.statementTitle}</B></Link>
                      {item.ownWork ? <span className="chip subtle tr-own" title={t('queue.ownTitle')}>{t('queue.own')}</span> : null}
                    </td>
                    <td className="nowrap">{langPair(item.sourceLang, item.targetLang)}</td>
                    <td>{t('queue.segments', { n: String(item.number), count: item.segments })}</td>
                    <td><B>{profiles.name(item.translatorId)}</B></td>
                    <td>{item.caseIds.map((c) => caseTitle.get(c) ?? '').filter(Boolean).map((title) => <B key={title} className="alias-inline">{title}</B>)}</td>
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
