// Shipped migrations are never edited: add a new numbered file instead.
//
// Reports become publishable (issue 10): dateline date, Hijri option, lead, the draft's version
// number and who wrote its text (four eyes on publishing). A published version is a row of its
// own, frozen: the resolved document, the exact Markdown, the quoted revisions, and the SHA-256
// of each exported file (the bytes live in the content-addressed attachment store). Triggers keep
// published versions from being changed or deleted, as the audit log is.
export const name = 'report_publishing';
export const sql = `
ALTER TABLE reports ADD COLUMN dateline_date TEXT;
ALTER TABLE reports ADD COLUMN show_hijri INTEGER NOT NULL DEFAULT 0 CHECK (show_hijri IN (0,1));
ALTER TABLE reports ADD COLUMN lead TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE reports ADD COLUMN published_version INTEGER CHECK (published_version IS NULL OR published_version >= 1);
ALTER TABLE reports ADD COLUMN editors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(editors) AND json_type(editors) = 'array');
-- Drafts written before: whoever created or last changed them wrote their text.
UPDATE reports SET editors = CASE
  WHEN created_by IS NULL AND updated_by IS NULL THEN '[]'
  WHEN updated_by IS NULL OR updated_by = created_by THEN json_array(created_by)
  WHEN created_by IS NULL THEN json_array(updated_by)
  ELSE json_array(created_by, updated_by) END;

CREATE TABLE report_versions (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  headline TEXT NOT NULL,
  marking TEXT NOT NULL CHECK (marking IN ('public','subscribers','internal','restricted')),
  record TEXT NOT NULL CHECK (json_valid(record) AND json_type(record) = 'object'),
  document TEXT NOT NULL CHECK (json_valid(document) AND json_type(document) = 'object'),
  markdown TEXT NOT NULL,
  quotations TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(quotations) AND json_type(quotations) = 'array'),
  allowed_records TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(allowed_records) AND json_type(allowed_records) = 'array'),
  published_at TEXT NOT NULL,
  published_by TEXT,
  UNIQUE (report_id, version)
) STRICT;

CREATE TABLE report_version_files (
  version_id TEXT NOT NULL REFERENCES report_versions(id),
  format TEXT NOT NULL CHECK (format IN ('md','html','docx','pdf')),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  media_type TEXT NOT NULL,
  PRIMARY KEY (version_id, format)
) STRICT;
CREATE INDEX report_version_files_sha ON report_version_files(sha256);

CREATE TRIGGER report_versions_no_update BEFORE UPDATE ON report_versions BEGIN SELECT RAISE(ABORT, 'a published report version is never changed'); END;
CREATE TRIGGER report_versions_no_delete BEFORE DELETE ON report_versions BEGIN SELECT RAISE(ABORT, 'a published report version is never deleted'); END;
CREATE TRIGGER report_version_files_no_update BEFORE UPDATE ON report_version_files BEGIN SELECT RAISE(ABORT, 'a published report file is never changed'); END;
CREATE TRIGGER report_version_files_no_delete BEFORE DELETE ON report_version_files BEGIN SELECT RAISE(ABORT, 'a published report file is never deleted'); END;
`;
