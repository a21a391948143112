import { listRecords } from '../db/repos/records';
import { requirePermission } from './permissions';
import { write } from './write';
import { createEntity, mustGet, updateEntity, restoreHandler, trashHandler } from './entity';
import { handlerGroup } from './types';
import { mustGetTranslation } from './translations';
import type { CoreState } from './state';
import type { Note } from '../../../shared/domain';

export const noteHandlers = handlerGroup({
  // Pinned notes first, then newest.
  'notes.list': (s, _a, q) => listRecords(s.db, 'note', {
    where: ['target_type = ?', 'target_id = ?', q.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'],
    params: [q.targetType, q.targetId], order: 'pinned DESC, created_at DESC, id', limit: 10_000, offset: 0,
  }).items,
  'notes.get': (s, _a, { id }) => mustGet(s, 'note', id, { allowTrashed: true }),
  'notes.create': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'notes.write');
    const { as: _as, ...fields } = input;
    mustGetTarget(s, fields.targetType, fields.targetId);
    return createEntity(s, actor, 'note', { pinned: false, ...fields });
  }),
  'notes.update': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'notes.write', 'edit notes');
    const { as: _as, id, rev, ...patch } = input;
    return updateEntity(s, actor, 'note', id, rev, patch);
  }),
  'notes.trash': trashHandler('note', 'notes.write', 'notes'),
  'notes.restore': restoreHandler('note', 'notes.write', 'notes'),

  'events.get': (s, _a, { id }) => mustGet(s, 'event', id, { allowTrashed: true }),
  'events.list': (s, _a, q) => {
    mustGet(s, 'case', q.caseId, { allowTrashed: true });
    return listRecords(s.db, 'event', {
      where: ['case_id = ?', q.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'], params: [q.caseId],
      order: 'occurred_at, id', limit: 10_000, offset: 0,
    }).items;
  },
  'events.create': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'events.write');
    const { as: _as, ...fields } = input;
    mustGet(s, 'case', fields.caseId);
    return createEntity(s, actor, 'event', { datePrecision: 'day', description: '', ...fields });
  }),
  'events.update': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'events.write', 'edit timeline events');
    const { as: _as, id, rev, ...patch } = input;
    return updateEntity(s, actor, 'event', id, rev, patch);
  }),
  'events.trash': trashHandler('event', 'events.write', 'timeline events'),
  'events.restore': restoreHandler('event', 'events.write', 'timeline events'),
});

/** A note's target must exist and not be in the trash; a translation's, through its statement. */
function mustGetTarget(s: CoreState, type: Note['targetType'], id: string): void {
  if (type !== 'translation') {
    mustGet(s, type, id);
    return;
  }
  const t = mustGetTranslation(s, id);
  mustGet(s, 'statement', t.statementId);
}
