// Shipped migrations are never edited: add a new numbered file instead.
//
// The FTS table gains a fourth column, `attrs`: each record's filter values (speaker, case,
// language, tag, translation state, platform, status, marking, and its date as year, month
// and day) as tokens, so that a query's filters are part of its MATCH and FTS5 intersects
// them with the words instead of SQLite looking up each hit (electron/core/search/documents.ts
// attrsTokens). FTS5 cannot add a column: the table is recreated, and a database that had an
// index is indexed again on first use (search_state.needs_rebuild), as after migration 0002.
export const name = 'search_filter_tokens';
export const sql = `
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
  head, exact, stem, attrs, tokenize = 'ascii', detail = full, content = '', contentless_delete = 1
);
INSERT OR REPLACE INTO search_state (key, value)
  SELECT 'needs_rebuild', CASE WHEN EXISTS (SELECT 1 FROM search_docs) THEN '1' ELSE coalesce(
    (SELECT value FROM search_state WHERE key = 'needs_rebuild'), '0') END;
DELETE FROM search_docs;
DELETE FROM search_doc_cases;
DELETE FROM search_doc_terms;
`;
