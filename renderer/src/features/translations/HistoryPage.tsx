import { useId } from 'react';
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
  const route = useRoute();
  const ids = useId();
  const profiles = useProfiles();
  const history = useApiQuery('translations.history', { id: translationId });
  const statement = useApiQuery('statements.get', history.data ? { id: history.data.translation.statementId } : null);
  if (history.error) return <Page title="Translation history"><ErrorNote message={history.error.message} /></Page>;
  if (!history.data) return <Page title="Translation history"><Loading what="the history" /></Page>;
  const { translation, revisions, comments } = history.data;
  const latest = revisions[revisions.length - 1]!;
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const to = byId.get(route.query.get('to') ?? '') ?? latest;
  const fromParam = route.query.get('from');
  // Default: against the revision before it ("none" compares against empty).
  const from = fromParam === 'none' ? null : byId.get(fromParam ?? '') ?? revisions[revisions.indexOf(to) - 1] ?? null;
  const pick = (f: TranslationRevision | null, t: TranslationRevision) =>
    navigate(translationPaths.history(translation.id, f ? f.id : 'none', t.id), { replace: true });
  const who = (id: string | null) => <B>{profiles.name(id)}</B>;
  const title = statement.data ? statementTitle(statement.data) : 'statement';

  return (
    <Page
      title={<>History: <B>{title}</B> ({languageLabel(translation.targetLang)})</>}
      actions={
        <>
          <Link to={paths.statement(translation.statementId)}>Statement</Link>
          {latest.state === 'in_review' ? <Link to={translationPaths.review(translation.id)}>Review</Link> : null}
        </>
      }
    >
      <table className="table tr-history" aria-label="Revisions">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">State</th>
            <th scope="col">Made</th>
            <th scope="col">Submitted</th>
            <th scope="col">Reviewed</th>
            <th scope="col">Compare</th>
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
                    SHA-256 <code title={r.approvedSha256}>{r.approvedSha256.slice(0, 12)}…</code> {r.approvalValid === false ? <strong className="danger-text">does not match the text</strong> : null}
                  </div>
                ) : null}
              </td>
              <td>
                {ORIGIN_LABELS[r.origin]} {formatStamp(r.createdAt)}
                <div className="small muted">
                  translator {who(r.translatorId)}
                  {r.editedBy.some((p) => p !== r.translatorId)
                    ? <> · also edited by {r.editedBy.filter((p) => p !== r.translatorId).map((p, i) => <span key={p}>{i ? ', ' : ''}{who(p)}</span>)}</>
                    : null}
                </div>
              </td>
              <td>{r.submittedAt ? <>{who(r.submittedBy)}, {formatStamp(r.submittedAt)}</> : '—'}</td>
              <td>
                {r.reviewedAt ? <>{who(r.reviewedBy)}, {formatStamp(r.reviewedAt)}</> : '—'}
                {r.publishedAt ? <div className="small muted">published {formatStamp(r.publishedAt)}</div> : null}
              </td>
              <td className="nowrap">
                <label className="check small">
                  <input type="radio" name={`${ids}-from`} checked={from?.id === r.id} disabled={r.number >= to.number} onChange={() => pick(r, to)} />
                  from
                </label>
                <label className="check small">
                  <input type="radio" name={`${ids}-to`} checked={to.id === r.id} onChange={() => pick(from && from.number < r.number ? from : null, r)} />
                  to
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="filters tr-compare" role="group" aria-label="Compare two revisions">
        <label className="inline-field" htmlFor={`${ids}-f`}><span>Compare revision</span></label>
        <select id={`${ids}-f`} value={from?.id ?? 'none'} onChange={(e) => pick(byId.get(e.target.value) ?? null, to)}>
          <option value="none">nothing (empty)</option>
          {revisions.map((r) => <option key={r.id} value={r.id}>{r.number}</option>)}
        </select>
        <label className="inline-field" htmlFor={`${ids}-t`}><span>with revision</span></label>
        <select id={`${ids}-t`} value={to.id} onChange={(e) => pick(from, byId.get(e.target.value) ?? latest)}>
          {revisions.map((r) => <option key={r.id} value={r.id}>{r.number}</option>)}
        </select>
      </div>
      <section className="panel" aria-label={`Revision ${to.number} against ${from ? `revision ${from.number}` : 'nothing'}`}>
        <RevisionDiff before={from} after={to} sourceLang={translation.sourceLang} targetLang={translation.targetLang} label="Differences" />
      </section>
      {comments.length ? (
        <section className="panel" aria-label="Comments">
          <h2>Comments</h2>
          <CommentList comments={comments} numberOf={(id) => byId.get(id)?.number} label="All comments" />
        </section>
      ) : null}
    </Page>
  );
}
