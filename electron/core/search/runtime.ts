// Per-database search state that is not in the database: the lunr name index and whether
// it is stale, the in-memory case map the facets count with. Keyed by the connection, so two
// Cores (or a test's many) never share it.
import type { Db } from '../db/open';

export interface Runtime {
  namesDirty: boolean;
  /** Set by names.ts; opaque here to keep this module free of lunr. */
  names: unknown;
  /** doc → cases, for case facets without a join per hit (facets.ts); opaque here. */
  caseMap: unknown;
  /**
   * Documents whose cases changed in this connection since the case map was read (it re-reads
   * just those at its next use, from the database as committed), or 'all' to read it anew.
   */
  casesDirty: Set<number> | 'all';
  docCount?: { n: number; at: number };
}

const runtimes = new WeakMap<Db, Runtime>();

export function runtime(db: Db): Runtime {
  let r = runtimes.get(db);
  if (!r) {
    r = { namesDirty: true, names: null, caseMap: null, casesDirty: 'all' };
    runtimes.set(db, r);
  }
  return r;
}

/** The name index must be rebuilt before its next use (an actor, case, tag or handle changed). */
export function markNamesDirty(db: Db): void {
  runtime(db).namesDirty = true;
}

/** Beyond this many changed documents, reading the whole map again is quicker. */
const PATCH_LIMIT = 5000;

/**
 * The cases of a document changed (in this transaction, which may yet roll back: the map
 * re-reads the document from the database at its next use, whichever way it went). Without a
 * document, every document's.
 */
export function markCasesDirty(db: Db, doc?: number): void {
  const rt = runtime(db);
  if (rt.casesDirty === 'all') return;
  if (doc === undefined || rt.casesDirty.size >= PATCH_LIMIT) rt.casesDirty = 'all';
  else rt.casesDirty.add(doc);
}
