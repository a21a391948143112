import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './open';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection: for the few that run on every write (the audit
 * entry, its images, the change log), where preparing each time costs more than running.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
