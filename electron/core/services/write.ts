import { readChainHead } from '../audit/chain';
import { isCapturing, startCapture, stopCapture } from '../audit/capture';
import { HEAD_FILE, headTrusted, readHeadFile, writeSignedHead } from '../audit/head';
import { indexPendingChanges } from '../search/indexWriter';
import type { CoreState } from './state';
import { withWriteLock } from '../db/lock';

/**
 * Runs one write as one transaction. The write appends its audit entries and change-log rows
 * (record.ts); every row it changes is noted (capture.ts) and must be described by one of its
 * entries, or the write is refused before it commits. Before it commits, the search index takes
 * in what the change log says changed, so a record and its index rows commit or roll back
 * together. After the outermost commit the audit chain head is signed and written beside the
 * database.
 */
export function write<T>(s: CoreState, fn: () => T): T {
  if (s.db.inTransaction) {
    if (isCapturing(s.db)) return fn();
    // A transaction the caller opened (a batch of writes): each write still notes its rows, or
    // its entries would go without row images and the trail could not vouch for its records.
    startCapture(s.db);
    try {
      const out = fn();
      refuseUndescribed(s);
      return out;
    } finally {
      if (isCapturing(s.db)) stopCapture(s.db);
    }
  }
  const recorded = readHeadFile(s.dataDir);
  const result = withWriteLock(() => s.db.transaction(() => {
    startCapture(s.db);
    const out = fn();
    refuseUndescribed(s);
    indexPendingChanges(s.db);
    return out;
  }).immediate());
  try {
    // Move the head forward only from a head this desk signed that the log still contains:
    // after a cut tail or a rewritten log, overwriting it would erase the evidence `check` reports.
    if (headTrusted(s.db, recorded, s.key)) writeSignedHead(s.dataDir, s.key, readChainHead(s.db));
  } catch (err) {
    // The write is committed; failing it now would tell the user their work was lost when it
    // was not. The head file stays one step behind and is brought forward on the next open.
    process.emitWarning(`Casefile could not update ${HEAD_FILE}: ${(err as Error).message}`);
  }
  return result;
}


/** Stops noting; a row changed after the write's last audit entry is a bug to refuse. */
function refuseUndescribed(s: CoreState): void {
  const undescribed = stopCapture(s.db);
  if (undescribed.length) {
    throw new Error(`a write changed rows of ${undescribed.join(', ')} after its last audit entry, so no entry describes them; nothing was saved`);
  }
}
