import { useId, useMemo, useRef, useState } from 'react';
import type { Statement, TranslationComment, TranslationRevision, TranslationSegment, TranslationView } from '../../../../shared/domain';
import { segmentsNotInOriginal } from '../../../../shared/text/segment';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ErrorNote, Why } from '../../components/Field';
import { ParkedEdits } from '../../components/ParkedEdits';
import { formatStamp } from '../../components/format';
import { LANGUAGES, languageLabel } from '../../components/labels';
import { B, Captured, Written } from '../../components/text';
import { useComposer } from '../../data/composers';
import { useProfiles } from '../../data/lookups';
import { useCan } from '../../data/permissions';
import { useApiQuery, useCaller } from '../../data/query';
import { Link } from '../../app/router';
import { AddComment, CommentList } from './Comments';
import { EditStatus } from './EditStatus';
import { langPair } from './labels';
import { translationPaths } from './paths';
import { StateBadge } from './StateBadge';
import { Suggestions } from './Suggestions';
import { useOthersSegmentEdits, useSegmentEdits } from './useSegmentEdits';
import { SEGMENT_KEYSHORTCUTS, segmentKeyAction, segmentKeyText, type SegmentKeyAction } from './segmentKeys';
import { SourceWithTerms, TermList, useGlossary, useTermHits } from './GlossaryHits';
import type { Prepared } from '../../../../shared/text/glossary';
import type { GlossaryTerm } from '../../../../shared/domain';
import { QaPanel } from './QaPanel';
import { XliffExchange } from './XliffExchange';

/** The id of a segment's target field: keyboard moves find the next one by it. */
const targetIdOf = (translationId: string, segId: string) => `tr-target-${translationId}-${segId}`;
import type { SegmentEdits } from './useSegmentEdits';
import type { EditsView } from './editStore';
import { NotesPanel } from '../notes';
import { Trans, useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/instance';

/**
 * The statement's translations: the original's segments and their translation side by side,
 * one row per segment, with translation memory, comments, and the way to review.
 */
// Named apart from the statement's own notes on the same page.

export function TranslationPane({ statement }: { statement: Statement }) {
  const q = useApiQuery('translations.list', { statementId: statement.id });
  const [lang, setLang] = useState<string | null>(null);
  const list = q.data ?? [];
  const current = list.find((v) => v.translation.targetLang === lang) ?? list.find((v) => v.translation.targetLang === 'en') ?? list[0] ?? null;
  const { t } = useTranslation('translations');

  return (
    <section className="panel translation-pane" aria-labelledby="tr-pane-h">
      <div className="panel-head">
        <h2 id="tr-pane-h">{t('pane.heading')}</h2>
        {list.length > 1 ? (
          <div className="segmented small" role="group" aria-label={t('pane.target')}>
            {list.map((v) => (
              <button key={v.translation.id} type="button" aria-pressed={v === current} onClick={() => setLang(v.translation.targetLang)}>
                {languageLabel(v.translation.targetLang)}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <ErrorNote message={q.error?.message} />
      {q.isPending ? <p className="muted" role="status">{t('pane.loading')}</p> : null}
      {q.data && !current ? <StartTranslation statement={statement} existing={[]} onStarted={setLang} /> : null}
      {current ? <TranslationEditor key={current.translation.id} view={current} statement={statement} /> : null}
      {current ? <NotesPanel key={`notes-${current.translation.id}`} targetType="translation" targetId={current.translation.id} /> : null}
      {current ? <StartTranslation statement={statement} existing={list.map((v) => v.translation.targetLang)} onStarted={setLang} compact /> : null}
      {current ? <XliffExchange statementId={statement.id} /> : null}
    </section>
  );
}

function StartTranslation({ statement, existing, onStarted, compact = false }: {
  statement: Statement; existing: string[]; onStarted(lang: string): void; compact?: boolean;
}) {
  const run = useCaller();
  const id = useId();
  const primary = (tag: string | null) => (tag ? tag.split('-')[0]!.toLowerCase() : null);
  const { t } = useTranslation('translations');
  const choices = LANGUAGES.filter((l) => primary(l.tag) !== primary(statement.language) && !existing.includes(l.tag));
  const [target, setTarget] = useState(choices.some((l) => l.tag === 'en') ? 'en' : choices[0]?.tag ?? 'en');
  const [open, setOpen] = useState(!compact);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const can = useCan('translations.translate');

  if (statement.originalText == null) {
    return compact ? null : <p className="muted">{t('start.noOriginal')}</p>;
  }
  if (compact && !open) {
    return choices.length ? (
      <div className="actions tr-add-lang">
        <button type="button" className="quiet small" onClick={() => setOpen(true)}>{t('start.another')}</button>
      </div>
    ) : null;
  }
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await run('translations.start', { statementId: statement.id, targetLang: target });
      onStarted(target);
      if (compact) setOpen(false);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tr-start">
      {compact ? null : <p className="muted">{t('start.intro')}</p>}
      <div className="actions">
        <label htmlFor={id} className="inline-field"><span>{t('start.into')}</span></label>
        <select id={id} value={target} onChange={(e) => setTarget(e.target.value)} disabled={!can.allowed}>
          {choices.map((l) => <option key={l.tag} value={l.tag}>{l.label}</option>)}
        </select>
        <button type="button" onClick={() => void start()} disabled={busy || choices.length === 0 || !can.allowed} aria-describedby={can.allowed ? undefined : `${id}-why`}>{t('start.start')}</button>
        {compact ? <button type="button" className="quiet small" onClick={() => setOpen(false)}>{t('start.cancel')}</button> : null}
      </div>
      <Why can={can} id={`${id}-why`} />
      <ErrorNote message={error?.message} />
    </div>
  );
}

/** "Approved by X on DATE", only for a revision the Core says is approved (its text matches the pinned hash). */
export function ApprovalLine({ revision }: { revision: TranslationRevision }) {
  const profiles = useProfiles();
  const approved = (revision.state === 'approved' || revision.state === 'final') && revision.approvalValid === true;
  const { t } = useTranslation('translations');
  if (!approved) return null;
  return (
    <p className="tr-approval small">
      {revision.reviewedBy && revision.reviewedAt
        ? <Trans t={t} i18nKey="approval.by" values={{ name: profiles.name(revision.reviewedBy), when: formatStamp(revision.reviewedAt) }} components={{ b: <B /> }} />
        : t('approval.text')}
      {revision.state === 'final' && revision.publishedAt ? t('approval.published', { when: formatStamp(revision.publishedAt) }) : null}
      {t('approval.revision', { n: String(revision.number) })}
      {revision.approvedSha256 ? <>{t('approval.sha')}<code title={revision.approvedSha256} dir="ltr">{`${revision.approvedSha256.slice(0, 12)}…`}</code></> : null}
    </p>
  );
}

function ApprovedText({ view }: { view: TranslationView }) {
  const a = view.approved;
  const { t } = useTranslation('translations');
  if (!a) return null;
  const lang = view.translation.targetLang;
  const outdated = view.approvalOutdated?.revisionId === a.id ? view.approvalOutdated : null;
  const positions = outdated ? outdated.segmentIds.map((id) => positionOf(a.segments, id)) : [];
  return (
    <section className={`tr-approved${outdated ? ' is-outdated' : ''}`} aria-label={t('approved.region')}>
      <h3>
        {t('approved.heading')}{a.id !== view.latest.id ? t('approved.newer', { n: String(a.number), latest: String(view.latest.number) }) : ''}
        {outdated ? <> <StateBadge revision={a} outdated /></> : null}
      </h3>
      {outdated ? (
        <p className="notice tr-outdated" role="note">
          {t('approved.outdated', { count: positions.length, n: String(a.number), segments: positions.join(t('listSeparator', { ns: 'common' })) })}
        </p>
      ) : null}
      <ApprovalLine revision={a} />
      <div lang={lang}><Captured text={a.text} className="tr-approved-text" /></div>
    </section>
  );
}

/** The sample's case: the published wording kept as the final translation, with no original to align it with. */
function PublishedWording({ view }: { view: TranslationView }) {
  const r = view.latest;
  const lang = view.translation.targetLang;
  const { t } = useTranslation('translations');
  return (
    <section className="tr-published" aria-label={t('published.region')}>
      <p className="notice" role="note">
        {t('published.note', { language: languageLabel(lang) })}
      </p>
      <ApprovalLine revision={r} />
      <div lang={lang}><Captured text={r.text} className="tr-approved-text" /></div>
      {r.segments.map((s) => (s.note ? (
        <div key={s.id} className="tr-note-view small">
          <span className="label">{t('note.label')}</span>
          <Written text={s.note} />
        </div>
      ) : null))}
    </section>
  );
}

type RowError = { segId: string | null; message: string };

function TranslationEditor({ view: queried, statement }: { view: TranslationView; statement: Statement }) {
  const t = useSegmentEdits(queried);
  const others = useOthersSegmentEdits(queried.translation.id);
  const run = useCaller();
  const view = t.base;
  const latest = view.latest;
  const history = useApiQuery('translations.history', { id: view.translation.id });
  const numbers = useMemo(() => new Map((history.data?.revisions ?? [view.latest]).map((r) => [r.id, r.number])), [history.data, view.latest]);
  const [active, setActive] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RowError | null>(null);
  const { sourceLang, targetLang } = view.translation;
  const { t: tx } = useTranslation('translations');
  const segmentList = (ids: string[]) => tx('segments', { count: ids.length, list: ids.map((id) => positionOf(latest.segments, id)).join(tx('listSeparator', { ns: 'common' })) });

  const translate = useCan('translations.translate');
  const canTranslate = translate.allowed;
  const canComment = useCan('translations.comment').allowed;
  const editable = canTranslate && latest.state !== 'in_review';
  const glossary = useGlossary(sourceLang, targetLang);
  const [announcement, setAnnouncement] = useState('');

  const focusSegment = (segId: string) => {
    const el = document.getElementById(targetIdOf(view.translation.id, segId));
    if (el instanceof HTMLTextAreaElement) {
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }
  };
  const onKey = (index: number, action: SegmentKeyAction) => {
    const segs = latest.segments;
    const seg = segs[index];
    if (!seg) return;
    const go = (to: number, said: string) => {
      const next = segs[to];
      if (!next) { setAnnouncement(`${said} ${to < 0 ? tx('keys.firstOne') : tx('keys.lastOne', { count: segs.length })}`.trim()); return; }
      setAnnouncement(`${said} ${tx('keys.moved', { n: to + 1, total: segs.length })}`.trim());
      focusSegment(next.id);
    };
    switch (action) {
      case 'confirm':
        void t.flush();
        go(index + 1, tx('keys.confirmed', { n: index + 1 }));
        break;
      case 'copySource':
        if (!editable) return;
        t.edit(seg.id, { target: seg.source });
        setAnnouncement(tx('keys.copied', { n: index + 1 }));
        break;
      case 'previous': go(index - 1, ''); break;
      case 'next': go(index + 1, ''); break;
    }
  };

  const act = async (segId: string | null, fn: (current: TranslationView) => Promise<TranslationView>) => {
    setBusy(true);
    setError(null);
    try {
      const current = await t.settle();
      t.adopt(await fn(current));
    } catch (e) {
      setError({ segId, message: toApiError(e).message });
    } finally {
      setBusy(false);
    }
  };
  const merge = (segId: string) => act(segId, (c) => run('translations.segment', { id: c.translation.id, rev: c.translation.rev, action: 'merge', segmentId: segId }));
  const split = (segId: string, at: number) => act(segId, (c) => run('translations.segment', { id: c.translation.id, rev: c.translation.rev, action: 'split', segmentId: segId, at }));
  const submit = () => act(null, (c) => run('translations.submit', { id: c.translation.id, rev: c.translation.rev }));

  if (latest.publishedWithoutOriginal && latest.segments.every((s) => s.source === '')) {
    return (
      <div className="tr-editor">
        <TranslationHead view={view} t={t} canTranslate={false} />
        <PublishedWording view={view} />
      </div>
    );
  }

  const requests = view.comments.filter((c) => c.segmentId === null && (c.revisionId === latest.id || c.revisionId === latest.basedOnId));
  const bySegment = new Map<string, TranslationComment[]>();
  for (const c of view.comments) if (c.segmentId) bySegment.set(c.segmentId, [...(bySegment.get(c.segmentId) ?? []), c]);
  const numberOf = (revisionId: string) => numbers.get(revisionId);
  const emptyTargets = latest.segments.filter((s) => !t.valueOf(s.id).target.trim()).length;

  return (
    <div className="tr-editor">
      <TranslationHead view={view} t={t} canTranslate={canTranslate} />
      {view.problems.map((p) => <p key={p} className="error" role="alert">{p}</p>)}
      <ParkedEdits
        views={others.views} onDiscard={others.discard}
        what={(v) => segmentList(Object.keys((v as EditsView).edits))}
      />
      <CorrectedSegments revision={latest} original={statement.originalText} />
      <ApprovedText view={view} />
      <StageNote revision={latest} readOnlyBecause={translate.reason} />
      {requests.length ? (
        <section className="tr-requests" aria-label={tx('requests.region')}>
          <h3>{tx('requests.heading')}</h3>
          <CommentList comments={requests} numberOf={numberOf} label={tx('requests.list')} currentRevisionId={latest.id} />
        </section>
      ) : null}
      {t.state.kind === 'conflict' ? (
        <div className="conflict" role="region" aria-label={tx('conflict.heading')}>
          <h2>{tx('conflict.heading')}</h2>
          <p dir="auto">{t.state.error.message}</p>
          <p>{tx('conflict.yours', { segments: segmentList(Object.keys(t.edits)) })}</p>
          <div className="actions">
            <button type="button" onClick={() => void t.keepMine()}>{tx('conflict.keep')}</button>
            <button type="button" className="secondary" onClick={() => t.takeTheirs()}>{tx('conflict.discard')}</button>
          </div>
        </div>
      ) : null}
      {error && error.segId === null ? <ErrorNote message={error.message} /> : null}
      <p className="tr-keys muted small" id={`tr-keys-${view.translation.id}`}>
        <span className="label">{tx('keys.label')}</span>{' '}
        {[segmentKeyText.confirm, segmentKeyText.copySource, segmentKeyText.move].map((k, i) => (
          <span key={k.keys}>{i > 0 ? ' · ' : null}<kbd dir="ltr">{k.keys}</kbd> {tx(`keys.${k.what}`)}</span>
        ))}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      <table className="tr-grid" aria-label={tx('grid.aria', { pair: langPair(sourceLang, targetLang) })}>
        <colgroup><col className="tr-num-col" /><col /><col /></colgroup>
        <thead>
          <tr>
            <th scope="col" className="tr-num">{tx('grid.num')}</th>
            <th scope="col">{sourceLang ? tx('grid.originalIn', { language: languageLabel(sourceLang) }) : tx('grid.original')}</th>
            <th scope="col">{languageLabel(targetLang)}</th>
          </tr>
        </thead>
        <tbody>
          {latest.segments.map((seg, i) => (
            <SegmentRow
              key={seg.id} seg={seg} position={i + 1} last={i === latest.segments.length - 1} t={t} editable={editable} busy={busy}
              sourceLang={sourceLang} targetLang={targetLang} statementId={statement.id} active={active === seg.id} onFocus={() => setActive(seg.id)}
              comments={bySegment.get(seg.id) ?? []} numberOf={numberOf} revisionId={latest.id}
              canComment={canComment} glossary={glossary} translationId={view.translation.id}
              onKey={(action) => onKey(i, action)}
              onMerge={() => void merge(seg.id)} onSplit={(at) => void split(seg.id, at)}
              error={error && error.segId === seg.id ? error.message : null}
            />
          ))}
        </tbody>
      </table>
      <div className="actions tr-footer">
        {latest.state === 'draft' ? (
          <>
            <button type="button" onClick={() => void submit()} disabled={busy || !canTranslate || t.state.kind === 'conflict'}>{tx('submit')}</button>
            <span className="muted small">
              {emptyTargets ? tx('empty', { count: emptyTargets, total: latest.segments.length }) : tx('allTranslated')}
            </span>
          </>
        ) : null}
        {latest.state === 'in_review' ? <Link to={translationPaths.review(view.translation.id)}>{tx('openReview')}</Link> : null}
      </div>
      {latest.state === 'draft' ? (
        <QaPanel translationId={view.translation.id} segments={latest.segments} canOverride={canTranslate} onGoTo={focusSegment} />
      ) : null}
    </div>
  );
}

/**
 * What a correction of the original changed in this revision: the segments it re-aligned with new
 * text (flagged by the Core), and, for a revision that predates re-alignment, segments whose text
 * the original no longer has (by content: a sentence that only moved is not one of them).
 */
function CorrectedSegments({ revision, original }: { revision: TranslationRevision; original: string | null }) {
  if (original == null || revision.state === 'approved' || revision.state === 'final') return null;
  const segs = revision.segments;
  const flagged = segs.map((s, i) => (s.previousSource !== undefined ? i + 1 : null)).filter((n): n is number => n !== null);
  const missing = new Set(segmentsNotInOriginal(segs, original));
  const gone = segs.map((s, i) => (missing.has(s.id) ? i + 1 : null)).filter((n): n is number => n !== null);
  if (flagged.length === 0 && gone.length === 0) return null;
  const t = i18n.getFixedT(null, 'translations');
  const list = (ns: number[]) => t('segments', { count: ns.length, list: ns.join(t('listSeparator', { ns: 'common' })) });
  return (
    <p className="notice tr-corrected" role="note">
      {flagged.length ? t('corrected.flagged', { count: flagged.length, segments: list(flagged) }) : null}
      {gone.length ? <>{flagged.length ? ' ' : ''}{t('corrected.gone', { count: gone.length, segments: list(gone) })}</> : null}
    </p>
  );
}

function positionOf(segments: readonly TranslationSegment[], id: string): string {
  const i = segments.findIndex((s) => s.id === id);
  return i < 0 ? id : String(i + 1);
}

function TranslationHead({ view, t, canTranslate }: { view: TranslationView; t: SegmentEdits; canTranslate: boolean }) {
  const profiles = useProfiles();
  const r = view.latest;
  const { t: tx } = useTranslation('translations');
  return (
    <div className="tr-head">
      <StateBadge revision={r} outdated={view.approvalOutdated?.revisionId === r.id} />
      <span className="muted small">
        {tx('head.revision', { pair: langPair(view.translation.sourceLang, view.translation.targetLang), n: String(r.number) })}
        {r.translatorId ? <Trans t={tx} i18nKey="head.by" values={{ name: profiles.name(r.translatorId) }} components={{ b: <B /> }} /> : null}
        {r.submittedAt ? tx('head.submitted', { when: formatStamp(r.submittedAt) }) : null}
      </span>
      <span className="tr-head-end">
        {canTranslate || t.dirty ? <EditStatus state={t.state} dirty={t.dirty} onRetry={() => void t.flush()} /> : null}
        <Link to={translationPaths.history(view.translation.id)} className="small">{tx('head.history')}</Link>
      </span>
    </div>
  );
}

function StageNote({ revision: r, readOnlyBecause }: { revision: TranslationRevision; readOnlyBecause: string | null }) {
  const { t } = useTranslation('translations');
  const n = String(r.number);
  const next = String(r.number + 1);
  let text: string | null = null;
  switch (r.state) {
    case 'in_review': text = t('stage.in_review', { n }); break;
    case 'changes_requested': text = t('stage.changes_requested', { n, next }); break;
    case 'approved':
    case 'final': text = t('stage.approved', { n, next }); break;
    case 'draft': text = null; break;
  }
  if (readOnlyBecause) text = r.state === 'in_review' ? text : t('stage.readOnly', { reason: readOnlyBecause });
  return text ? <p className="notice tr-stage" role="note">{text}</p> : null;
}

function SegmentRow({ seg, position, last, t, editable, busy, sourceLang, targetLang, statementId, active, onFocus, comments, numberOf, revisionId, canComment, glossary, translationId, onKey, onMerge, onSplit, error }: {
  seg: TranslationSegment; position: number; last: boolean; t: SegmentEdits; editable: boolean; busy: boolean;
  sourceLang: string | null; targetLang: string; statementId: string; active: boolean; onFocus(): void;
  comments: TranslationComment[]; numberOf(id: string): number | undefined; revisionId: string; canComment: boolean;
  glossary: Prepared<GlossaryTerm>[]; translationId: string; onKey(action: SegmentKeyAction): void;
  onMerge(): void; onSplit(at: number): void; error: string | null;
}) {
  const ids = useId();
  const hits = useTermHits(seg.source, glossary);
  const value = t.valueOf(seg.id);
  const { t: tx } = useTranslation('translations');
  const n = String(position);
  const flagged = seg.previousSource !== undefined && t.base.latest.state !== 'approved' && t.base.latest.state !== 'final';
  const requested = comments.some((c) => c.kind === 'change_request' && (c.revisionId === revisionId || c.revisionId === t.base.latest.basedOnId));
  // Open by default when there is something to read (a note, a reviewer's request), until toggled.
  const [noteToggle, setNoteToggle] = useState<boolean | null>(null);
  // A comment left unsent on this segment opens its comments again, so it is found where it was written.
  const [unsent] = useComposer('comment', `${revisionId}:${seg.id}`, '');
  const [commentsToggle, setCommentsToggle] = useState<boolean | null>(() => (unsent !== '' ? true : null));
  const showNote = noteToggle ?? !!value.note;
  const showComments = commentsToggle ?? requested;
  const [splitting, setSplitting] = useState(false);
  const caret = useRef<number | null>(null);
  const sourceRef = useRef<HTMLDivElement>(null);

  // Where the user last put the cursor (or a selection's start) in this segment's original.
  const rememberCaret = () => {
    const sel = window.getSelection();
    const box = sourceRef.current;
    if (!sel || sel.rangeCount === 0 || !box || !box.contains(sel.anchorNode)) return;
    const range = document.createRange();
    range.setStart(box, 0);
    const r = sel.getRangeAt(0);
    range.setEnd(r.startContainer, r.startOffset);
    caret.current = range.toString().length;
  };

  return (
    <>
      <tr className={`tr-row${active ? ' is-active' : ''}`} data-segment={seg.id}>
        <th scope="row" className="tr-num">{position}</th>
        <td className="tr-source" lang={sourceLang ?? undefined}>
          <div ref={sourceRef} onMouseUp={rememberCaret} onKeyUp={rememberCaret}>
            {hits.length ? <SourceWithTerms source={seg.source} hits={hits} /> : <Captured text={seg.source} className="original-text" />}
          </div>
          <TermList
            hits={hits} position={position} targetLang={targetLang}
            onInsert={editable ? (r) => { const cur = value.target; t.edit(seg.id, { target: cur && !/\s$/.test(cur) ? `${cur} ${r}` : `${cur}${r}` }); } : null}
          />
          {flagged ? (
            <div className="tr-was small" role="note" aria-label={tx('seg.before', { n })}>
              {seg.previousSource
                ? <><span className="label">{tx('seg.itRead')}</span><Captured text={seg.previousSource} className="original-text tr-was-text" /></>
                : <span className="label">{tx('seg.added')}</span>}
            </div>
          ) : null}
        </td>
        <td className="tr-target">
          <label htmlFor={targetIdOf(translationId, seg.id)} className="visually-hidden">{tx('seg.translationOf', { n })}</label>
          <textarea
            id={targetIdOf(translationId, seg.id)} aria-keyshortcuts={SEGMENT_KEYSHORTCUTS}
            onKeyDown={(e) => {
              const action = segmentKeyAction(e);
              if (!action) return;
              e.preventDefault();
              // Ours, not the window's: Ctrl+Shift+S would otherwise also reach the app's Ctrl+S.
              e.stopPropagation();
              onKey(action);
            }}
            dir="auto" lang={targetLang} rows={Math.min(8, Math.max(2, Math.ceil(seg.source.length / 45)))}
            value={value.target} readOnly={!editable} onFocus={onFocus} onBlur={() => void t.flush()}
            onChange={(e) => t.edit(seg.id, { target: e.target.value })}
            aria-describedby={[error ? `${ids}-err` : '', `tr-keys-${translationId}`].filter(Boolean).join(' ')}
          />
          {showNote ? (
            <div className="tr-note">
              <label htmlFor={`${ids}-n`} className="small">{tx('seg.noteLabel', { n })}</label>
              <textarea
                id={`${ids}-n`} dir="auto" rows={2} value={value.note} readOnly={!editable} onFocus={onFocus} onBlur={() => void t.flush()}
                onChange={(e) => t.edit(seg.id, { note: e.target.value })} placeholder={tx('seg.notePlaceholder')}
              />
            </div>
          ) : null}
          <div className="tr-row-tools">
            <button type="button" className="quiet small" aria-expanded={showNote} onClick={() => setNoteToggle(!showNote)}>
              {value.note ? tx('seg.noteDone') : tx('seg.note')}
              <span className="visually-hidden">{tx('seg.noteFor', { n })}</span>
            </button>
            <button type="button" className={`quiet small${requested ? ' danger-text' : ''}`} aria-expanded={showComments} onClick={() => setCommentsToggle(!showComments)}>
              {tx('seg.comments', { count: comments.length })}
              <span className="visually-hidden">{tx('seg.commentsOn', { n })}</span>
            </button>
            {editable ? (
              <>
                <button type="button" className="quiet small" disabled={busy || last} onClick={onMerge} aria-label={tx('seg.mergeAria', { n })}>{tx('seg.merge')}</button>
                <button type="button" className="quiet small" disabled={busy || seg.source.length < 2} onClick={() => setSplitting(true)} aria-label={tx('seg.splitAria', { n })}>{tx('seg.split')}</button>
              </>
            ) : null}
          </div>
          {error ? <p className="field-error" id={`${ids}-err`} role="alert" dir="auto">{error}</p> : null}
          {showComments ? (
            <div className="tr-segment-comments">
              <CommentList comments={comments} numberOf={numberOf} label={tx('seg.commentsList', { n })} currentRevisionId={revisionId} />
              {comments.length === 0 ? <p className="muted small">{tx('seg.noComments')}</p> : null}
              {canComment ? <AddComment revisionId={revisionId} segmentId={seg.id} label={tx('seg.commentOn', { n })} /> : null}
            </div>
          ) : null}
        </td>
      </tr>
      {splitting ? (
        <tr className="tr-sub">
          <td />
          <td colSpan={2}>
            <Splitter
              source={seg.source} lang={sourceLang} position={position} initial={caret.current}
              onSplit={(at) => { setSplitting(false); onSplit(at); }} onCancel={() => setSplitting(false)}
            />
          </td>
        </tr>
      ) : null}
      {active && editable ? (
        <tr className="tr-sub">
          <td />
          <td colSpan={2}>
            <Suggestions
              source={seg.source} sourceLang={sourceLang} targetLang={targetLang} position={position} statementId={statementId}
              disabled={!editable} onUse={(m) => t.edit(seg.id, { target: m.target })}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Where to split a segment: the cursor in a read-only copy of its original (keyboard or mouse). */
function Splitter({ source, lang, position, initial, onSplit, onCancel }: {
  source: string; lang: string | null; position: number; initial: number | null; onSplit(at: number): void; onCancel(): void;
}) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [at, setAt] = useState<number | null>(initial);
  const valid = at !== null && at > 0 && at < source.length;
  const { t } = useTranslation('translations');
  const n = String(position);
  const track = () => { const el = ref.current; if (el) setAt(el.selectionStart); };
  return (
    <div className="tr-splitter" role="group" aria-label={t('split.group', { n })}>
      <label htmlFor={id} className="small">{t('split.label', { n })}</label>
      <textarea
        id={id} ref={ref} readOnly dir="auto" lang={lang ?? undefined} rows={2} value={source} className="original-text" autoFocus
        onSelect={track} onKeyUp={track} onMouseUp={track}
        onFocus={(e) => { if (initial !== null) e.currentTarget.setSelectionRange(initial, initial); }}
      />
      {valid ? (
        <p className="small muted">
          <Trans t={t} i18nKey="split.parts" values={{ first: source.slice(0, at).trim(), second: source.slice(at).trim() }} components={{ first: <B dir="auto" />, second: <B dir="auto" /> }} />
        </p>
      ) : <p className="small muted">{t('split.inside')}</p>}
      <div className="actions">
        <button type="button" className="small" disabled={!valid} onClick={() => valid && onSplit(at)}>{t('split.at')}</button>
        <button type="button" className="quiet small" onClick={onCancel}>{t('split.cancel')}</button>
      </div>
    </div>
  );
}
