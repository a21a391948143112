import { HEAD_FILE, headInLog, readChainHead, readHeadFile, writeHeadFile } from '../audit/chain';
import { indexPendingChanges } from '../search/indexWriter';
import type { CoreState } from './state';
import { withWriteLock } from '../db/lock';

/**
 * Runs one write as one transaction. The write appends its audit entries and change-log rows
 * (record.ts); before it commits, the search index takes in what the change log says changed,
 * so a record and its index rows commit or roll back together. After the outermost commit the
 * audit chain head is written beside the database.
 */
export function write<T>(s: CoreState, fn: () => T): T {
  if (s.db.inTransaction) return fn();
  const recorded = readHeadFile(s.dataDir);
  const result = withWriteLock(() => s.db.transaction(() => {
    const out = fn();
    indexPendingChanges(s.db);
    return out;
  }).immediate());
  try {
    // Move the head forward only from a head the log still contains: after a cut tail or a
    // rewritten log, overwriting it would erase the evidence that `check` reports.
    if (headInLog(s.db, recorded)) writeHeadFile(s.dataDir, readChainHead(s.db));
  } catch (err) {
    // The write is committed; failing it now would tell the user their work was lost when it
    // was not. The head file stays one step behind and is brought forward on the next open.
    process.emitWarning(`Casefile could not update ${HEAD_FILE}: ${(err as Error).message}`);
  }
  return result;
}

