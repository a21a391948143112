// Shipped migrations are never edited: add a new numbered file instead.
//
// Translations with four-eyes review (domain.md, "Translation workflow"). One translation per
// statement and target language; its revisions hold the whole segment list as JSON (an
// approval pins the SHA-256 of the exact approved text, see shared/text/segment.ts
// approvalText). Revisions are never deleted: an edit of approved or final text adds a new one.
// Profile ids (translator, reviewer, authors) are not foreign keys, like created_by elsewhere:
// a purged profile must not take the record of who did the work with it.
export const name = 'translations';
export const sql = `
CREATE TABLE translations (
  id TEXT PRIMARY KEY,
  statement_id TEXT NOT NULL REFERENCES statements(id),
  source_lang TEXT,
  target_lang TEXT NOT NULL,
  -- The highest segment number ever given (s1..sN): a split takes the next, so an id is never reused.
  last_segment INTEGER NOT NULL DEFAULT 0,
  rev INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  UNIQUE (statement_id, target_lang)
) STRICT;

CREATE TABLE translation_revisions (
  id TEXT PRIMARY KEY,
  translation_id TEXT NOT NULL REFERENCES translations(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  state TEXT NOT NULL CHECK (state IN ('draft','in_review','changes_requested','approved','final')),
  segments TEXT NOT NULL CHECK (json_valid(segments) AND json_type(segments) = 'array'),
  translator_id TEXT,
  edited_by TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(edited_by) AND json_type(edited_by) = 'array'),
  based_on_id TEXT REFERENCES translation_revisions(id),
  origin TEXT NOT NULL CHECK (origin IN ('start','edit','xliff','published_wording')),
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  submitted_by TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  approved_sha256 TEXT CHECK (approved_sha256 IS NULL OR length(approved_sha256) = 64),
  published_at TEXT,
  published_by TEXT,
  published_without_original INTEGER NOT NULL DEFAULT 0 CHECK (published_without_original IN (0,1)),
  UNIQUE (translation_id, number),
  -- An approved or final revision always carries the hash of its approved text.
  CHECK (state NOT IN ('approved','final') OR approved_sha256 IS NOT NULL)
) STRICT;
CREATE INDEX translation_revisions_queue ON translation_revisions(state, submitted_at);

CREATE TABLE translation_comments (
  id TEXT PRIMARY KEY,
  revision_id TEXT NOT NULL REFERENCES translation_revisions(id),
  segment_id TEXT,
  author_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('comment','change_request')),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX translation_comments_revision ON translation_comments(revision_id);

-- Every approved segment pair. source_folded is the match key (shared/text/similarity matchKey:
-- folded words joined by single spaces).
CREATE TABLE translation_memory (
  id TEXT PRIMARY KEY,
  source_folded TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  revision_id TEXT NOT NULL REFERENCES translation_revisions(id),
  segment_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (revision_id, segment_id)
) STRICT;
CREATE INDEX translation_memory_lookup ON translation_memory(target_lang, source_lang, source_folded);
`;
