import type { AuditVerification } from '../../../shared/domain';
import type { Db } from '../db/open';
import { walkChain } from './chain';
import { headProblem } from './head';

/**
 * The whole chain, then (with a data folder) its head: the first thing that breaks it, named.
 * An edited entry or row image, a deleted middle entry, a cut tail, a rewritten log, a head
 * not signed by this desk's key.
 */
export function verifyAudit(db: Db, dataDir: string | null, onEntry?: (count: number) => void): AuditVerification {
  const walk = walkChain(db, onEntry);
  if (walk.firstBroken) return { ok: false, entries: walk.entries, firstBroken: walk.firstBroken };
  const head = dataDir ? headProblem(db, dataDir, walk.lastSeq) : null;
  return head ? { ok: false, entries: walk.entries, firstBroken: head } : { ok: true, entries: walk.entries, firstBroken: null };
}
