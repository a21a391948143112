import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { TranslationRevision } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { Loading, Page } from '../../components/Page';
import { formatStamp } from '../../components/format';
import { languageLabel } from '../../components/labels';
import { useProfiles } from '../../data/lookups';
import { useApiQuery } from '../../data/query';
import { Link, navigate, paths, useRoute } from '../../app/router';
import { statementTitle } from '../../../../shared/domain';
import { CommentList } from './Comments';
import { RevisionDiff } from './Diff';
import { ORIGIN_LABELS } from './labels';
import { translationPaths } from './paths';
import { StateBadge } from './StateBadge';
import { B } from '../../components/text';

/** Every revision of a translation with who did what and when; any two compared word by word. */
export function HistoryPage({ translationId }: { translationId: string }) {
  const { t } = useTranslation('translations');
  const route = useRoute();
  const ids = useId();
  const profiles = useProfiles();
  const history = useApiQuery('translations.history', { id: translationId });
  const statement = useApiQuery('statements.get', history.data ? { id: history.data.translation.statementId } : null);
  if (history.error) return <Page title={t('history.title')}><ErrorNote message={history.error.message} /></Page>;
  if (!history.data) return <Page title={t('history.title')}><Loading what={t('history.loading')} /></Page>;
  const { translation, revisions, comments } = history.data;
  const latest = revisions[revisions.length - 1]!;
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const to = byId.get(route.query.get('to') ?? '') ?? latest;
  const fromParam = route.query.get('from');
  // Default: against the revision before it ("none" compares against empty).
  const from = fromParam === 'none' ? null : byId.get(fromParam ?? '') ?? revisions[revisions.indexOf(to) - 1] ?? null;
  const pick = (f: TranslationRevision | null, upTo: TranslationRevision) =>
    navigate(translationPaths.history(translation.id, f ? f.id : 'none', upTo.id), { replace: true });
  const who = (id: string | null) => <B>{profiles.name(id)}</B>;
  const title = statement.data ? statementTitle(statement.data) : t('history.statement');

  return (
    <Page
      title={<Trans t={t} i18nKey="history.heading" values={{ title, language: languageLabel(translation.targetLang) }} components={{ b: <B /> }} />}
      actions={
        <>
          <Link to={paths.statement(translation.statementId)}>{t('history.toStatement')}</Link>
          {latest.state === 'in_review' ? <Link to={translationPaths.review(translation.id)}>{t('history.review')}</Link> : null}
        </>
      }
    >
      <table className="table tr-history" aria-label={t('history.revisions')}>
        <thead>
          <tr>
            <th scope="col">{t('history.col.revision')}</th>
            <th scope="col">{t('history.col.state')}</th>
            <th scope="col">{t('history.col.made')}</th>
            <th scope="col">{t('history.col.submitted')}</th>
            <th scope="col">{t('history.col.reviewed')}</th>
            <th scope="col">{t('history.col.compare')}</th>
          </tr>
        </thead>
        <tbody>
          {[...revisions].reverse().map((r) => (
            <tr key={r.id} className={r.id === to.id || r.id === from?.id ? 'is-picked' : undefined}>
              <th scope="row">{r.number}</th>
              <td>
                <StateBadge revision={r} />
                {r.approvedSha256 ? (
                  <div className="small muted">
                    {t('history.sha')} <code title={r.approvedSha256}>{r.approvedSha256.slice(0, 12)}…</code> {r.approvalValid === false ? <strong className="danger-text">{t('history.mismatch')}</strong> : null}
                  </div>
                ) : null}
              </td>
              <td>
                {ORIGIN_LABELS[r.origin]} {formatStamp(r.createdAt)}
                <div className="small muted">
                  {t('history.translator')} {who(r.translatorId)}
                  {r.editedBy.some((p) => p !== r.translatorId)
                    ? <>{t('history.alsoEdited')}{r.editedBy.filter((p) => p !== r.translatorId).map((p, i) => <span key={p}>{i ? ', ' : ''}{who(p)}</span>)}</>
                    : null}
                </div>
              </td>
              <td>{r.submittedAt ? <>{who(r.submittedBy)}{t('history.when', { when: formatStamp(r.submittedAt) })}</> : t('history.none')}</td>
              <td>
                {r.reviewedAt ? <>{who(r.reviewedBy)}{t('history.when', { when: formatStamp(r.reviewedAt) })}</> : t('history.none')}
                {r.publishedAt ? <div className="small muted">{t('history.publishedAt', { when: formatStamp(r.publishedAt) })}</div> : null}
              </td>
              <td className="nowrap">
                <label className="check small">
                  <input type="radio" name={`${ids}-from`} checked={from?.id === r.id} disabled={r.number >= to.number} onChange={() => pick(r, to)} />
                  {t('history.from')}
                </label>
                <label className="check small">
                  <input type="radio" name={`${ids}-to`} checked={to.id === r.id} onChange={() => pick(from && from.number < r.number ? from : null, r)} />
                  {t('history.to')}
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="filters tr-compare" role="group" aria-label={t('history.compareGroup')}>
        <label className="inline-field" htmlFor={`${ids}-f`}><span>{t('history.compareRevision')}</span></label>
        <select id={`${ids}-f`} value={from?.id ?? 'none'} onChange={(e) => pick(byId.get(e.target.value) ?? null, to)}>
          <option value="none">{t('history.nothing')}</option>
          {revisions.map((r) => <option key={r.id} value={r.id}>{r.number}</option>)}
        </select>
        <label className="inline-field" htmlFor={`${ids}-t`}><span>{t('history.withRevision')}</span></label>
        <select id={`${ids}-t`} value={to.id} onChange={(e) => pick(from, byId.get(e.target.value) ?? latest)}>
          {revisions.map((r) => <option key={r.id} value={r.id}>{r.number}</option>)}
        </select>
      </div>
      <section className="panel" aria-label={from ? t('history.againstRevision', { to: String(to.number), from: String(from.number) }) : t('history.againstNothing', { to: String(to.number) })}>
        <RevisionDiff before={from} after={to} sourceLang={translation.sourceLang} targetLang={translation.targetLang} label={t('history.differences')} />
      </section>
      {comments.length ? (
        <section className="panel" aria-label={t('history.comments')}>
          <h2>{t('history.comments')}</h2>
          <CommentList comments={comments} numberOf={(id) => byId.get(id)?.number} label={t('history.allComments')} />
        </section>
      ) : null}
    </Page>
  );
}
