import path from 'node:path';
import { DB_FILE } from '../paths';
import { reindex } from '../search';
import { quietJob, type Job } from '../job';
import { runChecks } from './check';
import { appendAudit } from '../audit/chain';
import { actorId } from './acting';
import { requirePermission } from './permissions';
import { write } from './write';
import type { CoreState } from './state';
import { handlerGroup } from './types';

const REINDEX_PHASES: Record<string, string> = { reindex: 'rebuilding the search index', optimize: 'optimizing the search index' };

/**
 * Rebuilds the search index from the records (desk.reindex, `casefile reindex`). A cancel
 * while the new index is built keeps the old one; once it is swapped in, a cancel only stops
 * the optimizing that follows (the rebuilt index is kept, and said so by `settled: false`).
 */
export function rebuildIndex(s: CoreState, job: Job = quietJob()): { documents: number; ms: number; worker: boolean; settled: boolean } {
  job.progress(REINDEX_PHASES.reindex as string, 0, 0);
  const r = reindex({ state: s }, {
    signal: job.signal,
    onProgress: (done, total, phase) => job.progress(REINDEX_PHASES[phase] ?? phase, done, total),
  });
  job.finished();
  return { documents: r.documents, ms: r.ms, worker: r.worker, settled: r.settled };
}

/** The desk as a whole: the long maintenance operations the app and `casefile` both offer. */
export const deskHandlers = handlerGroup({
  'desk.check': (s, _a, _input, job) => runChecks(s, path.join(s.dataDir, DB_FILE), job),
  'desk.reindex': (s, actor, _input, job) => {
    requirePermission(actor, 'desk.reindex');
    const r = rebuildIndex(s, job);
    // Who rebuilt the index and when is worth keeping, as for every other change to the desk.
    write(s, () => appendAudit(s.db, {
      actorId: actorId(actor), action: 'desk.reindex', recordType: 'desk', recordId: 'search-index', changes: { documents: [null, r.documents] }, at: s.now(),
    }));
    return { documents: r.documents, ms: r.ms };
  },
});
