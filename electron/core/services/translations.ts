// Translations with four-eyes review: segments, revisions, comments, the review queue and
// translation memory. The rules are domain.md's "Translation workflow"; every one of them is
// enforced here, whatever door the call came through.
import {
  XLIFF_STATE, type Translation, type TranslationComment, type TranslationRevision, type TranslationSegment, type TranslationView,
} from '../../../shared/domain';
import {
  initialSegments, mergeSegments, realignSegments, SegmentError, segmentsNotInOriginal, splitSegment,
} from '../../../shared/text/segment';
import { matchKey, similarity, similarityBound } from '../../../shared/text/similarity';
import { TABLES } from '../db/tables';
import {
  approvalHash, getRevision, getTranslation, getTranslationFor, insertComment, insertMemory, insertRevision, insertTranslation,
  isApproved, latestRevision, listComments, listRevisions, listTranslationsByStatement, memoryRowsFor, rowToRevision,
  takeSegmentId, touchTranslation, updateRevision,
} from '../db/repos/translations';
import { CoreError } from '../errors';
import { actorId, type Actor } from './acting';
import { requirePermission } from './permissions';
import { record } from './record';
import { write } from './write';
import type { CoreState } from './state';
import { caseIdsOf } from './cases';
import { mustGet } from './entity';
import { handlerGroup } from './types';
import { requireQaPassed } from './qa';
import { canonicalLang } from './lang';

type Changes = Record<string, [unknown, unknown]>;

// --- reading -----------------------------------------------------------------------------------

// Here since the glossary and the QA checks need it too, without importing this module.
export { canonicalLang };

const primary = (tag: string | null | undefined) => (tag ? (tag.split('-')[0] as string).toLowerCase() : null);

export function mustGetTranslation(s: CoreState, id: string): Translation {
  const t = getTranslation(s.db, id);
  if (!t) throw CoreError.notFound('translation', id);
  return t;
}

/** The latest revision whose approval still matches its text. */
export function approvedRevisionOf(revisions: TranslationRevision[]): TranslationRevision | null {
  for (let i = revisions.length - 1; i >= 0; i--) {
    const r = revisions[i] as TranslationRevision;
    if (isApproved(r)) return r;
  }
  return null;
}

function problemsOf(revisions: TranslationRevision[]): string[] {
  return revisions
    .filter((r) => r.approvalValid === false)
    .map((r) => `Revision ${r.number} is marked ${r.state.replace('_', ' ')}, but its text no longer matches the approved text (SHA-256 ${r.approvedSha256 ?? ''}): it is not shown as approved.`);
}

/**
 * An approval given to a translation of text the original no longer has: the original was
 * corrected after the approval, so the approved text needs review again (matched by content,
 * so a sentence that only moved does not count). null when it still holds.
 */
export function approvalOutdated(approved: TranslationRevision | null, original: string | null): TranslationView['approvalOutdated'] {
  if (!approved || original == null || approved.publishedWithoutOriginal) return null;
  const segmentIds = segmentsNotInOriginal(approved.segments, original);
  return segmentIds.length ? { revisionId: approved.id, number: approved.number, segmentIds } : null;
}

export function viewOf(s: CoreState, t: Translation): TranslationView {
  const revisions = listRevisions(s.db, t.id);
  const latest = revisions[revisions.length - 1];
  if (!latest) throw new CoreError('failed', `Translation ${t.id} has no revision.`);
  const approved = approvedRevisionOf(revisions);
  const original = mustGet(s, 'statement', t.statementId, { allowTrashed: true }).originalText;
  return {
    translation: t, latest, approved, comments: listComments(s.db, t.id), problems: problemsOf(revisions),
    approvalOutdated: approvalOutdated(approved, original),
  };
}

/** The approved text of a statement in a language, for reports and exports (null when nothing is approved). */
export function approvedTextOf(s: CoreState, statementId: string, targetLang: string): { text: string; revision: TranslationRevision } | null {
  const t = getTranslationFor(s.db, statementId, canonicalLang(targetLang));
  if (!t) return null;
  const r = approvedRevisionOf(listRevisions(s.db, t.id));
  return r ? { text: r.text, revision: r } : null;
}

// --- checks ------------------------------------------------------------------------------------

function checkRev(s: CoreState, t: Translation, rev: number): void {
  if (t.rev !== rev) {
    throw new CoreError(
      'conflict',
      `This translation was changed by someone else since you opened it (you have revision ${rev}, the saved one is ${t.rev}). Nothing was saved.`,
      { current: viewOf(s, t) },
    );
  }
}

function wrongState(s: CoreState, t: Translation, message: string): CoreError {
  return new CoreError('conflict', message, { current: viewOf(s, t) });
}

const STATE_WORDS: Record<TranslationRevision['state'], string> = {
  draft: 'a draft', in_review: 'in review', changes_requested: 'sent back with changes requested', approved: 'approved', final: 'final (published)',
};

function profileName(s: CoreState, id: string | null): string {
  if (!id) return 'nobody';
  const p = s.db.prepare('SELECT name FROM profiles WHERE id = ?').pluck().get(id) as string | undefined;
  return p ?? id;
}

/** Four eyes: nobody approves a revision they translated or whose segments they wrote or edited. */
function fourEyes(s: CoreState, actor: Actor, r: TranslationRevision): void {
  const me = actorId(actor);
  if (!me) return;
  const name = profileName(s, me);
  if (r.translatorId === me) {
    throw new CoreError('forbidden', `${name} cannot approve revision ${r.number}: they are its translator. Four eyes: a translation is approved by a reviewer who did not write or edit it.`);
  }
  if (r.editedBy.includes(me)) {
    throw new CoreError('forbidden', `${name} cannot approve revision ${r.number}: they wrote or edited segments of it. Four eyes: a translation is approved by a reviewer who did not write or edit it.`);
  }
}

function segmentError(e: unknown): never {
  if (e instanceof SegmentError) throw CoreError.invalid(e.field, e.message);
  throw e;
}

// --- writing -----------------------------------------------------------------------------------

const union = (...lists: readonly (string | null)[][]) => [...new Set(lists.flat().filter((x): x is string => !!x))];

/** Audit changes for the segments that differ: `s3.target: [before, after]`. */
function segmentChanges(before: TranslationSegment[], after: TranslationSegment[]): Changes {
  const out: Changes = {};
  const old = new Map(before.map((x) => [x.id, x]));
  for (const seg of after) {
    const b = old.get(seg.id);
    if (!b) { out[`${seg.id}`] = [null, { source: seg.source, target: seg.target, note: seg.note }]; continue; }
    if (b.target !== seg.target) out[`${seg.id}.target`] = [b.target, seg.target];
    if (b.note !== seg.note) out[`${seg.id}.note`] = [b.note, seg.note];
    if (b.sourceStart !== seg.sourceStart || b.sourceEnd !== seg.sourceEnd) out[`${seg.id}.source`] = [b.source, seg.source];
  }
  const now = new Set(after.map((x) => x.id));
  for (const b of before) if (!now.has(b.id)) out[`${b.id}`] = [{ source: b.source, target: b.target, note: b.note }, null];
  return out;
}

/**
 * Applies new segments to the latest revision: a draft is changed in place; approved, final
 * and changes_requested text gets a new draft revision (the old one stays exactly as it was).
 * Returns the revision now holding the text, and the audit changes.
 */
export function reviseSegments(
  s: CoreState, actor: Actor, t: Translation, latest: TranslationRevision, segments: TranslationSegment[],
  origin: TranslationRevision['origin'],
): { revision: TranslationRevision; changes: Changes } {
  if (latest.state === 'in_review') {
    throw wrongState(s, t, `Revision ${latest.number} is in review and cannot be changed until the reviewer approves it or requests changes.`);
  }
  const me = actorId(actor);
  // The flags a correction left were checked when the text was approved: new work starts clean.
  if (latest.state === 'approved' || latest.state === 'final') segments = segments.map(withoutFlag);
  const changes = segmentChanges(latest.segments, segments);
  if (latest.state === 'draft' && origin !== 'xliff') {
    const revision: TranslationRevision = { ...latest, segments, editedBy: union(latest.editedBy, [me]) };
    updateRevision(s.db, revision);
    return { revision: getRevision(s.db, revision.id) as TranslationRevision, changes: { ...changes, revision: [latest.number, latest.number] } };
  }
  const revision: TranslationRevision = {
    id: s.newId(), translationId: t.id, number: latest.number + 1, state: 'draft', xliffState: XLIFF_STATE.draft, segments, text: '',
    translatorId: me, editedBy: union(latest.editedBy, [latest.translatorId], [me]), basedOnId: latest.id, origin,
    createdAt: s.now(), submittedAt: null, submittedBy: null, reviewedBy: null, reviewedAt: null, approvedSha256: null,
    approvalValid: null, publishedAt: null, publishedBy: null, publishedWithoutOriginal: latest.publishedWithoutOriginal,
  };
  insertRevision(s.db, revision);
  return {
    revision: getRevision(s.db, revision.id) as TranslationRevision,
    changes: { ...changes, revision: [latest.number, revision.number], state: [latest.state, 'draft'] },
  };
}

function withoutFlag(seg: TranslationSegment): TranslationSegment {
  if (seg.previousSource === undefined) return seg;
  const { previousSource: _gone, ...rest } = seg;
  return rest;
}

/**
 * After a correction of a statement's original (same transaction): every translation's latest
 * revision is re-aligned with the corrected text by content (shared/text/segment.ts
 * realignSegments). A draft, a revision in review or one sent back is re-aligned in place (the
 * sources are the original's, not the translator's words; the approved text is the targets); an
 * approved or final revision stays exactly as it was, and the re-aligned segments become a new
 * draft revision of the same translator, to be checked and approved again.
 */
export function realignTranslations(s: CoreState, actor: Actor, statementId: string, original: string, lang: string | null): void {
  for (const t of listTranslationsByStatement(s.db, statementId)) {
    const latest = latestRevision(s.db, t.id);
    const r = realignSegments(latest.segments, original, lang ?? t.sourceLang, () => takeSegmentId(s.db, t.id));
    const changes = segmentChanges(latest.segments, r.segments);
    if (Object.keys(changes).length === 0) continue;
    const summary: Changes = {
      ...changes, realigned: [null, { changed: r.changed, added: r.added, removed: r.removed.map((x) => x.id) }],
    };
    if (latest.state === 'approved' || latest.state === 'final') {
      const revision: TranslationRevision = {
        ...latest, id: s.newId(), number: latest.number + 1, state: 'draft', xliffState: XLIFF_STATE.draft, segments: r.segments, text: '',
        editedBy: union(latest.editedBy, [latest.translatorId]), basedOnId: latest.id, origin: 'edit', createdAt: s.now(),
        submittedAt: null, submittedBy: null, reviewedBy: null, reviewedAt: null, approvedSha256: null, approvalValid: null,
        publishedAt: null, publishedBy: null,
      };
      insertRevision(s.db, revision);
      done(s, actor, t, 'translation.realign', { ...summary, revision: [latest.number, revision.number], state: [latest.state, 'draft'] });
    } else {
      updateRevision(s.db, { ...latest, segments: r.segments });
      done(s, actor, t, 'translation.realign', { ...summary, revision: [latest.number, latest.number] });
    }
  }
}

/** Every translation whose approved revision was approved against text the original no longer has. */
export function outdatedApprovals(s: CoreState, onPage?: (done: number) => void): { translation: Translation; outdated: NonNullable<TranslationView['approvalOutdated']> }[] {
  // A page of ids at a time (each translation needs queries of its own, which an open cursor would block).
  const page = s.db.prepare(
    `SELECT t.id, t.statement_id, t.target_lang FROM translations t
     WHERE EXISTS (SELECT 1 FROM translation_revisions r WHERE r.translation_id = t.id AND r.state IN ('approved','final'))
       AND (t.statement_id, t.target_lang) > (?, ?)
     ORDER BY t.statement_id, t.target_lang LIMIT 500`,
  ).raw();
  const out: ReturnType<typeof outdatedApprovals> = [];
  let after: [string, string] = ['', ''];
  let done = 0;
  for (;;) {
    const rows = page.all(...after) as [string, string, string][];
    if (rows.length === 0) break;
    for (const [id] of rows) {
      const t = getTranslation(s.db, id) as Translation;
      const st = mustGet(s, 'statement', t.statementId, { allowTrashed: true });
      const outdated = approvalOutdated(approvedRevisionOf(listRevisions(s.db, t.id)), st.originalText);
      if (outdated) out.push({ translation: t, outdated });
    }
    const last = rows[rows.length - 1]!;
    after = [last[1], last[2]];
    done += rows.length;
    onPage?.(done);
  }
  return out;
}

function loadForWrite(s: CoreState, id: string, rev: number): { t: Translation; latest: TranslationRevision } {
  const t = mustGetTranslation(s, id);
  checkRev(s, t, rev);
  return { t, latest: latestRevision(s.db, t.id) };
}

function done(s: CoreState, actor: Actor, t: Translation, action: string, changes: Changes, op: 'insert' | 'update' = 'update'): TranslationView {
  const next = touchTranslation(s.db, t, s.now(), actorId(actor));
  record(s, actor, action, 'translation', t.id, { ...changes, rev: [t.rev, next.rev] }, op);
  return viewOf(s, next);
}

/**
 * The sample's (and any) published wording kept as a final translation although no original
 * was captured: one segment with an empty source, the approval pinned to the wording.
 */
export function createPublishedTranslation(
  s: CoreState, actor: Actor, statementId: string, targetLang: string, wording: string, note: string,
): TranslationView {
  return write(s, () => {
    const st = mustGet(s, 'statement', statementId);
    const lang = canonicalLang(targetLang);
    if (getTranslationFor(s.db, statementId, lang)) throw new CoreError('conflict', `Statement ${statementId} already has a translation into ${lang}.`);
    const now = s.now();
    const me = actorId(actor);
    const t: Translation = { id: s.newId(), statementId, sourceLang: st.language, targetLang: lang, rev: 1, createdAt: now, createdBy: me, updatedAt: now, updatedBy: me };
    insertTranslation(s.db, t, 1);
    const segments: TranslationSegment[] = [{ id: 's1', source: '', target: wording, note, sourceStart: 0, sourceEnd: 0 }];
    insertRevision(s.db, {
      id: s.newId(), translationId: t.id, number: 1, state: 'final', xliffState: 'final', segments, text: '', translatorId: null,
      editedBy: [], basedOnId: null, origin: 'published_wording', createdAt: now, submittedAt: null, submittedBy: null,
      reviewedBy: null, reviewedAt: null, approvedSha256: approvalHash(segments), approvalValid: true, publishedAt: now,
      publishedBy: me, publishedWithoutOriginal: true,
    });
    record(s, actor, 'translation.published_wording', 'translation', t.id, {
      statementId: [null, statementId], targetLang: [null, lang], state: [null, 'final'], approvedSha256: [null, approvalHash(segments)],
      publishedWithoutOriginal: [null, true],
    }, 'insert');
    return viewOf(s, t);
  });
}

function nonBlank(x: string): boolean {
  return x.trim().length > 0;
}

// --- translation memory ------------------------------------------------------------------------

function remember(s: CoreState, t: Translation, r: TranslationRevision): number {
  if (!t.sourceLang) return 0;
  let n = 0;
  for (const seg of r.segments) {
    if (!nonBlank(seg.source) || !nonBlank(seg.target)) continue;
    insertMemory(s.db, {
      id: s.newId(), source_folded: matchKey(seg.source), source: seg.source, target: seg.target, source_lang: t.sourceLang,
      target_lang: t.targetLang, revision_id: r.id, segment_id: seg.id, created_at: s.now(),
    });
    n++;
  }
  return n;
}

export function suggest(s: CoreState, q: { source: string; sourceLang: string; targetLang: string; minScore: number; limit: number }) {
  const key = matchKey(q.source);
  const words = key ? key.split(' ') : [];
  if (words.length === 0) return { matches: [] };
  const best = new Map<string, { score: number; row: ReturnType<typeof memoryRowsFor>[number]; uses: number }>();
  for (const row of memoryRowsFor(s.db, q.sourceLang, q.targetLang)) {
    const theirs = row.source_folded ? row.source_folded.split(' ') : [];
    let score: number;
    if (row.source_folded === key) score = 100;
    else {
      if (similarityBound(words.length, theirs.length) < q.minScore) continue;
      score = similarity(words, theirs);
      if (score < q.minScore) continue;
    }
    // One entry per (source, target) pair: the most recent approval (rows come newest first).
    const pairKey = `${row.source_folded}\u0000${row.target}`;
    const seen = best.get(pairKey);
    if (seen) seen.uses++;
    else best.set(pairKey, { score, row, uses: 1 });
  }
  const matches = [...best.values()]
    .sort((a, b) => b.score - a.score || b.row.created_at.localeCompare(a.row.created_at))
    .slice(0, q.limit)
    .map(({ score, row, uses }) => ({
      kind: row.source_folded === key ? 'exact' as const : 'fuzzy' as const,
      score: row.source_folded === key ? 100 : Math.min(score, 99),
      source: row.source, target: row.target, sourceLang: row.source_lang, targetLang: row.target_lang, uses,
      from: {
        statementId: row.statement_id, translationId: row.translation_id, revisionId: row.revision_id, revisionNumber: row.number,
        segmentId: row.segment_id, approvedAt: row.reviewed_at ?? row.created_at, approvedBy: row.reviewed_by,
      },
    }));
  return { matches };
}

// --- the contract --------------------------------------------------------------------------------

export const translationHandlers = handlerGroup({
  'translations.list': (s, _a, { statementId }) => {
    mustGet(s, 'statement', statementId, { allowTrashed: true });
    return listTranslationsByStatement(s.db, statementId).map((t) => viewOf(s, t));
  },

  'translations.get': (s, _a, { statementId, targetLang }) => {
    mustGet(s, 'statement', statementId, { allowTrashed: true });
    const t = getTranslationFor(s.db, statementId, canonicalLang(targetLang));
    return t ? viewOf(s, t) : null;
  },

  'translations.start': (s, actor, { statementId, targetLang }) => write(s, () => {
    requirePermission(actor, 'translations.translate');
    const st = mustGet(s, 'statement', statementId);
    const lang = canonicalLang(targetLang);
    const existing = getTranslationFor(s.db, statementId, lang);
    if (existing) {
      throw new CoreError('conflict', `This statement already has a translation into ${lang} (revision ${latestRevision(s.db, existing.id).number}); open it instead.`, { current: viewOf(s, existing) });
    }
    if (st.originalText == null) {
      throw CoreError.invalid('statementId', 'the original of this statement was not captured, so there is nothing to segment and translate');
    }
    if (primary(st.language) === primary(lang)) throw CoreError.invalid('targetLang', `the original is already in ${st.language ?? lang}`);
    const segments = initialSegments(st.originalText, st.language);
    if (segments.length === 0) throw CoreError.invalid('statementId', 'the original holds only white space');
    const now = s.now();
    const me = actorId(actor);
    const t: Translation = { id: s.newId(), statementId, sourceLang: st.language, targetLang: lang, rev: 1, createdAt: now, createdBy: me, updatedAt: now, updatedBy: me };
    insertTranslation(s.db, t, segments.length);
    insertRevision(s.db, {
      id: s.newId(), translationId: t.id, number: 1, state: 'draft', xliffState: 'initial', segments, text: '', translatorId: me,
      editedBy: [], basedOnId: null, origin: 'start', createdAt: now, submittedAt: null, submittedBy: null, reviewedBy: null,
      reviewedAt: null, approvedSha256: null, approvalValid: null, publishedAt: null, publishedBy: null, publishedWithoutOriginal: false,
    });
    record(s, actor, 'translation.start', 'translation', t.id, {
      statementId: [null, statementId], targetLang: [null, lang], segments: [null, segments.length],
    }, 'insert');
    return viewOf(s, t);
  }),

  'translations.edit': (s, actor, { id, rev, segments: patch }) => write(s, () => {
    requirePermission(actor, 'translations.translate');
    const { t, latest } = loadForWrite(s, id, rev);
    const known = new Set(latest.segments.map((x) => x.id));
    const unknown = patch.map((p) => p.id).filter((x) => !known.has(x));
    if (unknown.length) {
      throw CoreError.invalid('segments', `revision ${latest.number} has no segment ${unknown.join(', ')} (its segments: ${[...known].join(', ')})`);
    }
    const dup = patch.map((p) => p.id).find((x, i, all) => all.indexOf(x) !== i);
    if (dup) throw CoreError.invalid('segments', `segment ${dup} is listed twice`);
    const byId = new Map(patch.map((p) => [p.id, p]));
    const next = latest.segments.map((seg) => {
      const p = byId.get(seg.id);
      return p ? { ...seg, target: p.target ?? seg.target, note: p.note ?? seg.note } : seg;
    });
    if (Object.keys(segmentChanges(latest.segments, next)).length === 0) return viewOf(s, t);
    const { changes } = reviseSegments(s, actor, t, latest, next, 'edit');
    return done(s, actor, t, 'translation.edit', changes);
  }),

  'translations.segment': (s, actor, { id, rev, action, segmentId, at }) => write(s, () => {
    requirePermission(actor, 'translations.translate', 'segment translations');
    const { t, latest } = loadForWrite(s, id, rev);
    const st = mustGet(s, 'statement', t.statementId, { allowTrashed: true });
    const original = st.originalText ?? '';
    let next: TranslationSegment[];
    try {
      if (action === 'merge') next = mergeSegments(latest.segments, original, segmentId);
      else {
        if (at === undefined) throw CoreError.invalid('at', 'a split needs the offset to split at');
        next = splitSegment(latest.segments, original, segmentId, at, takeSegmentId(s.db, t.id));
      }
    } catch (e) {
      segmentError(e);
    }
    const { changes } = reviseSegments(s, actor, t, latest, next, 'edit');
    return done(s, actor, t, `translation.${action}`, changes);
  }),

  'translations.submit': (s, actor, { id, rev }) => write(s, () => {
    requirePermission(actor, 'translations.translate', 'submit translations for review');
    const { t, latest } = loadForWrite(s, id, rev);
    if (latest.state !== 'draft') {
      throw wrongState(s, t, `Only a draft can be submitted for review; revision ${latest.number} is ${STATE_WORDS[latest.state]}.`);
    }
    const empty = latest.segments.filter((x) => !nonBlank(x.target)).map((x) => x.id);
    if (empty.length) throw CoreError.invalid('id', `segment ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no translation yet`);
    requireQaPassed(s, t, latest);
    const now = s.now();
    updateRevision(s.db, { ...latest, state: 'in_review', submittedAt: now, submittedBy: actorId(actor) });
    return done(s, actor, t, 'translation.submit', { revision: [latest.number, latest.number], state: ['draft', 'in_review'] });
  }),

  'translations.approve': (s, actor, { id, rev }) => write(s, () => {
    requirePermission(actor, 'translations.review', 'approve translations');
    const { t, latest } = loadForWrite(s, id, rev);
    if (latest.state !== 'in_review') {
      throw wrongState(s, t, `Only a revision in review can be approved; revision ${latest.number} is ${STATE_WORDS[latest.state]}.`);
    }
    fourEyes(s, actor, latest);
    const sha = approvalHash(latest.segments);
    const approved: TranslationRevision = { ...latest, state: 'approved', reviewedBy: actorId(actor), reviewedAt: s.now(), approvedSha256: sha };
    updateRevision(s.db, approved);
    const remembered = remember(s, t, approved);
    return done(s, actor, t, 'translation.approve', {
      revision: [latest.number, latest.number], state: ['in_review', 'approved'], approvedSha256: [null, sha], memory: [null, remembered],
    });
  }),

  'translations.requestChanges': (s, actor, { id, rev, comment, segmentComments }) => write(s, () => {
    requirePermission(actor, 'translations.review', 'request changes to translations');
    const { t, latest } = loadForWrite(s, id, rev);
    if (latest.state !== 'in_review') {
      throw wrongState(s, t, `Changes can only be requested on a revision in review; revision ${latest.number} is ${STATE_WORDS[latest.state]}.`);
    }
    const perSegment = segmentComments.filter((c) => nonBlank(c.body));
    if (!nonBlank(comment) && perSegment.length === 0) {
      throw CoreError.invalid('comment', 'a change request needs a comment saying what to change (on the revision or on a segment)');
    }
    const known = new Set(latest.segments.map((x) => x.id));
    const unknown = perSegment.map((c) => c.segmentId).filter((x) => !known.has(x));
    if (unknown.length) throw CoreError.invalid('segmentComments', `revision ${latest.number} has no segment ${unknown.join(', ')}`);
    const now = s.now();
    const me = actorId(actor);
    const add = (segmentId: string | null, body: string) => insertComment(s.db, {
      id: s.newId(), revisionId: latest.id, segmentId, authorId: me, kind: 'change_request', body, createdAt: now,
    });
    if (nonBlank(comment)) add(null, comment);
    for (const c of perSegment) add(c.segmentId, c.body);
    updateRevision(s.db, { ...latest, state: 'changes_requested', reviewedBy: me, reviewedAt: now });
    return done(s, actor, t, 'translation.request_changes', {
      revision: [latest.number, latest.number], state: ['in_review', 'changes_requested'],
      comment: [null, nonBlank(comment) ? comment : null],
      ...Object.fromEntries(perSegment.map((c) => [`${c.segmentId}.comment`, [null, c.body]])),
    });
  }),

  'translations.comment': (s, actor, { revisionId, segmentId, body }) => write(s, () => {
    requirePermission(actor, 'translations.comment');
    const r = getRevision(s.db, revisionId);
    if (!r) throw CoreError.notFound('translation revision', revisionId);
    if (!nonBlank(body)) throw CoreError.invalid('body', 'a comment cannot be empty');
    if (segmentId && !r.segments.some((x) => x.id === segmentId)) {
      throw CoreError.invalid('segmentId', `revision ${r.number} has no segment ${segmentId}`);
    }
    const c: TranslationComment = {
      id: s.newId(), revisionId, segmentId: segmentId ?? null, authorId: actorId(actor), kind: 'comment', body, createdAt: s.now(),
    };
    insertComment(s.db, c);
    record(s, actor, 'translation.comment', 'translation', r.translationId, {
      comment: [null, { id: c.id, revision: r.number, segmentId: c.segmentId, body }],
    }, 'update');
    return c;
  }),

  'translations.history': (s, _a, { id }) => {
    const t = mustGetTranslation(s, id);
    return { translation: t, revisions: listRevisions(s.db, t.id), comments: listComments(s.db, t.id) };
  },

  'translations.queue': (s, actor, q) => {
    const where = ["r.state = 'in_review'", 'st.deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    if (q.caseId) { where.push("t.statement_id IN (SELECT item_id FROM case_items WHERE case_id = @caseId AND item_type = 'statement')"); params.caseId = q.caseId; }
    if (q.targetLang) { where.push('(lower(t.target_lang) = @lang OR lower(t.target_lang) LIKE @lang || \'-%\')'); params.lang = q.targetLang.toLowerCase(); }
    if (q.translatorId) { where.push('r.translator_id = @translator'); params.translator = q.translatorId; }
    const from = `FROM translation_revisions r JOIN translations t ON t.id = r.translation_id JOIN statements st ON st.id = t.statement_id WHERE ${where.join(' AND ')}`;
    const total = s.db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number;
    const rows = s.db.prepare(
      `SELECT r.*, t.rev AS t_rev, t.statement_id AS t_statement, t.source_lang AS t_source, t.target_lang AS t_target ${from}
       ORDER BY r.submitted_at, r.id LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: q.limit, offset: q.offset }) as Record<string, unknown>[];
    const me = actorId(actor);
    const items = rows.map((row) => {
      const r = rowToRevision(row);
      const st = mustGet(s, 'statement', row.t_statement as string, { allowTrashed: true });
      return {
        translationId: r.translationId, rev: row.t_rev as number, statementId: st.id, statementTitle: TABLES.statement.titleOf(st),
        caseIds: caseIdsOf(s, 'statement', st.id), revisionId: r.id, number: r.number, sourceLang: (row.t_source as string | null) ?? null,
        targetLang: row.t_target as string, translatorId: r.translatorId, editedBy: r.editedBy, submittedAt: r.submittedAt as string,
        submittedBy: r.submittedBy, segments: r.segments.length, ownWork: !!me && (r.translatorId === me || r.editedBy.includes(me)),
      };
    });
    return { items, total, limit: q.limit, offset: q.offset };
  },

  'translations.diff': (s, _a, { revisionId }) => {
    const revision = getRevision(s.db, revisionId);
    if (!revision) throw CoreError.notFound('translation revision', revisionId);
    const earlier = listRevisions(s.db, revision.translationId).filter((r) => r.number < revision.number);
    // A resubmission is read against what the reviewer saw last when nothing was approved yet.
    const submitted = earlier.filter((r) => r.submittedAt !== null);
    return { revision, base: approvedRevisionOf(earlier) ?? submitted[submitted.length - 1] ?? null };
  },

  'translations.suggest': (s, _a, q) => suggest(s, { ...q, sourceLang: canonicalLang(q.sourceLang, 'sourceLang'), targetLang: canonicalLang(q.targetLang) }),

  'translations.publish': (s, actor, { id, rev, revisionId }) => write(s, () => {
    requirePermission(actor, 'translations.publish');
    const t = mustGetTranslation(s, id);
    checkRev(s, t, rev);
    const revisions = listRevisions(s.db, t.id);
    const target = revisionId ? revisions.find((r) => r.id === revisionId) : approvedRevisionOf(revisions);
    if (!target) {
      if (revisionId) throw CoreError.invalid('revisionId', `translation ${t.id} has no revision ${revisionId}`);
      throw wrongState(s, t, 'This translation has no approved revision to publish.');
    }
    if (target.state === 'final' && target.approvalValid) return viewOf(s, t);
    if (target.state !== 'approved') {
      throw wrongState(s, t, `Only approved text can be published; revision ${target.number} is ${STATE_WORDS[target.state]}.`);
    }
    if (!target.approvalValid) {
      throw wrongState(s, t, `Revision ${target.number} is marked approved, but its text no longer matches the approved text: it cannot be published.`);
    }
    return publishRevision(s, actor, t, target);
  }),
});

/** approved -> final, audited: what a report's publication does to each revision it quotes. */
export function publishRevision(s: CoreState, actor: Actor, t: Translation, target: TranslationRevision): TranslationView {
  updateRevision(s.db, { ...target, state: 'final', publishedAt: s.now(), publishedBy: actorId(actor) });
  return done(s, actor, t, 'translation.publish', { revision: [target.number, target.number], state: ['approved', 'final'] });
}
