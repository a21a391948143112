// Shipped migrations are never edited: add a new numbered file instead.
//
// Translator's tools (issue 14):
// - glossary_terms: the desk's termbase, one row per source term and language pair, with its
//   approved renderings (preferred first) and forbidden ones as JSON arrays. Editable records:
//   rev for optimistic concurrency, deleted_at for the trash. term_folded (shared/text fold) is
//   what makes a second entry for the same term and pair a conflict whatever its diacritics.
// - qa_overrides: a QA finding someone let stand, with the reason (issue 14: "overridable with a
//   reason"). Keyed by the translation, segment, check and what the finding is about, so an
//   override given once holds for later revisions of the same segment until it changes.
export const name = 'glossary_qa';
export const sql = `
CREATE TABLE glossary_terms (
  id TEXT PRIMARY KEY,
  rev INTEGER NOT NULL DEFAULT 1,
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  term TEXT NOT NULL,
  term_folded TEXT NOT NULL,
  renderings TEXT NOT NULL CHECK (json_valid(renderings) AND json_type(renderings) = 'array' AND json_array_length(renderings) >= 1),
  forbidden TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(forbidden) AND json_type(forbidden) = 'array'),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX glossary_terms_unique ON glossary_terms(source_lang, target_lang, term_folded) WHERE deleted_at IS NULL;

CREATE TABLE qa_overrides (
  id TEXT PRIMARY KEY,
  translation_id TEXT NOT NULL REFERENCES translations(id),
  segment_id TEXT NOT NULL,
  -- The segment's source and target when the override was given: a changed target reopens it.
  target_sha256 TEXT NOT NULL CHECK (length(target_sha256) = 64),
  check_name TEXT NOT NULL,
  subject TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  created_by TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (translation_id, segment_id, check_name, subject, target_sha256)
) STRICT;
`;
