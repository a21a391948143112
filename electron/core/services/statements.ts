import { correctionReasonGiven, isCorrection, type Statement } from '../../../shared/domain';
import { extractAll } from '../../../shared/text';
import { detectLanguage } from '../../../shared/text/language';
import { listRecords } from '../db/repos/records';
import { CoreError } from '../errors';
import { actorId } from './acting';
import { requirePermission } from './permissions';
import { record } from './record';
import { write } from './write';
import { addCaseItem, likePattern, markingForCases, requireRecordEdit } from './cases';
import { createEntity, mustGet, requireRef, updateEntity, restoreHandler, trashHandler } from './entity';
import { realignTranslations } from './translations';
import { handlerGroup } from './types';

type Fields = Partial<Statement>;

/** Hashtags, mentions, links and scripture references come from the texts, never from the user. */
function derived(f: Fields) {
  const texts = [f.originalText, f.publishedWording].filter((t): t is string => !!t);
  const all = texts.map(extractAll);
  const uniq = <T>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];
  return {
    hashtags: uniq(all.flatMap((e) => e.hashtags), (x) => x),
    mentions: uniq(all.flatMap((e) => e.mentions), (x) => x),
    links: uniq(all.flatMap((e) => e.links), (x) => x),
    scriptureRefs: uniq(all.flatMap((e) => e.scriptureRefs), (r) => `${r.chapter}:${r.verse}-${r.verseEnd ?? ''}`),
  };
}

function checkRefs(s: Parameters<typeof requireRef>[0], f: Fields) {
  requireRef(s, 'actor', f.speakerId, 'speakerId');
  requireRef(s, 'actor', f.onBehalfOfId, 'onBehalfOfId');
}

function checkOriginal(f: Fields) {
  if (f.originalText === '') {
    throw CoreError.invalid('originalText', 'is empty: leave it out to record that the original was not captured');
  }
  if (f.originalStatus === 'captured' && (f.originalText == null || f.originalText.length === 0)) {
    throw CoreError.invalid('originalText', 'a captured statement needs its verbatim original text (or mark the original as not captured)');
  }
  if (f.originalStatus === 'not_captured' && f.originalText) {
    throw CoreError.invalid('originalStatus', 'the original text is present, so the original is captured');
  }
}

export const statementHandlers = handlerGroup({
  'statements.list': (s, _a, q) => {
    const where = [q.trashed ? 't.deleted_at IS NOT NULL' : 't.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (q.caseId) { where.push("t.id IN (SELECT item_id FROM case_items WHERE case_id = ? AND item_type = 'statement')"); params.push(q.caseId); }
    if (q.speakerId) { where.push('(t.speaker_id = ? OR t.on_behalf_of_id = ?)'); params.push(q.speakerId, q.speakerId); }
    if (q.language) { where.push('t.language = ?'); params.push(q.language); }
    if (q.marking?.length) { where.push(`t.marking IN (${q.marking.map(() => '?').join(',')})`); params.push(...q.marking); }
    if (q.text) {
      const p = likePattern(q.text);
      where.push("(t.original_text LIKE ? ESCAPE '\\' OR t.published_wording LIKE ? ESCAPE '\\' OR t.summary LIKE ? ESCAPE '\\')");
      params.push(p, p, p);
    }
    const col = q.sort === 'saidAt' ? 't.said_at' : q.sort === 'createdAt' ? 't.created_at' : 't.updated_at';
    const order = `${col} ${q.dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, t.id`;
    return { ...listRecords(s.db, 'statement', { where, params, order, limit: q.limit, offset: q.offset }), limit: q.limit, offset: q.offset };
  },

  'statements.get': (s, _a, { id }) => mustGet(s, 'statement', id, { allowTrashed: true }),

  'statements.create': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'statements.create');
    const { as: _as, caseIds, ...fields } = input;
    const f: Fields = {
      speakerId: null, onBehalfOfId: null, saidAt: null, datePrecision: 'day', timezone: null, platform: null, handle: null,
      url: null, language: fields.language === undefined ? detectLanguage(fields.originalText) : null, originalText: null,
      publishedWording: null, publishedWordingLanguage: null, summary: '', reliability: null, credibility: null,
      marking: markingForCases(s, caseIds) ?? 'internal',
      ...fields,
    };
    f.originalStatus = fields.originalStatus ?? (f.originalText != null ? 'captured' : 'not_captured');
    checkOriginal(f);
    checkRefs(s, f);
    for (const c of caseIds ?? []) mustGet(s, 'case', c);
    const st = createEntity(s, actor, 'statement', { ...f, ...derived(f) });
    for (const c of caseIds ?? []) addCaseItem(s, actor, c, 'statement', st.id);
    return st;
  }),

  'statements.update': (s, actor, input) => write(s, () => {
    const { as: _as, id, rev, correctionReason, ...patch } = input;
    const current = mustGet(s, 'statement', id);
    requireRecordEdit(actor, 'statement', 'statements.edit', current, patch);
    const next: Fields = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    if (patch.originalText !== undefined && patch.originalText !== null && patch.originalStatus === undefined) next.originalStatus = 'captured';
    // Captured with no language set: the script says which it obviously is (the user can change it).
    if (patch.originalText != null && current.language == null && patch.language === undefined) next.language = detectLanguage(patch.originalText);
    // The verbatim original is evidence: once captured it changes only through a recorded correction.
    const correcting = isCorrection(current.originalText, patch.originalText);
    if (correcting && !correctionReasonGiven(correctionReason)) {
      throw CoreError.invalid('originalText', 'the captured original can only be changed as a correction: give the reason for it (correctionReason)');
    }
    checkOriginal(next);
    checkRefs(s, patch);
    const saved = updateEntity(s, actor, 'statement', id, rev, { ...next, ...derived(next) }, {
      current,
      action: correcting ? 'statement.correct_original' : undefined,
      extraChanges: correcting ? { correctionReason: [null, correctionReason] } : undefined,
    });
    // Translations follow the corrected text in the same transaction: only what changed is flagged.
    if (correcting && saved.originalText != null) realignTranslations(s, actor, id, saved.originalText, saved.language);
    return saved;
  }),

  'statements.trash': trashHandler('statement', 'statements.trash', 'statements'),
  'statements.restore': restoreHandler('statement', 'statements.trash', 'statements'),

  'statements.related': (s, _a, { statementId }) => {
    mustGet(s, 'statement', statementId, { allowTrashed: true });
    const ids = (s.db.prepare(
      'SELECT related_id AS id FROM statement_relations WHERE statement_id = ? UNION SELECT statement_id FROM statement_relations WHERE related_id = ?',
    ).all(statementId, statementId) as { id: string }[]).map((r) => r.id);
    return ids.map((id) => mustGet(s, 'statement', id, { allowTrashed: true })).filter((x) => !x.deletedAt);
  },
  'statements.relate': (s, actor, { statementId, relatedId }) => write(s, () => {
    requirePermission(actor, 'statements.relate');
    if (statementId === relatedId) throw CoreError.invalid('relatedId', 'a statement cannot be related to itself');
    mustGet(s, 'statement', statementId);
    mustGet(s, 'statement', relatedId);
    const exists = s.db.prepare('SELECT 1 FROM statement_relations WHERE (statement_id = ? AND related_id = ?) OR (statement_id = ? AND related_id = ?)').get(statementId, relatedId, relatedId, statementId);
    if (!exists) {
      s.db.prepare('INSERT INTO statement_relations (statement_id, related_id, created_at, created_by) VALUES (?, ?, ?, ?)').run(statementId, relatedId, s.now(), actorId(actor));
      record(s, actor, 'statement.relate', 'statement', statementId, { related: [null, relatedId] }, 'update');
    }
    return { ok: true as const };
  }),
  'statements.unrelate': (s, actor, { statementId, relatedId }) => write(s, () => {
    requirePermission(actor, 'statements.relate');
    const r = s.db.prepare('DELETE FROM statement_relations WHERE (statement_id = ? AND related_id = ?) OR (statement_id = ? AND related_id = ?)').run(statementId, relatedId, relatedId, statementId);
    if (r.changes === 0) throw new CoreError('not_found', 'These statements are not related.', { field: 'relatedId' });
    record(s, actor, 'statement.unrelate', 'statement', statementId, { related: [relatedId, null] }, 'update');
    return { ok: true as const };
  }),
});
