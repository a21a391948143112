import type { Db } from './open';
import { migrations as allMigrations, type Migration } from './migrations';
import { CoreError } from '../errors';
import { withWriteLock } from './lock';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest version in one transaction: either every pending
 * migration applies or none does. A database written by a newer Casefile is refused.
 */
export function migrate(db: Db, migrations: Migration[] = allMigrations, target = migrations.length): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new CoreError(
      'failed',
      `This data folder was written by a newer version of Casefile (database schema ${current}; this version knows up to ${migrations.length}). Update Casefile to open it; nothing was changed.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  withWriteLock(() => db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate());
  return schemaVersion(db);
}
