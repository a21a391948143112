import { MARKING_ORDER, type CaseItem, type CaseItemType, type Marking } from '../../../shared/domain';
import { listRecords } from '../db/repos/records';
import { CoreError } from '../errors';
import { actorId, type Actor } from './acting';
import { may, requirePermission } from './permissions';
import { record } from './record';
import { write } from './write';
import type { CoreState } from './state';
import { createEntity, mustGet, requireRef, updateEntity, restoreHandler, trashHandler } from './entity';
import { handlerGroup } from './types';

const PRIORITY_RANK = "CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END";
const SORT: Record<string, string> = {
  updatedAt: 'updated_at', createdAt: 'created_at', title: 'title COLLATE NOCASE', priority: PRIORITY_RANK,
  dueDate: 'due_date', status: 'status',
};
// Fields only a case manager may set: organising the desk is their job.
const MANAGER_FIELDS = ['assignees', 'marking', 'priority', 'dueDate', 'status'] as const;

function checkAssignees(s: CoreState, ids: string[] | undefined): void {
  for (const id of ids ?? []) requireRef(s, 'profile', id, 'assignees');
}

export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/**
 * The marking a record made inside these cases starts with: the case's own (the strictest, when
 * it goes into several), so a record in a Subscribers case is not born Internal. null: no case.
 */
export function markingForCases(s: CoreState, caseIds: readonly string[] | undefined): Marking | null {
  const marks = (caseIds ?? []).map((id) => mustGet(s, 'case', id).marking);
  if (marks.length === 0) return null;
  return marks.reduce((a, b) => (MARKING_ORDER.indexOf(b) > MARKING_ORDER.indexOf(a) ? b : a));
}

const rank = (m: Marking) => MARKING_ORDER.indexOf(m);

/**
 * Who may save a change to a statement or a source. Its marking is distribution, a case
 * manager's call as for a case: lowering it (restricted -> public) needs `markings.lower`, and a
 * case manager may also raise it without the right to edit the record; raising stays open to
 * whoever may edit it. Any other change needs the edit permission.
 */
export function requireRecordEdit(
  actor: Actor, what: 'statement' | 'source', editPermission: 'statements.edit' | 'sources.edit',
  current: Record<string, unknown> & { marking: Marking }, patch: Record<string, unknown>,
): void {
  const changed = Object.keys(patch).filter((k) => patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(current[k]));
  const next = changed.includes('marking') ? (patch.marking as Marking) : undefined;
  if (next !== undefined) {
    if (rank(next) < rank(current.marking)) requirePermission(actor, 'markings.lower', `lower a ${what}'s marking (${current.marking} to ${next})`);
    else if (!may(actor, 'markings.lower')) requirePermission(actor, editPermission);
  }
  if (changed.length === 0 || changed.some((k) => k !== 'marking')) requirePermission(actor, editPermission);
}

/**
 * Filing a record into a case more restricted than the record is allowed (it may be right),
 * but worth a second look: the record could be published at its own, lower marking.
 */
function markingWarnings(s: CoreState, caseId: string, itemType: CaseItemType, itemId: string): string[] {
  const kase = mustGet(s, 'case', caseId, { allowTrashed: true });
  const item = mustGet(s, itemType, itemId, { allowTrashed: true }) as { marking: Marking };
  if (rank(item.marking) >= rank(kase.marking)) return [];
  // No captured text (the case's title) in the sentence: the UI shows it as it is.
  return [`This ${itemType} is marked ${item.marking}, less restricted than the case it is filed into (${kase.marking}): check that its marking is right before it is exported or published.`];
}

export function addCaseItem(s: CoreState, actor: Actor, caseId: string, itemType: CaseItemType, itemId: string): CaseItem {
  mustGet(s, 'case', caseId);
  requireRef(s, itemType, itemId, 'itemId');
  const existing = s.db.prepare('SELECT * FROM case_items WHERE case_id = ? AND item_type = ? AND item_id = ?').get(caseId, itemType, itemId) as Record<string, string | null> | undefined;
  const row = existing ?? { case_id: caseId, item_type: itemType, item_id: itemId, added_at: s.now(), added_by: actorId(actor) };
  if (!existing) {
    s.db.prepare('INSERT INTO case_items (case_id, item_type, item_id, added_at, added_by) VALUES (@case_id, @item_type, @item_id, @added_at, @added_by)').run(row);
    record(s, actor, 'case.add_item', 'case', caseId, { [`${itemType}:${itemId}`]: [null, 'added'] }, 'update');
  }
  return { caseId, itemType, itemId, addedAt: row.added_at as string, addedBy: row.added_by ?? null };
}

export const caseHandlers = handlerGroup({
  'cases.list': (s, _a, q) => {
    const where = [q.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
    const params: unknown[] = [];
    if (q.status?.length) { where.push(`status IN (${q.status.map(() => '?').join(',')})`); params.push(...q.status); }
    if (q.priority?.length) { where.push(`priority IN (${q.priority.map(() => '?').join(',')})`); params.push(...q.priority); }
    if (q.marking?.length) { where.push(`marking IN (${q.marking.map(() => '?').join(',')})`); params.push(...q.marking); }
    if (q.assignee) { where.push('EXISTS (SELECT 1 FROM json_each(t.assignees) WHERE value = ?)'); params.push(q.assignee); }
    if (q.tag) { where.push('EXISTS (SELECT 1 FROM json_each(t.tags) WHERE value = ? COLLATE NOCASE)'); params.push(q.tag); }
    if (q.text) { where.push("(title LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\')"); params.push(likePattern(q.text), likePattern(q.text)); }
    const order = `${SORT[q.sort] ?? 'updated_at'} ${q.dir === 'asc' ? 'ASC' : 'DESC'}, id`;
    return { ...listRecords(s.db, 'case', { where, params, order, limit: q.limit, offset: q.offset }), limit: q.limit, offset: q.offset };
  },

  'cases.get': (s, _a, { id }) => mustGet(s, 'case', id, { allowTrashed: true }),

  'cases.create': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'cases.create');
    const { as: _as, ...fields } = input;
    checkAssignees(s, fields.assignees);
    return createEntity(s, actor, 'case', {
      summary: '', status: 'open', priority: 'normal', tags: [], assignees: [], marking: 'internal', dueDate: null, ...fields,
    });
  }),

  'cases.update': (s, actor, input) => write(s, () => {
    const { as: _as, id, rev, ...patch } = input;
    const current = mustGet(s, 'case', id);
    const managerChange = MANAGER_FIELDS.find((f) => patch[f] !== undefined && JSON.stringify(patch[f]) !== JSON.stringify(current[f]));
    if (managerChange) {
      const what: Record<string, string> = {
        assignees: 'assign a case', marking: "change a case's marking", priority: "set a case's priority",
        dueDate: "set a case's due date", status: patch.status === 'closed' ? 'close a case' : patch.status === 'archived' ? 'archive a case' : "change a case's status",
      };
      requirePermission(actor, 'cases.organize', what[managerChange]);
    } else {
      requirePermission(actor, 'cases.edit');
    }
    checkAssignees(s, patch.assignees);
    const action = patch.status && patch.status !== current.status ? `case.${patch.status === 'closed' ? 'close' : patch.status === 'archived' ? 'archive' : 'status'}` : undefined;
    return updateEntity(s, actor, 'case', id, rev, patch, { current, action });
  }),

  'cases.trash': trashHandler('case', 'cases.trash', 'a case'),
  'cases.restore': restoreHandler('case', 'cases.trash', 'a case'),

  'cases.items': (s, _a, { caseId, itemType }) => {
    mustGet(s, 'case', caseId, { allowTrashed: true });
    // A record in the trash is not counted in the case while it is there (its link stays, for a restore).
    const live = `NOT EXISTS (SELECT 1 FROM statements x WHERE ci.item_type = 'statement' AND x.id = ci.item_id AND x.deleted_at IS NOT NULL
      UNION ALL SELECT 1 FROM sources x WHERE ci.item_type = 'source' AND x.id = ci.item_id AND x.deleted_at IS NOT NULL
      UNION ALL SELECT 1 FROM reports x WHERE ci.item_type = 'report' AND x.id = ci.item_id AND x.deleted_at IS NOT NULL)`;
    const rows = (itemType
      ? s.db.prepare(`SELECT ci.* FROM case_items ci WHERE ci.case_id = ? AND ci.item_type = ? AND ${live} ORDER BY ci.added_at`).all(caseId, itemType)
      : s.db.prepare(`SELECT ci.* FROM case_items ci WHERE ci.case_id = ? AND ${live} ORDER BY ci.added_at`).all(caseId)) as Record<string, string | null>[];
    return rows.map((r) => ({ caseId: r.case_id as string, itemType: r.item_type as CaseItemType, itemId: r.item_id as string, addedAt: r.added_at as string, addedBy: r.added_by ?? null }));
  },

  'cases.forItem': (s, _a, { itemType, itemId }) => {
    mustGet(s, itemType, itemId, { allowTrashed: true });
    return caseIdsOf(s, itemType, itemId).map((id) => mustGet(s, 'case', id, { allowTrashed: true })).filter((c) => !c.deletedAt);
  },

  'cases.addItem': (s, actor, { caseId, itemType, itemId }) => write(s, () => {
    requirePermission(actor, 'cases.file', 'add records to a case');
    const item = addCaseItem(s, actor, caseId, itemType, itemId);
    return { ...item, warnings: markingWarnings(s, caseId, itemType, itemId) };
  }),

  'cases.removeItem': (s, actor, { caseId, itemType, itemId }) => write(s, () => {
    requirePermission(actor, 'cases.file', 'remove records from a case');
    const r = s.db.prepare('DELETE FROM case_items WHERE case_id = ? AND item_type = ? AND item_id = ?').run(caseId, itemType, itemId);
    if (r.changes === 0) throw new CoreError('not_found', `That ${itemType} is not in case ${caseId}.`, { field: 'itemId' });
    record(s, actor, 'case.remove_item', 'case', caseId, { [`${itemType}:${itemId}`]: ['added', null] }, 'update');
    return { ok: true as const };
  }),
});

export function caseIdsOf(s: CoreState, itemType: CaseItemType, itemId: string): string[] {
  return (s.db.prepare('SELECT case_id FROM case_items WHERE item_type = ? AND item_id = ?').all(itemType, itemId) as { case_id: string }[]).map((r) => r.case_id);
}
