// Shipped migrations are never edited: add a new numbered file instead.
const meta = `
  rev INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT,
  updated_by TEXT,
  deleted_at TEXT`;

export const name = 'initial';
export const sql = `
CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  initials TEXT NOT NULL,
  roles TEXT NOT NULL,
  ${meta}
) STRICT;

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open','active','on_hold','closed','archived')),
  priority TEXT NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
  tags TEXT NOT NULL DEFAULT '[]',
  assignees TEXT NOT NULL DEFAULT '[]',
  marking TEXT NOT NULL CHECK (marking IN ('public','subscribers','internal','restricted')),
  due_date TEXT,
  ${meta}
) STRICT;

CREATE TABLE actors (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('person','organization','media_outlet','platform_account')),
  name TEXT NOT NULL,
  name_original TEXT,
  aliases TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '',
  country TEXT,
  ${meta}
) STRICT;

CREATE TABLE actor_relations (
  id TEXT PRIMARY KEY,
  from_actor_id TEXT NOT NULL REFERENCES actors(id),
  relation TEXT NOT NULL CHECK (relation IN ('leader_of','member_of','spokesperson_for','backed_by','account_of')),
  to_actor_id TEXT NOT NULL REFERENCES actors(id),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT,
  UNIQUE (from_actor_id, relation, to_actor_id),
  CHECK (from_actor_id <> to_actor_id)
) STRICT;

CREATE TABLE statements (
  id TEXT PRIMARY KEY,
  speaker_id TEXT REFERENCES actors(id),
  on_behalf_of_id TEXT REFERENCES actors(id),
  said_at TEXT,
  date_precision TEXT NOT NULL CHECK (date_precision IN ('year','month','day','minute')),
  timezone TEXT,
  platform TEXT,
  handle TEXT,
  url TEXT,
  language TEXT,
  original_text TEXT,
  original_status TEXT NOT NULL CHECK (original_status IN ('captured','not_captured')),
  published_wording TEXT,
  published_wording_language TEXT,
  summary TEXT NOT NULL DEFAULT '',
  hashtags TEXT NOT NULL DEFAULT '[]',
  mentions TEXT NOT NULL DEFAULT '[]',
  links TEXT NOT NULL DEFAULT '[]',
  scripture_refs TEXT NOT NULL DEFAULT '[]',
  reliability TEXT CHECK (reliability IN ('A','B','C','D','E','F')),
  credibility TEXT CHECK (credibility IN ('1','2','3','4','5','6')),
  marking TEXT NOT NULL CHECK (marking IN ('public','subscribers','internal','restricted')),
  ${meta}
) STRICT;
CREATE INDEX statements_speaker ON statements(speaker_id);
CREATE INDEX statements_said_at ON statements(said_at);

CREATE TABLE statement_relations (
  statement_id TEXT NOT NULL REFERENCES statements(id),
  related_id TEXT NOT NULL REFERENCES statements(id),
  created_at TEXT NOT NULL,
  created_by TEXT,
  PRIMARY KEY (statement_id, related_id),
  CHECK (statement_id <> related_id)
) STRICT;

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('social_post','video','audio','web_page','document','image','broadcast','press_release')),
  title TEXT NOT NULL,
  author TEXT,
  publisher TEXT,
  url TEXT,
  published_at TEXT,
  accessed_at TEXT,
  captured_by TEXT REFERENCES profiles(id),
  reliability TEXT CHECK (reliability IN ('A','B','C','D','E','F')),
  credibility TEXT CHECK (credibility IN ('1','2','3','4','5','6')),
  grade_rationale TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  marking TEXT NOT NULL CHECK (marking IN ('public','subscribers','internal','restricted')),
  ${meta}
) STRICT;

CREATE TABLE case_items (
  case_id TEXT NOT NULL REFERENCES cases(id),
  item_type TEXT NOT NULL CHECK (item_type IN ('statement','source','report')),
  item_id TEXT NOT NULL,
  added_at TEXT NOT NULL,
  added_by TEXT,
  PRIMARY KEY (case_id, item_type, item_id)
) STRICT;
CREATE INDEX case_items_item ON case_items(item_type, item_id);

CREATE TABLE citations (
  id TEXT PRIMARY KEY,
  citing_type TEXT NOT NULL CHECK (citing_type IN ('statement','report')),
  citing_id TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources(id),
  position INTEGER NOT NULL,
  locator TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT
) STRICT;
CREATE INDEX citations_citing ON citations(citing_type, citing_id, position);
CREATE INDEX citations_source ON citations(source_id);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  owner_type TEXT NOT NULL CHECK (owner_type IN ('source','statement','case','note','report','event')),
  owner_id TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  original_name TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  ${meta}
) STRICT;
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);
CREATE INDEX attachments_sha ON attachments(sha256);

CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('case','statement','source','actor','report','event')),
  target_id TEXT NOT NULL,
  body TEXT NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0,1)),
  ${meta}
) STRICT;
CREATE INDEX notes_target ON notes(target_type, target_id);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  occurred_at TEXT NOT NULL,
  date_precision TEXT NOT NULL CHECK (date_precision IN ('year','month','day','minute')),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  ${meta}
) STRICT;
CREATE INDEX events_case ON events(case_id);

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  headline TEXT NOT NULL,
  dateline TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  marking TEXT NOT NULL CHECK (marking IN ('public','subscribers','internal','restricted')),
  ${meta}
) STRICT;

-- Append-only, hash-chained. The triggers stop accidental edits; the chain catches deliberate ones.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  changes TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_record ON audit_log(record_type, record_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- What changed, in order: the search index follows this.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  at TEXT NOT NULL
) STRICT;
`;
