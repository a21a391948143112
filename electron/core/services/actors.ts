import type { ActorRelation } from '../../../shared/domain';
import { listRecords } from '../db/repos/records';
import { CoreError } from '../errors';
import { actorId } from './acting';
import { requirePermission } from './permissions';
import { record } from './record';
import { write } from './write';
import { likePattern } from './cases';
import { createEntity, mustGet, updateEntity, restoreHandler, trashHandler } from './entity';
import { handlerGroup } from './types';

function relationFromRow(r: Record<string, string | null>): ActorRelation {
  return {
    id: r.id as string, fromActorId: r.from_actor_id as string, relation: r.relation as ActorRelation['relation'],
    toActorId: r.to_actor_id as string, note: r.note ?? '', createdAt: r.created_at as string, createdBy: r.created_by ?? null,
  };
}

export const actorHandlers = handlerGroup({
  'actors.list': (s, _a, q) => {
    const where = [q.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
    const params: unknown[] = [];
    if (q.kind) { where.push('kind = ?'); params.push(q.kind); }
    if (q.text) {
      const p = likePattern(q.text);
      where.push("(name LIKE ? ESCAPE '\\' OR name_original LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')");
      params.push(p, p, p);
    }
    return { ...listRecords(s.db, 'actor', { where, params, order: 'name COLLATE NOCASE, id', limit: q.limit, offset: q.offset }), limit: q.limit, offset: q.offset };
  },
  'actors.get': (s, _a, { id }) => mustGet(s, 'actor', id, { allowTrashed: true }),
  'actors.create': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'actors.create');
    const { as: _as, ...fields } = input;
    return createEntity(s, actor, 'actor', { nameOriginal: null, aliases: [], description: '', country: null, ...fields });
  }),
  'actors.update': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'actors.edit');
    const { as: _as, id, rev, ...patch } = input;
    return updateEntity(s, actor, 'actor', id, rev, patch);
  }),
  'actors.trash': trashHandler('actor', 'actors.trash', 'actors'),
  'actors.restore': restoreHandler('actor', 'actors.trash', 'actors'),
  'actors.relations': (s, _a, { actorId: id }) => {
    mustGet(s, 'actor', id, { allowTrashed: true });
    return (s.db.prepare('SELECT * FROM actor_relations WHERE from_actor_id = ? OR to_actor_id = ? ORDER BY created_at').all(id, id) as Record<string, string | null>[]).map(relationFromRow);
  },
  'actors.link': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'actors.relate');
    if (input.fromActorId === input.toActorId) throw CoreError.invalid('toActorId', 'an actor cannot be related to itself');
    mustGet(s, 'actor', input.fromActorId);
    mustGet(s, 'actor', input.toActorId);
    const dup = s.db.prepare('SELECT id FROM actor_relations WHERE from_actor_id = ? AND relation = ? AND to_actor_id = ?').get(input.fromActorId, input.relation, input.toActorId);
    if (dup) throw CoreError.invalid('relation', 'these two actors are already related this way');
    const rel: ActorRelation = {
      id: s.newId(), fromActorId: input.fromActorId, relation: input.relation, toActorId: input.toActorId, note: input.note,
      createdAt: s.now(), createdBy: actorId(actor),
    };
    s.db.prepare('INSERT INTO actor_relations (id, from_actor_id, relation, to_actor_id, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(rel.id, rel.fromActorId, rel.relation, rel.toActorId, rel.note, rel.createdAt, rel.createdBy);
    record(s, actor, 'actor.link', 'actor_relation', rel.id, { fromActorId: [null, rel.fromActorId], relation: [null, rel.relation], toActorId: [null, rel.toActorId], note: [null, rel.note] }, 'insert');
    return rel;
  }),
  'actors.unlink': (s, actor, { relationId }) => write(s, () => {
    requirePermission(actor, 'actors.relate');
    const row = s.db.prepare('SELECT * FROM actor_relations WHERE id = ?').get(relationId) as Record<string, string | null> | undefined;
    if (!row) throw CoreError.notFound('actor relation', relationId);
    const rel = relationFromRow(row);
    s.db.prepare('DELETE FROM actor_relations WHERE id = ?').run(relationId);
    record(s, actor, 'actor.unlink', 'actor_relation', relationId, { fromActorId: [rel.fromActorId, null], relation: [rel.relation, null], toActorId: [rel.toActorId, null], note: [rel.note, null] }, 'delete');
    return { ok: true as const };
  }),
});
