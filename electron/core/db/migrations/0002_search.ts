// Shipped migrations are never edited: add a new numbered file instead.
//
// Full-text search inside the case database (see electron/core/search). The FTS5 table holds
// FOLDED text only, as space-separated words: `head` (titles, names), `exact` (the rest) and
// `stem` (light Arabic / Porter English stems of the words whose stem differs). The `ascii`
// tokenizer then only splits on those spaces, so word boundaries are decided once, in shared
// code, for index and query. The table is contentless: snippets are cut from the records,
// so storing the text again would only triple the index (measured: 169 MB vs 54 MB per 10k).
// search_docs maps the FTS rowid to the record and holds what filters and facets need;
// search_doc_cases and search_doc_terms hold the multi-valued attributes.
// The index is written in the same transaction as the record (the record() hook); the
// rows for records that existed before this migration are built on first use
// (search_state.needs_rebuild).
export const name = 'search';
export const sql = `
CREATE VIRTUAL TABLE search_fts USING fts5(
  head, exact, stem, tokenize = 'ascii', detail = full, content = '', contentless_delete = 1
);

-- doc = type code × 2^40 + sequence (see electron/core/search/documents.ts): the FTS rowid
-- alone tells a hit's record type.
CREATE TABLE search_docs (
  doc INTEGER PRIMARY KEY,
  record_type TEXT NOT NULL CHECK (record_type IN ('statement','source','note','report','case','actor')),
  record_id TEXT NOT NULL,
  date TEXT,
  sort_at TEXT NOT NULL,
  status TEXT,
  marking TEXT,
  platform TEXT,
  content_hash TEXT NOT NULL,
  UNIQUE (record_type, record_id)
) STRICT;
CREATE INDEX search_docs_sort ON search_docs(sort_at);
CREATE INDEX search_docs_date ON search_docs(date);

CREATE TABLE search_doc_cases (
  case_id TEXT NOT NULL,
  doc INTEGER NOT NULL,
  PRIMARY KEY (case_id, doc)
) STRICT, WITHOUT ROWID;
CREATE INDEX search_doc_cases_doc ON search_doc_cases(doc);

-- kind: tag (case tags, statement hashtags), handle, lang, speaker (speaker or on-behalf-of actor id)
CREATE TABLE search_doc_terms (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  doc INTEGER NOT NULL,
  PRIMARY KEY (kind, value, doc)
) STRICT, WITHOUT ROWID;
CREATE INDEX search_doc_terms_doc ON search_doc_terms(doc);

CREATE TABLE search_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
-- A database that already holds records is indexed on first use; an empty one from the start.
INSERT INTO search_state (key, value) VALUES ('needs_rebuild', CASE WHEN
  EXISTS (SELECT 1 FROM statements) OR EXISTS (SELECT 1 FROM sources) OR EXISTS (SELECT 1 FROM notes)
  OR EXISTS (SELECT 1 FROM reports) OR EXISTS (SELECT 1 FROM cases) OR EXISTS (SELECT 1 FROM actors)
  THEN '1' ELSE '0' END);
`;
