import type { Actor } from './acting';
import type { CoreState } from './state';
import { actorId } from './acting';
import { diff } from './diff';
import { record } from './record';
import { write } from './write';
import type { Permission } from '../../../shared/domain';
import { requirePermission } from './permissions';
import { getRecord, insertRecord, updateRecord } from '../db/repos/records';
import { tableOf, type EditableType, type RecordOf } from '../db/tables';
import { CoreError, fromZod } from '../errors';

type Rec = Record<string, unknown>;

export function mustGet<K extends EditableType>(s: CoreState, type: K, id: string, opts: { allowTrashed?: boolean } = {}): RecordOf<K> {
  const rec = getRecord(s.db, type, id);
  if (!rec) throw CoreError.notFound(tableOf(type).label, id);
  if (!opts.allowTrashed && (rec as Rec).deletedAt) {
    throw new CoreError('not_found', `The ${tableOf(type).label} ${id} is in the trash; restore it first.`, { field: 'id' });
  }
  return rec;
}

function validate(type: EditableType, rec: Rec): Rec {
  const parsed = tableOf(type).schema.safeParse(rec);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data as Rec;
}

function checkRev(type: EditableType, current: Rec, rev: number): void {
  if (current.rev !== rev) {
    throw new CoreError(
      'conflict',
      `This ${tableOf(type).label} was changed by someone else since you opened it (you have revision ${rev}, the saved one is ${String(current.rev)}). Nothing was saved.`,
      { current },
    );
  }
}

/** Fills in id, rev and the stamps, validates the whole record, inserts it, audits it. */
/**
 * `beforeEntry` writes rows that go with the record (a report's citations) before its audit
 * entry, so the entry's row images describe them too.
 */
export function createEntity<K extends EditableType>(s: CoreState, actor: Actor, type: K, fields: Rec, opts: { beforeEntry?: (rec: RecordOf<K>) => void } = {}): RecordOf<K> {
  const now = s.now();
  const rec = validate(type, {
    ...fields, id: s.newId(), rev: 1, createdAt: now, updatedAt: now, createdBy: actorId(actor), updatedBy: actorId(actor), deletedAt: null,
  });
  insertRecord(s.db, type, rec as RecordOf<K>);
  opts.beforeEntry?.(rec as RecordOf<K>);
  record(s, actor, `${type}.create`, type, rec.id as string, diff(null, rec), 'insert');
  return rec as RecordOf<K>;
}

/**
 * Applies a patch to the saved record if `rev` is still current; a stale rev is refused with
 * the current record so the user can compare, never merged silently.
 */
export function updateEntity<K extends EditableType>(
  s: CoreState, actor: Actor, type: K, id: string, rev: number, patch: Rec,
  opts: { action?: string; extraChanges?: Record<string, [unknown, unknown]>; current?: RecordOf<K>; beforeEntry?: (next: RecordOf<K>) => void } = {},
): RecordOf<K> {
  const current = (opts.current ?? mustGet(s, type, id)) as Rec;
  checkRev(type, current, rev);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged = validate(type, { ...current, ...defined });
  const changes = diff(current, merged);
  if (Object.keys(changes).length === 0) return current as RecordOf<K>;
  const next = { ...merged, rev: (current.rev as number) + 1, updatedAt: s.now(), updatedBy: actorId(actor) };
  updateRecord(s.db, type, next as RecordOf<K>);
  opts.beforeEntry?.(next as RecordOf<K>);
  record(s, actor, opts.action ?? `${type}.update`, type, id, { ...changes, ...opts.extraChanges }, 'update');
  return next as RecordOf<K>;
}

export function trashEntity<K extends EditableType>(s: CoreState, actor: Actor, type: K, id: string, rev: number): RecordOf<K> {
  const current = mustGet(s, type, id, { allowTrashed: true }) as Rec;
  checkRev(type, current, rev);
  if (current.deletedAt) return current as RecordOf<K>;
  const next = { ...current, deletedAt: s.now(), rev: (current.rev as number) + 1, updatedAt: s.now(), updatedBy: actorId(actor) };
  updateRecord(s.db, type, next as RecordOf<K>);
  record(s, actor, `${type}.trash`, type, id, { deletedAt: [null, next.deletedAt] }, 'delete');
  return next as RecordOf<K>;
}

export function restoreEntity<K extends EditableType>(s: CoreState, actor: Actor, type: K, id: string, rev: number): RecordOf<K> {
  const current = mustGet(s, type, id, { allowTrashed: true }) as Rec;
  checkRev(type, current, rev);
  if (!current.deletedAt) return current as RecordOf<K>;
  const next = { ...current, deletedAt: null, rev: (current.rev as number) + 1, updatedAt: s.now(), updatedBy: actorId(actor) };
  updateRecord(s.db, type, next as RecordOf<K>);
  record(s, actor, `${type}.restore`, type, id, { deletedAt: [current.deletedAt, null] }, 'insert');
  return next as RecordOf<K>;
}

/** Refuses a reference to a record that does not exist or is in the trash. */
export function requireRef(s: CoreState, type: EditableType, id: string | null | undefined, field: string): void {
  if (id == null) return;
  const rec = getRecord(s.db, type, id) as Rec | undefined;
  if (!rec) throw CoreError.invalid(field, `no ${tableOf(type).label} with id ${id}`);
  if (rec.deletedAt) throw CoreError.invalid(field, `the ${tableOf(type).label} ${id} is in the trash`);
}

type TrashInput = { id: string; rev: number };

/** The `X.trash` handler of a record kind: the permission it needs, in one transaction. */
export function trashHandler<K extends EditableType>(type: K, permission: Permission, what: string) {
  return (s: CoreState, actor: Actor, { id, rev }: TrashInput): RecordOf<K> => write(s, () => {
    requirePermission(actor, permission, `move ${what} to the trash`);
    return trashEntity(s, actor, type, id, rev);
  });
}

/** The `X.restore` handler of a record kind. */
export function restoreHandler<K extends EditableType>(type: K, permission: Permission, what: string) {
  return (s: CoreState, actor: Actor, { id, rev }: TrashInput): RecordOf<K> => write(s, () => {
    requirePermission(actor, permission, `restore ${what}`);
    return restoreEntity(s, actor, type, id, rev);
  });
}
