import { listRecords } from '../db/repos/records';
import { requirePermission } from './permissions';
import { write } from './write';
import { addCaseItem } from './cases';
import { createEntity, mustGet, updateEntity, restoreHandler, trashHandler } from './entity';
import { handlerGroup } from './types';

export const reportHandlers = handlerGroup({
  'reports.list': (s, _a, q) => {
    const where = [q.trashed ? 't.deleted_at IS NOT NULL' : 't.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (q.caseId) { where.push("t.id IN (SELECT item_id FROM case_items WHERE case_id = ? AND item_type = 'report')"); params.push(q.caseId); }
    return { ...listRecords(s.db, 'report', { where, params, order: 't.updated_at DESC, t.id', limit: q.limit, offset: q.offset }), limit: q.limit, offset: q.offset };
  },
  'reports.get': (s, _a, { id }) => mustGet(s, 'report', id, { allowTrashed: true }),
  'reports.create': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'reports.write');
    const { as: _as, caseIds, ...fields } = input;
    for (const c of caseIds ?? []) mustGet(s, 'case', c);
    const r = createEntity(s, actor, 'report', { dateline: '', body: '', marking: 'internal', ...fields });
    for (const c of caseIds ?? []) addCaseItem(s, actor, c, 'report', r.id);
    return r;
  }),
  'reports.update': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'reports.write', 'edit reports');
    const { as: _as, id, rev, ...patch } = input;
    return updateEntity(s, actor, 'report', id, rev, patch);
  }),
  'reports.trash': trashHandler('report', 'reports.write', 'reports'),
  'reports.restore': restoreHandler('report', 'reports.write', 'reports'),
});
