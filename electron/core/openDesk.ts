// Opening a data folder's custody: its files made private, and never a new desk key silently
// made for a desk whose trail was already signed with one. Unlocking itself is desk/unlock.ts.
import fs from 'node:fs';
import path from 'node:path';
import { HEAD_FILE, readHeadFile } from './audit/head';
import { openDb } from './db/open';
import { CoreError } from './errors';
import { DESK_KEY_FILE } from './keys';
import { makePrivateDir, makePrivateFile } from './privateFiles';

/** The data folder 0700; the database, its WAL and shared-memory files, the key and head files 0600. */
export function makeDataFolderPrivate(dataDir: string, dbFile: string): void {
  makePrivateDir(dataDir);
  makePrivateFile(dbFile, { create: true });
  for (const f of [`${dbFile}-wal`, `${dbFile}-shm`, path.join(dataDir, DESK_KEY_FILE), path.join(dataDir, HEAD_FILE)]) makePrivateFile(f);
}

/** Whether the database at `file` already holds audit entries written with row images (so the desk had a key). */
function trailWasKeyed(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  const db = openDb(file, { readonly: true });
  try {
    const hasFormat = (db.prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'format'").get()) !== undefined;
    return hasFormat && db.prepare('SELECT 1 FROM audit_log WHERE format >= 2 LIMIT 1').get() !== undefined;
  } finally {
    db.close();
  }
}

/**
 * A data folder with no desk key file: refused when its trail was already signed with a key
 * (a new key cannot vouch for that history). A new desk, or one an earlier Casefile wrote,
 * passes and gets its key (desk/unlock.ts).
 */
export function refuseLostDeskKey(dataDir: string, dbFile: string): void {
  if (readHeadFile(dataDir)?.signature || trailWasKeyed(dbFile)) {
    throw new CoreError(
      'failed',
      `The desk key file (${DESK_KEY_FILE}) is missing from ${dataDir}, but this desk's audit trail was signed with it. Restore ${DESK_KEY_FILE} from a backup of this data folder; a new key cannot vouch for the history. Nothing was changed.`,
    );
  }
}
