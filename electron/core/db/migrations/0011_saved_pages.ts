// Shipped migrations are never edited: add a new numbered file instead.
//
// Saved web pages as evidence (issue 14). The text of an attached HTML, MHTML or WARC file or
// PDF, read once in the Core (electron/core/attachments/pages), and what the file says about
// itself: its address and capture time, offered to fill the source. Keyed by the bytes'
// SHA-256, not by attachment: it is a function of the stored bytes (the same file attached
// twice is read once), derived like the search index, so it is not in the audit trail
// (audit/audited.ts) and can always be read again from the attachment store. `format` NULL:
// the file was looked at and is not a saved page; `problem`: it is one, and could not be read
// (the message says why). `reader` is the version of the reader that wrote the row, so a
// better reader can read old files again. The record a page is attached to is found by search
// for the page's words: the search index reads these rows into the source's or statement's
// document (search/pages.ts).
export const name = 'saved_pages';
export const sql = `
CREATE TABLE page_texts (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  format TEXT CHECK (format IS NULL OR format IN ('html', 'mhtml', 'warc', 'pdf')),
  title TEXT,
  url TEXT,
  captured_at TEXT,
  text TEXT NOT NULL DEFAULT '',
  truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),
  problem TEXT,
  reader INTEGER NOT NULL,
  read_at TEXT NOT NULL,
  CHECK (format IS NOT NULL OR (problem IS NULL AND text = ''))
) STRICT;
`;
