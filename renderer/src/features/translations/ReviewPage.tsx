import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('translations');
  const history = useApiQuery('translations.history', { id: translationId });
  const latest = history.data?.revisions[history.data.revisions.length - 1] ?? null;
  const diff = useApiQuery('translations.diff', latest ? { revisionId: latest.id } : null);
  const statement = useApiQuery('statements.get', history.data ? { id: history.data.translation.statementId } : null);

  const error = history.error ?? diff.error ?? statement.error;
  if (error) return <Page title={t('review.title')}><ErrorNote message={error.message} /></Page>;
  if (!history.data || !latest || !diff.data || !statement.data) return <Page title={t('review.title')}><Loading what={t('review.loading')} /></Page>;
  const { translation, revisions, comments } = history.data;
  return (
    <Page
      title={<Trans t={t} i18nKey="review.heading" values={{ title: statementTitle(statement.data) }} components={{ b: <B /> }} />}
      before={<MarkingBanner marking={statement.data.marking} />}
      actions={
        <>
          <Link to={translationPaths.queue()}>{t('review.queue')}</Link>
          <Link to={translationPaths.history(translation.id)}>{t('review.history')}</Link>
          <Link to={paths.statement(translation.statementId)}>{t('review.statement')}</Link>
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
  const { t } = useTranslation('translations');
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
  const baseWords = !base ? t('review.baseNothing') : baseApproved ? t('review.baseApproved', { n: String(base.number) }) : t('review.baseSubmitted', { n: String(base.number), state: STATE_LABELS[base.state].toLowerCase() });

  const inReview = revision.state === 'in_review';
  const review = useCan('translations.review');
  const isReviewer = review.allowed;
  const ownWork = revision.translatorId === me.id || revision.editedBy.includes(me.id);
  const approveReason = !isReviewer
    ? review.reason
    : ownWork
      ? (revision.translatorId === me.id ? t('review.ownTranslated') : t('review.ownEdited'))
      : null;

  const segmentComments = Object.entries(perSegment).filter(([, body]) => body.trim()).map(([segmentId, body]) => ({ segmentId, body }));
  const approve = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const view = await run('translations.approve', { id: translationId, rev });
      clearRequest();
      setDone(t('review.approved', { n: String(view.latest.number) }));
    } catch (e) {
      setRefusal(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const requestChanges = async () => {
    setRefusal(null);
    if (!overall.trim() && segmentComments.length === 0) {
      setRefusal(t('review.sayWhat'));
      return;
    }
    setBusy(true);
    try {
      const view = await run('translations.requestChanges', { id: translationId, rev, comment: overall, segmentComments });
      clearRequest();
      setDone(t('review.sentBack', { n: String(view.latest.number) }));
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
          {langPair(sourceLang, targetLang)}{t('review.revision', { n: String(revision.number) })}
          {revision.translatorId ? <Trans t={t} i18nKey="review.translatedBy" values={{ name: profiles.name(revision.translatorId) }} components={{ b: <B /> }} /> : null}
          {revision.editedBy.filter((p) => p !== revision.translatorId).length
            ? t('review.editedBy', { names: revision.editedBy.filter((p) => p !== revision.translatorId).map((p) => profiles.name(p)).join(', ') }) : null}
          {revision.submittedAt ? <Trans t={t} i18nKey="review.submittedBy" values={{ name: profiles.name(revision.submittedBy), when: formatStamp(revision.submittedAt) }} components={{ b: <B /> }} /> : null}
        </span>
      </div>
      <ApprovalLine revision={revision} />
      {done ? <p className="notice tr-done" role="status">{done} <Link to={translationPaths.queue()}>{t('review.backToQueue')}</Link></p> : null}
      {!inReview && !done ? (
        <p className="notice" role="note">{t('review.notWaiting', { n: String(revision.number), base: baseWords })}</p>
      ) : null}
      {general.length ? (
        <section aria-label={t('review.commentsOnRevisions')}>
          <h3>{t('review.comments')}</h3>
          <CommentList comments={general} numberOf={numberOf} label={t('review.commentsOnRevisions')} currentRevisionId={revision.id} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby={`${ids}-diff`}>
        <div className="panel-head">
          <h2 id={`${ids}-diff`}>
            {compared === base
              ? (base
                ? (baseApproved ? t('review.changesSinceApproved', { n: String(base.number) }) : t('review.changesSinceSubmitted', { n: String(base.number), state: STATE_LABELS[base.state].toLowerCase() }))
                : t('review.changesAllNew'))
              : t('review.changesSince', { n: String(compared!.number), state: STATE_LABELS[compared!.state].toLowerCase() })}
          </h2>
          {canComparePrevious ? (
            <div className="segmented small" role="group" aria-label={t('review.compareWith')}>
              <button type="button" aria-pressed={against === 'approved'} onClick={() => setAgainst('approved')}>
                {base ? t(baseApproved ? 'review.lastApproved' : 'review.lastSubmitted', { n: String(base.number) }) : t('review.lastApprovedNone')}
              </button>
              <button type="button" aria-pressed={against === 'previous'} onClick={() => setAgainst('previous')}>
                {t('review.previous', { n: String(previous!.number) })}
              </button>
            </div>
          ) : null}
        </div>
        <RevisionDiff
          before={compared} after={revision} sourceLang={sourceLang} targetLang={targetLang} label={t('review.differences')}
          extra={(row, position) => {
            const list = bySegment.get(row.id) ?? [];
            const label = position ? t('review.segment', { n: String(position) }) : t('review.removedSegment', { id: row.id });
            return (
              <div className="tr-review-extra">
                <CommentList comments={list} numberOf={numberOf} label={t('review.commentsOn', { label })} currentRevisionId={revision.id} />
                {inReview && row.after && isReviewer && !done ? (
                  open[row.id] ? (
                    <div className="field tr-review-comment">
                      <label htmlFor={`${ids}-c-${row.id}`} className="small">{t('review.yourComment', { label })}</label>
                      <textarea
                        id={`${ids}-c-${row.id}`} dir="auto" rows={2} value={perSegment[row.id] ?? ''} autoFocus
                        onChange={(e) => setPerSegment((m) => ({ ...m, [row.id]: e.target.value }))}
                      />
                    </div>
                  ) : (
                    <button type="button" className="quiet small" onClick={() => setOpen((m) => ({ ...m, [row.id]: true }))}>
                      {t('review.commentOn', { label })}
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
          <h2 id={`${ids}-decide`}>{t('review.decision')}</h2>
          <div className="field">
            <label htmlFor={`${ids}-overall`}>{t('review.overall')}</label>
            <textarea id={`${ids}-overall`} dir="auto" rows={3} value={overall} onChange={(e) => setOverall(e.target.value)} />
            <p className="field-hint">{t('review.overallHint')}</p>
          </div>
          <div className="actions">
            <button
              type="button" onClick={() => void approve()} disabled={busy}
              aria-disabled={approveReason ? true : undefined} aria-describedby={approveReason ? `${ids}-why` : undefined}
              className={approveReason ? 'is-blocked' : undefined}
            >
              {t('review.approve')}
            </button>
            <button
              type="button" className={`secondary${isReviewer ? '' : ' is-blocked'}`} onClick={() => void requestChanges()} disabled={busy}
              aria-disabled={isReviewer ? undefined : true} aria-describedby={isReviewer ? undefined : `${ids}-why`}
            >
              {t('review.requestChanges')}
            </button>
          </div>
          {approveReason ? <p className="field-hint warning" id={`${ids}-why`}>{approveReason}</p> : null}
          <ErrorNote message={refusal} />
        </section>
      ) : null}
    </>
  );
}
