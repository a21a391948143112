// Shipped migrations are never edited: add a new numbered file instead.
//
// Notes on translations (issue 14): a translator's or reviewer's note on a translation as a
// whole. SQLite cannot change a CHECK constraint, so the notes table is rebuilt with
// 'translation' among its targets; every row is copied as it is (the audit trail's row images
// of notes stay true), and nothing references the table.
export const name = 'notes_on_translations';
export const sql = `
CREATE TABLE notes_next (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('case','statement','source','actor','report','event','translation')),
  target_id TEXT NOT NULL,
  body TEXT NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0,1)),
  rev INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  deleted_at TEXT
) STRICT;
INSERT INTO notes_next (id, target_type, target_id, body, pinned, rev, created_at, updated_at, created_by, updated_by, deleted_at)
  SELECT id, target_type, target_id, body, pinned, rev, created_at, updated_at, created_by, updated_by, deleted_at FROM notes;
DROP TABLE notes;
ALTER TABLE notes_next RENAME TO notes;
CREATE INDEX notes_target ON notes(target_type, target_id);
`;
