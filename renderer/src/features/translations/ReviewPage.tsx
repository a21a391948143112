import { useId, useState } from 'react';
import type { TranslationComment, TranslationRevision } from '../../../../shared/domain';
import { toApiError } from '../../api/client';
import { MarkingBanner } from '../../components/Badges';
import { ErrorNote } from '../../components/Field';
import { Loading, Page } from '../../components/Page';
import { formatStamp } from '../../components/format';
import { useProfile } from '../../data/acting';
import { useComposer } from '../../data/composers';
import { useCan } from '../../data/permissions';
import { useProfiles } from '../../data/lookups';
import { useApiQuery, useCaller } from '../../data/query';
import { Link, paths } from '../../app/router';
import { statementTitle } from '../../../../shared/domain';
import { CommentList } from './Comments';
import { RevisionDiff } from './Diff';
import { STATE_LABELS, langPair } from './labels';
import { translationPaths } from './paths';
import { StateBadge } from './StateBadge';
import { ApprovalLine } from './TranslationPane';
import { B } from '../../components/text';
import { NotesPanel } from '../notes';

/**
 * The review of a translation's latest revision: its word diff against the last approved one
 * (else the last one submitted, for a resubmission; else nothing), comments per segment,
 * Approve and Request changes. The UI says when
 * four eyes keep this profile from approving; the Core decides, and its words are shown.
 */
// Named apart from the statement's own notes on the same page.

export function ReviewPage({ translationId }: { translationId: string }) {
  const history = useApiQuery('translations.history', { id: translationId });
  const latest = history.data?.revisions[history.data.revisions.length - 1] ?? null;
  const diff = useApiQuery('translations.diff', latest ? { revisionId: latest.id } : null);
  const statement = useApiQuery('statements.get', history.data ? { id: history.data.translation.statementId } : null);

  const error = history.error ?? diff.error ?? statement.error;
  if (error) return <Page title="Review"><ErrorNote message={error.message} /></Page>;
  if (!history.data || !latest || !diff.data || !statement.data) return <Page title="Review"><Loading what="the revision" /></Page>;
  const { translation, revisions, comments } = history.data;
  return (
    <Page
      title={<>Review: <B>{statementTitle(statement.data)}</B></>}
      before={<MarkingBanner marking={statement.data.marking} />}
      actions={
        <>
          <Link to={translationPaths.queue()}>Review queue</Link>
          <Link to={translationPaths.history(translation.id)}>History</Link>
          <Link to={paths.statement(translation.statementId)}>Statement</Link>
        </>
      }
    >
      <ReviewBody
        key={latest.id} translationId={translation.id} rev={translation.rev} revision={latest} base={diff.data.base}
        sourceLang={translation.sourceLang} targetLang={translation.targetLang} comments={comments}
        numberOf={(id) => revisions.find((r) => r.id === id)?.number}
        previous={revisions.find((r) => r.id === latest.basedOnId) ?? null}
      />
      <NotesPanel targetType="translation" targetId={translation.id} />
    </Page>
  );
}

const NO_REQUEST: { overall: string; perSegment: Record<string, string>; open: Record<string, boolean> } = { overall: '', perSegment: {}, open: {} };

function ReviewBody({ translationId, rev, revision, base, previous, sourceLang, targetLang, comments, numberOf }: {
  translationId: string; rev: number; revision: TranslationRevision; base: TranslationRevision | null;
  /** The revision this one was made from (e.g. the one sent back), to see what changed since. */
  previous: TranslationRevision | null;
  sourceLang: string | null; targetLang: string; comments: TranslationComment[]; numberOf(id: string): number | undefined;
}) {
  const me = useProfile();
  const profiles = useProfiles();
  const run = useCaller();
  const ids = useId();
  // The change request being written survives leaving the page; sending it clears it.
  const [request, setRequest, clearRequest] = useComposer('change-request', revision.id, NO_REQUEST);
  const { overall, perSegment, open } = request;
  const setOverall = (v: string) => setRequest((r) => ({ ...r, overall: v }));
  const setPerSegment = (f: (m: Record<string, string>) => Record<string, string>) => setRequest((r) => ({ ...r, perSegment: f(r.perSegment) }));
  const setOpen = (f: (m: Record<string, boolean>) => Record<string, boolean>) => setRequest((r) => ({ ...r, open: f(r.open) }));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [against, setAgainst] = useState<'approved' | 'previous'>('approved');
  const canComparePrevious = !!previous && previous.id !== base?.id;
  const compared = against === 'previous' && canComparePrevious ? previous : base;
  // The Core's base: the last approved revision, else the last one submitted (a resubmission).
  const baseApproved = !!base && (base.state === 'approved' || base.state === 'final');
  const baseWords = !base ? 'nothing before it' : baseApproved ? `revision ${base.number}, the last approved one` : `revision ${base.number}, the last one submitted (${STATE_LABELS[base.state].toLowerCase()})`;

  const inReview = revision.state === 'in_review';
  const review = useCan('translations.review');
  const isReviewer = review.allowed;
  const ownWork = revision.translatorId === me.id || revision.editedBy.includes(me.id);
  const approveReason = !isReviewer
    ? review.reason
    : ownWork
      ? `You ${revision.translatorId === me.id ? 'translated' : 'edited'} this revision: four eyes keep you from approving it. Another reviewer approves it.`
      : null;

  const segmentComments = Object.entries(perSegment).filter(([, body]) => body.trim()).map(([segmentId, body]) => ({ segmentId, body }));
  const approve = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const view = await run('translations.approve', { id: translationId, rev });
      clearRequest();
      setDone(`Approved revision ${view.latest.number}. It is now the approved translation of the statement.`);
    } catch (e) {
      setRefusal(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const requestChanges = async () => {
    setRefusal(null);
    if (!overall.trim() && segmentComments.length === 0) {
      setRefusal('Say what to change: write a comment for the translator, or comment on a segment.');
      return;
    }
    setBusy(true);
    try {
      const view = await run('translations.requestChanges', { id: translationId, rev, comment: overall, segmentComments });
      clearRequest();
      setDone(`Sent revision ${view.latest.number} back to the translator with your comments.`);
    } catch (e) {
      setRefusal(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const bySegment = new Map<string, TranslationComment[]>();
  for (const c of comments) if (c.segmentId) bySegment.set(c.segmentId, [...(bySegment.get(c.segmentId) ?? []), c]);
  const general = comments.filter((c) => c.segmentId === null);

  return (
    <>
      <div className="tr-head">
        <StateBadge revision={revision} />
        <span className="muted small">
          {langPair(sourceLang, targetLang)} · revision {revision.number}
          {revision.translatorId ? <> · translated by <B>{profiles.name(revision.translatorId)}</B></> : null}
          {revision.editedBy.filter((p) => p !== revision.translatorId).length
            ? <> · edited by {revision.editedBy.filter((p) => p !== revision.translatorId).map((p) => profiles.name(p)).join(', ')}</> : null}
          {revision.submittedAt ? <> · submitted by <B>{profiles.name(revision.submittedBy)}</B> {formatStamp(revision.submittedAt)}</> : null}
        </span>
      </div>
      <ApprovalLine revision={revision} />
      {done ? <p className="notice tr-done" role="status">{done} <Link to={translationPaths.queue()}>Back to the review queue</Link></p> : null}
      {!inReview && !done ? (
        <p className="notice" role="note">Revision {revision.number} is not waiting for review. The differences below are against {baseWords}.</p>
      ) : null}
      {general.length ? (
        <section aria-label="Comments on the revisions">
          <h3>Comments</h3>
          <CommentList comments={general} numberOf={numberOf} label="Comments on the revisions" currentRevisionId={revision.id} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby={`${ids}-diff`}>
        <div className="panel-head">
          <h2 id={`${ids}-diff`}>
            Changes {compared === base
              ? (base ? `since revision ${base.number} (${baseApproved ? 'last approved' : `last submitted, ${STATE_LABELS[base.state].toLowerCase()}`})` : '(nothing submitted before: all new)')
              : `since revision ${compared!.number} (${STATE_LABELS[compared!.state].toLowerCase()})`}
          </h2>
          {canComparePrevious ? (
            <div className="segmented small" role="group" aria-label="Compare with">
              <button type="button" aria-pressed={against === 'approved'} onClick={() => setAgainst('approved')}>
                {base ? `${baseApproved ? 'Last approved' : 'Last submitted'} (revision ${base.number})` : 'Last approved (none)'}
              </button>
              <button type="button" aria-pressed={against === 'previous'} onClick={() => setAgainst('previous')}>
                Previous (revision {previous!.number})
              </button>
            </div>
          ) : null}
        </div>
        <RevisionDiff
          before={compared} after={revision} sourceLang={sourceLang} targetLang={targetLang} label="Differences"
          extra={(row, position) => {
            const list = bySegment.get(row.id) ?? [];
            const label = position ? `segment ${position}` : `removed segment ${row.id}`;
            return (
              <div className="tr-review-extra">
                <CommentList comments={list} numberOf={numberOf} label={`Comments on ${label}`} currentRevisionId={revision.id} />
                {inReview && row.after && isReviewer && !done ? (
                  open[row.id] ? (
                    <div className="field tr-review-comment">
                      <label htmlFor={`${ids}-c-${row.id}`} className="small">Your comment on {label}</label>
                      <textarea
                        id={`${ids}-c-${row.id}`} dir="auto" rows={2} value={perSegment[row.id] ?? ''} autoFocus
                        onChange={(e) => setPerSegment((m) => ({ ...m, [row.id]: e.target.value }))}
                      />
                    </div>
                  ) : (
                    <button type="button" className="quiet small" onClick={() => setOpen((m) => ({ ...m, [row.id]: true }))}>
                      Comment on {label}
                    </button>
                  )
                ) : null}
              </div>
            );
          }}
        />
      </section>
      {inReview && !done ? (
        <section className="panel tr-decision" aria-labelledby={`${ids}-decide`}>
          <h2 id={`${ids}-decide`}>Decision</h2>
          <div className="field">
            <label htmlFor={`${ids}-overall`}>Comment for the translator</label>
            <textarea id={`${ids}-overall`} dir="auto" rows={3} value={overall} onChange={(e) => setOverall(e.target.value)} />
            <p className="field-hint">Required to request changes (here or on a segment). Comments on segments are sent with the request.</p>
          </div>
          <div className="actions">
            <button
              type="button" onClick={() => void approve()} disabled={busy}
              aria-disabled={approveReason ? true : undefined} aria-describedby={approveReason ? `${ids}-why` : undefined}
              className={approveReason ? 'is-blocked' : undefined}
            >
              Approve
            </button>
            <button
              type="button" className={`secondary${isReviewer ? '' : ' is-blocked'}`} onClick={() => void requestChanges()} disabled={busy}
              aria-disabled={isReviewer ? undefined : true} aria-describedby={isReviewer ? undefined : `${ids}-why`}
            >
              Request changes
            </button>
          </div>
          {approveReason ? <p className="field-hint warning" id={`${ids}-why`}>{approveReason}</p> : null}
          <ErrorNote message={refusal} />
        </section>
      ) : null}
    </>
  );
}
