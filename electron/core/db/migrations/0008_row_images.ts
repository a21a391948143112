// Shipped migrations are never edited: add a new numbered file instead.
//
// Records against the trail (electron/core/audit/capture.ts, replay.ts). Every audit entry from
// now on holds the images of the rows its write changed, in audit_rows, bound into its hash
// (audit_log.format 2). Entries written before keep format 1 and stay valid; on its first open
// the Core appends one baseline entry holding the state of every audited row (baseline.ts), so
// a later change made outside Casefile is caught. What was changed outside it before the
// upgrade cannot be told apart any more.
//
// Migrations run before the Core notes row changes: one that changes rows of audited tables
// (not only adds a column with a DEFAULT) must append its own entry, or `check` names every row
// it touched.
export const name = 'row_images';
export const sql = `
ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2));

-- op: insert and state hold the whole row, update the columns that changed, delete nothing.
-- pk: the row's id, or a JSON array of its key columns (link tables).
CREATE TABLE audit_rows (
  seq INTEGER NOT NULL REFERENCES audit_log(seq) DEFERRABLE INITIALLY DEFERRED,
  n INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete','state')),
  data TEXT CHECK (data IS NULL OR json_valid(data)),
  PRIMARY KEY (seq, n)
) STRICT;
CREATE INDEX audit_rows_record ON audit_rows(tbl, pk, seq, n);
CREATE TRIGGER audit_rows_no_update BEFORE UPDATE ON audit_rows BEGIN SELECT RAISE(ABORT, 'audit_rows is append-only'); END;
CREATE TRIGGER audit_rows_no_delete BEFORE DELETE ON audit_rows BEGIN SELECT RAISE(ABORT, 'audit_rows is append-only'); END;
`;
