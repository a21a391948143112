// Shipped migrations are never edited: add a new numbered file instead.
//
// The search index follows the change log: each write's transaction ends by indexing the
// records named by the change-log rows after search_state 'indexed_seq', then moving it to
// the last row (electron/core/search/indexWriter.ts indexPendingChanges). Until now every change
// was indexed as it was recorded, so the index has taken in the whole log: it starts there.
export const name = 'index_follows_change_log';
export const sql = `
INSERT OR REPLACE INTO search_state (key, value)
  SELECT 'indexed_seq', CAST(coalesce(max(seq), 0) AS TEXT) FROM change_log;
`;
