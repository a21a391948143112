import type { Citation } from '../../../shared/domain';
import { listRecords } from '../db/repos/records';
import { CoreError } from '../errors';
import { actorId } from './acting';
import { requirePermission } from './permissions';
import { record } from './record';
import { write } from './write';
import type { CoreState } from './state';
import { addCaseItem, caseIdsOf, likePattern, markingForCases, requireRecordEdit } from './cases';
import { createEntity, mustGet, requireRef, updateEntity, restoreHandler, trashHandler } from './entity';
import { handlerGroup } from './types';

function citationFromRow(r: Record<string, unknown>): Citation {
  return {
    id: r.id as string, citingType: r.citing_type as Citation['citingType'], citingId: r.citing_id as string,
    sourceId: r.source_id as string, position: r.position as number, locator: r.locator as string,
    createdAt: r.created_at as string, createdBy: (r.created_by as string | null) ?? null,
  };
}

function mustGetCitation(s: CoreState, id: string): Citation {
  const row = s.db.prepare('SELECT * FROM citations WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!row) throw CoreError.notFound('citation', id);
  return citationFromRow(row);
}

export function citationsOf(s: CoreState, citingType: string, citingId: string): Citation[] {
  return (s.db.prepare('SELECT * FROM citations WHERE citing_type = ? AND citing_id = ? ORDER BY position, created_at').all(citingType, citingId) as Record<string, unknown>[]).map(citationFromRow);
}

/** A report's citations live in its body; the rows mirror it (services/reports.ts), so they are not edited here. */
function refuseReport(citingType: string): void {
  if (citingType === 'report') {
    throw CoreError.invalid('citingType', "a report's citations are in its body ([@SOURCE_ID]): cite with reports.cite or edit the body");
  }
}

/** Positions stay 0..n-1 in the order the user set, so footnotes number the same everywhere. */
function renumber(s: CoreState, citingType: string, citingId: string, order: string[]) {
  const upd = s.db.prepare('UPDATE citations SET position = ? WHERE id = ?');
  order.forEach((id, i) => upd.run(i, id));
  return citationsOf(s, citingType, citingId);
}

export const sourceHandlers = handlerGroup({
  'sources.list': (s, _a, q) => {
    const where = [q.trashed ? 't.deleted_at IS NOT NULL' : 't.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (q.caseId) { where.push("t.id IN (SELECT item_id FROM case_items WHERE case_id = ? AND item_type = 'source')"); params.push(q.caseId); }
    if (q.kind) { where.push('t.kind = ?'); params.push(q.kind); }
    if (q.marking?.length) { where.push(`t.marking IN (${q.marking.map(() => '?').join(',')})`); params.push(...q.marking); }
    if (q.text) {
      const p = likePattern(q.text);
      where.push("(t.title LIKE ? ESCAPE '\\' OR t.publisher LIKE ? ESCAPE '\\' OR t.author LIKE ? ESCAPE '\\' OR t.url LIKE ? ESCAPE '\\')");
      params.push(p, p, p, p);
    }
    return { ...listRecords(s.db, 'source', { where, params, order: 't.published_at DESC NULLS LAST, t.id', limit: q.limit, offset: q.offset }), limit: q.limit, offset: q.offset };
  },
  'sources.get': (s, _a, { id }) => mustGet(s, 'source', id, { allowTrashed: true }),
  'sources.create': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'sources.create');
    const { as: _as, caseIds, ...fields } = input;
    requireRef(s, 'profile', fields.capturedBy, 'capturedBy');
    for (const c of caseIds ?? []) mustGet(s, 'case', c);
    const src = createEntity(s, actor, 'source', {
      author: null, publisher: null, url: null, publishedAt: null, accessedAt: null, capturedBy: null, reliability: null,
      credibility: null, gradeRationale: '', notes: '', marking: markingForCases(s, caseIds) ?? 'internal', ...fields,
    });
    for (const c of caseIds ?? []) addCaseItem(s, actor, c, 'source', src.id);
    return src;
  }),
  'sources.update': (s, actor, input) => write(s, () => {
    const { as: _as, id, rev, ...patch } = input;
    const current = mustGet(s, 'source', id);
    requireRecordEdit(actor, 'source', 'sources.edit', current, patch);
    requireRef(s, 'profile', patch.capturedBy, 'capturedBy');
    return updateEntity(s, actor, 'source', id, rev, patch, { current });
  }),
  'sources.trash': trashHandler('source', 'sources.trash', 'sources'),
  'sources.restore': restoreHandler('source', 'sources.trash', 'sources'),

  'citations.list': (s, _a, q) => {
    if (q.citingType && q.citingId) return citationsOf(s, q.citingType, q.citingId);
    if (q.sourceId) {
      return (s.db.prepare('SELECT * FROM citations WHERE source_id = ? ORDER BY created_at').all(q.sourceId) as Record<string, unknown>[]).map(citationFromRow);
    }
    throw CoreError.invalid('citingId', 'give citingType with citingId, or sourceId');
  },
  'citations.add': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'sources.cite');
    refuseReport(input.citingType);
    mustGet(s, input.citingType, input.citingId);
    mustGet(s, 'source', input.sourceId);
    const existing = citationsOf(s, input.citingType, input.citingId);
    if (existing.some((c) => c.sourceId === input.sourceId && c.locator === input.locator)) {
      throw CoreError.invalid('sourceId', 'this source is already cited here with the same locator');
    }
    const c: Citation = {
      id: s.newId(), citingType: input.citingType, citingId: input.citingId, sourceId: input.sourceId,
      position: existing.length, locator: input.locator, createdAt: s.now(), createdBy: actorId(actor),
    };
    s.db.prepare('INSERT INTO citations (id, citing_type, citing_id, source_id, position, locator, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.id, c.citingType, c.citingId, c.sourceId, c.position, c.locator, c.createdAt, c.createdBy);
    const order = existing.map((e) => e.id);
    order.splice(Math.min(input.position ?? order.length, order.length), 0, c.id);
    const all = renumber(s, c.citingType, c.citingId, order);
    record(s, actor, 'citation.add', c.citingType, c.citingId, { [`citation:${c.id}`]: [null, { sourceId: c.sourceId, locator: c.locator, position: order.indexOf(c.id) }] }, 'update');
    // What a record in a case cites is evidence of that case: the source joins it (audited).
    for (const caseId of caseIdsOf(s, c.citingType, c.citingId)) {
      if (!mustGet(s, 'case', caseId, { allowTrashed: true }).deletedAt) addCaseItem(s, actor, caseId, 'source', c.sourceId);
    }
    return all.find((x) => x.id === c.id) as Citation;
  }),
  'citations.update': (s, actor, { id, locator }) => write(s, () => {
    requirePermission(actor, 'sources.cite', 'edit citations');
    const c = mustGetCitation(s, id);
    refuseReport(c.citingType);
    if (c.locator !== locator) {
      s.db.prepare('UPDATE citations SET locator = ? WHERE id = ?').run(locator, id);
      record(s, actor, 'citation.update', c.citingType, c.citingId, { [`citation:${id}.locator`]: [c.locator, locator] }, 'update');
    }
    return { ...c, locator };
  }),
  'citations.reorder': (s, actor, { citingType, citingId, order }) => write(s, () => {
    requirePermission(actor, 'sources.cite', 'reorder citations');
    refuseReport(citingType);
    const existing = citationsOf(s, citingType, citingId);
    const have = existing.map((c) => c.id).sort();
    if (JSON.stringify([...order].sort()) !== JSON.stringify(have)) {
      throw CoreError.invalid('order', 'must list every citation of this record exactly once');
    }
    const before = existing.map((c) => c.id);
    const all = renumber(s, citingType, citingId, order);
    record(s, actor, 'citation.reorder', citingType, citingId, { citationOrder: [before, order] }, 'update');
    return all;
  }),
  'citations.remove': (s, actor, { id }) => write(s, () => {
    requirePermission(actor, 'sources.cite', 'remove citations');
    const c = mustGetCitation(s, id);
    refuseReport(c.citingType);
    s.db.prepare('DELETE FROM citations WHERE id = ?').run(id);
    renumber(s, c.citingType, c.citingId, citationsOf(s, c.citingType, c.citingId).map((x) => x.id));
    record(s, actor, 'citation.remove', c.citingType, c.citingId, { [`citation:${id}`]: [{ sourceId: c.sourceId, locator: c.locator, position: c.position }, null] }, 'update');
    return { ok: true as const };
  }),
});
