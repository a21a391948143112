// Per-database search state that is not in the database: the lunr name index and whether
// it is stale. Keyed by the connection, so two Cores (or a test's many) never share it.
import type { Db } from '../db/open';

export interface Runtime {
  namesDirty: boolean;
  /** Set by names.ts; opaque here to keep this module free of lunr. */
  names: unknown;
  /** doc → case ids, for case facets without a join per hit (search.ts); null when stale. */
  caseMap: { byDoc: Map<number, string[]>; dataVersion: number } | null;
  docCount?: { n: number; at: number };
}

const runtimes = new WeakMap<Db, Runtime>();

export function runtime(db: Db): Runtime {
  let r = runtimes.get(db);
  if (!r) {
    r = { namesDirty: true, names: null, caseMap: null };
    runtimes.set(db, r);
  }
  return r;
}

/** The name index must be rebuilt before its next use (an actor, case, tag or handle changed). */
export function markNamesDirty(db: Db): void {
  runtime(db).namesDirty = true;
}

/** Case membership of some document changed (in this transaction, which may yet roll back). */
export function markCasesDirty(db: Db): void {
  runtime(db).caseMap = null;
}
