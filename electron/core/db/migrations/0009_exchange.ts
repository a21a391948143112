// Shipped migrations are never edited: add a new numbered file instead.
//
// Case bundles between desks (issue 13). A bundle's records merge by id, never replace:
// - trusted_keys: desk keys accepted on first use (who accepted, when); a desk whose key
//   changes is refused until someone looks.
// - exchange_states: content hashes each record has had on this desk when it was exported or
//   imported. A record here that the other desk also knew is an ancestor of theirs, so theirs
//   fast-forwards it; one neither side knew of the other is a conflict.
// - exchange_conflicts: their version kept beside ours (or a trash done there), until resolved.
// - record_provenance: which desk and bundle every imported record came from.
// - imported_audit: the audit entries of other desks, each desk's chain kept on its own
//   (append-only, like audit_log); this desk's own chain is never mixed with them. Format 2
//   entries bind their row images into their hash through rows_digest; the images themselves
//   came with the bundle only for the records it carried, so the digest is kept to verify the
//   hash. Not in this desk's trail (audit/audited.ts): it is another desk's.
// - bundle_imports: each bundle taken in, so a second import of it is recognised.
export const name = 'exchange';
export const sql = `
CREATE TABLE trusted_keys (
  desk_id TEXT PRIMARY KEY,
  desk_name TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  accepted_by TEXT,
  accepted_at TEXT NOT NULL
) STRICT;

CREATE TABLE exchange_states (
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  PRIMARY KEY (record_type, record_id, hash)
) STRICT, WITHOUT ROWID;

CREATE TABLE exchange_conflicts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('conflict','trash')),
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  bundle_id TEXT NOT NULL,
  origin_desk_id TEXT NOT NULL,
  theirs TEXT NOT NULL CHECK (json_valid(theirs) AND json_type(theirs) = 'object'),
  theirs_hash TEXT NOT NULL,
  theirs_known TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(theirs_known) AND json_type(theirs_known) = 'array'),
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  resolution TEXT CHECK (resolution IS NULL OR resolution IN ('mine','theirs','merged','trashed','kept')),
  UNIQUE (record_type, record_id, kind, theirs_hash)
) STRICT;
CREATE INDEX exchange_conflicts_open ON exchange_conflicts(case_id, resolved_at);

CREATE TABLE record_provenance (
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  bundle_id TEXT NOT NULL,
  desk_id TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (record_type, record_id, bundle_id)
) STRICT;

CREATE TABLE imported_audit (
  desk_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  changes TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2)),
  rows_digest TEXT CHECK ((format = 1 AND rows_digest IS NULL) OR (format = 2 AND rows_digest IS NOT NULL AND length(rows_digest) = 64)),
  bundle_id TEXT NOT NULL,
  PRIMARY KEY (desk_id, seq)
) STRICT;
CREATE INDEX imported_audit_record ON imported_audit(record_type, record_id);
CREATE TRIGGER imported_audit_no_update BEFORE UPDATE ON imported_audit BEGIN SELECT RAISE(ABORT, 'imported_audit is append-only'); END;
CREATE TRIGGER imported_audit_no_delete BEFORE DELETE ON imported_audit BEGIN SELECT RAISE(ABORT, 'imported_audit is append-only'); END;

CREATE TABLE bundle_imports (
  bundle_id TEXT PRIMARY KEY,
  origin_desk_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT
) STRICT;
`;
