import { readChainHead } from '../audit/chain';
import { startCapture, stopCapture } from '../audit/capture';
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
  if (s.db.inTransaction) return fn();
  const recorded = readHeadFile(s.dataDir);
  const result = withWriteLock(() => s.db.transaction(() => {
    startCapture(s.db);
    const out = fn();
    const undescribed = stopCapture(s.db);
    if (undescribed.length) {
      throw new Error(`a write changed rows of ${undescribed.join(', ')} after its last audit entry, so no entry describes them; nothing was saved`);
    }
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

