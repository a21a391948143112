import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../open';
import { columnsOf, recordToRow, rowToRecord, tableOf, type EditableType, type RecordOf } from '../tables';

// Generic repository functions over any editable record kind: plain (db, args) => rows.

const byIdCache = new WeakMap<Db, Map<EditableType, Database.Statement>>();

/** One record by id, trashed or not: the one fetch by id (search hydrates every hit through it, so it is prepared once). */
export function getRecord<K extends EditableType>(db: Db, type: K, id: string): RecordOf<K> | undefined {
  const d = tableOf(type);
  let cache = byIdCache.get(db);
  if (!cache) byIdCache.set(db, (cache = new Map()));
  let byId = cache.get(type);
  if (!byId) cache.set(type, (byId = db.prepare(`SELECT * FROM ${d.table} WHERE id = ?`)));
  const row = byId.get(id) as Record<string, unknown> | undefined;
  return row ? (rowToRecord(d, row) as unknown as RecordOf<K>) : undefined;
}

export function insertRecord<K extends EditableType>(db: Db, type: K, rec: RecordOf<K>): void {
  const d = tableOf(type);
  const cols = columnsOf(d);
  db.prepare(`INSERT INTO ${d.table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(
    recordToRow(d, rec as unknown as Record<string, unknown>),
  );
}

export function updateRecord<K extends EditableType>(db: Db, type: K, rec: RecordOf<K>): void {
  const d = tableOf(type);
  const cols = columnsOf(d).filter((c) => c !== 'id');
  db.prepare(`UPDATE ${d.table} SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(
    recordToRow(d, rec as unknown as Record<string, unknown>),
  );
}

export function deleteRecord(db: Db, type: EditableType, id: string): void {
  db.prepare(`DELETE FROM ${tableOf(type).table} WHERE id = ?`).run(id);
}

export interface ListQuery {
  where: string[];
  params: unknown[];
  order: string;
  limit: number;
  offset: number;
}

export function listRecords<K extends EditableType>(db: Db, type: K, q: ListQuery): { items: RecordOf<K>[]; total: number } {
  const d = tableOf(type);
  const where = q.where.length ? `WHERE ${q.where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM ${d.table} t ${where}`).get(...q.params) as { n: number }).n;
  const rows = db.prepare(`SELECT t.* FROM ${d.table} t ${where} ORDER BY ${q.order} LIMIT ? OFFSET ?`)
    .all(...q.params, q.limit, q.offset) as Record<string, unknown>[];
  return { items: rows.map((r) => rowToRecord(d, r) as unknown as RecordOf<K>), total };
}

export function listTrashed(db: Db, type: EditableType): RecordOf<EditableType>[] {
  const d = tableOf(type);
  const rows = db.prepare(`SELECT * FROM ${d.table} WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC`).all() as Record<string, unknown>[];
  return rows.map((r) => rowToRecord(d, r) as unknown as RecordOf<EditableType>);
}
