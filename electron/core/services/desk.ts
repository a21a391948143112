import path from 'node:path';
import { DB_FILE } from '../paths';
import { reindex } from '../search';
import { quietJob, type Job } from '../job';
import { custodyProblems, runChecks } from './check';
import { CoreError } from '../errors';
import { appendAudit } from '../audit/chain';
import { actorId } from './acting';
import { requirePermission } from './permissions';
import { write } from './write';
import type { CoreState } from './state';
import { handlerGroup } from './types';
import { readUnreadPages } from './savedPages';

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

/** How many things custody found wrong: a broken chain counts once, and every record difference. */
function custodyCount(c: Awaited<ReturnType<typeof custodyProblems>>): number {
  return (c.audit.ok || !c.audit.firstBroken ? 0 : 1) + c.replay.differences.length + c.replay.more;
}

const NAMED_IN_REFUSAL = 3;

/** Names the first differences and how many there are, and what to do. */
function reindexRefusal(problems: string[], count: number): string {
  const named = problems.slice(0, NAMED_IN_REFUSAL).map((p) => `- ${p}`).join('\n');
  const rest = count > NAMED_IN_REFUSAL ? `\n…and ${count - NAMED_IN_REFUSAL} more.` : '';
  return `The search index was not rebuilt: the records disagree with the audit trail (${count === 1 ? '1 difference' : `${count} differences`}), `
    + `and a rebuilt index would hide them from the index check. Nothing was changed.\n${named}${rest}\n`
    + '"Check the desk" (casefile check) gives the whole report. To rebuild anyway, run "casefile reindex --force": the differences stay reported.';
}

/** The desk as a whole: the long maintenance operations the app and `casefile` both offer. */
export const deskHandlers = handlerGroup({
  'desk.check': (s, _a, _input, job) => runChecks(s, path.join(s.dataDir, DB_FILE), job),
  'desk.reindex': async (s, actor, input, job) => {
    requirePermission(actor, 'desk.reindex');
    const custody = await custodyProblems(s, job);
    const disagreements = custodyCount(custody);
    if (disagreements && !input.force) throw new CoreError('conflict', reindexRefusal(custody.problems, disagreements));
    // Files attached before saved pages were read (or brought without being read) join the index too.
    await readUnreadPages(s, job);
    const r = rebuildIndex(s, job);
    // Who rebuilt the index and when is worth keeping, as for every other change to the desk;
    // a rebuild forced past differences says how many it went past.
    write(s, () => appendAudit(s.db, {
      actorId: actorId(actor), action: 'desk.reindex', recordType: 'desk', recordId: 'search-index', at: s.now(),
      changes: { documents: [null, r.documents], ...(disagreements ? { forcedPastDifferences: [null, disagreements] } : {}) },
    }));
    return { documents: r.documents, ms: r.ms, worker: r.worker, problems: custody.problems };
  },
});
