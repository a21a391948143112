// Search over the case database: FTS5 for the text of records, lunr for names.
// The CLI and the Core's handlers use these; every write's transaction ends with indexPendingChanges().
// A statement's document also holds the latest text of each of its translations, and the
// `translation:` filter its translations' states (translations.ts, query.ts).
import type { CoreState } from '../services/state';
import { checkIndexDb } from './check';
import { reindexDb, type LongRun, type ReindexOptions, type ReindexResult } from './indexWriter';
import { search, type SearchOptions, type SearchResult } from './search';

export { indexPendingChanges, ensureIndex, type LongRun } from './indexWriter';
export { searchHandlers } from './handlers';
export { SEARCH_TYPES, type SearchType } from './documents';
export type { SearchOptions, SearchResult, SearchHit } from './search';
export { suggest } from './names';

/** Anything that carries the Core's state: a Core. */
export interface HasState { state: CoreState }

/** Runs a query as `search.query` does (no profile needed): `casefile search "QUERY"`. */
export function runSearch(core: HasState, query: string, opts: SearchOptions = {}): SearchResult {
  return search(core.state.db, query, opts);
}

/**
 * Rebuilds the whole index from the records: `casefile reindex`. `worker` says whether a
 * worker thread shared the work (it does from 5,000 records, where it can start). It reports
 * progress to `opts.onProgress` and stops at `opts.signal`, leaving the index as it was.
 */
export function reindex(core: HasState, opts: ReindexOptions = {}): ReindexResult {
  return reindexDb(core.state.db, opts);
}

/** Index problems for `casefile check`: an empty list when the index agrees with the records. */
export function checkIndex(core: HasState, opts: { worker?: boolean } & LongRun = {}): string[] {
  return checkIndexDb(core.state.db, opts);
}
