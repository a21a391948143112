import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createCore, DB_FILE } from '../../electron/core/index';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations, LATEST_VERSION, type Migration } from '../../electron/core/db/migrations';
import { openDb, type Db } from '../../electron/core/db/open';
import { tempDir, useCleanup } from './helpers';

useCleanup();

function freshDb(): Db {
  return openDb(path.join(tempDir(), DB_FILE));
}

function tables(db: Db): { name: string; strict: number }[] {
  return (db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; strict: number }[]);
}

function versionOf(name: string): number {
  const m = migrations.find((x) => x.name === name);
  if (!m) throw new Error(`no migration named ${name}`);
  return m.version;
}

function tableNames(db: Db): string[] {
  return tables(db).map((t) => t.name);
}

/**
 * One check per shipped migration, keyed by version. Each runs on a database brought to the
 * previous version (optionally seeded there by `before`), then migrated one step.
 * Adding migration 0002 means adding one entry here.
 */
const MIGRATION_TESTS: Record<number, { before?: (db: Db) => void; after: (db: Db) => void }> = {
  1: {
    after(db) {
      expect(tableNames(db)).toEqual([
        'actor_relations', 'actors', 'attachments', 'audit_log', 'case_items', 'cases', 'change_log', 'citations',
        'events', 'notes', 'profiles', 'reports', 'sources', 'statement_relations', 'statements',
      ]);
      for (const t of tables(db)) expect(t.strict, `${t.name} is STRICT`).toBe(1);
      // The audit log refuses edits and deletes from the first version on.
      db.prepare("INSERT INTO audit_log (seq, at, actor_id, action, record_type, record_id, changes, prev_hash, hash) VALUES (1, 'x', NULL, 'a', 'r', 'i', '{}', 'p', 'h')").run();
      expect(() => db.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      // STRICT really is in force: a TEXT column refuses a blob.
      expect(() => db.prepare("INSERT INTO change_log (record_type, record_id, op, at) VALUES ('case', 'x', 'insert', x'00')").run()).toThrow();
    },
  },
  2: {
    before(db) {
      db.prepare("INSERT INTO cases (id, title, status, priority, marking, created_at, updated_at) VALUES ('c1', 'Kept', 'open', 'normal', 'internal', 't', 't')").run();
    },
    after(db) {
      const names = tableNames(db);
      for (const t of ['search_docs', 'search_doc_cases', 'search_doc_terms', 'search_state']) {
        expect(names).toContain(t);
        expect(tables(db).find((x) => x.name === t)?.strict, `${t} is STRICT`).toBe(1);
      }
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'search_fts'").pluck().get()).toMatch(/fts5/i);
      // Records that existed before are indexed on first use, so the index starts out stale.
      expect(db.prepare("SELECT value FROM search_state WHERE key = 'needs_rebuild'").pluck().get()).toBe('1');
      expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Kept']);
    },
  },
  3: {
    before(db) {
      db.prepare("INSERT INTO statements (id, date_precision, original_text, original_status, marking, created_at, updated_at) VALUES ('st1', 'day', 'نص', 'captured', 'internal', 't', 't')").run();
    },
    after(db) {
      const names = tableNames(db);
      for (const t of ['translations', 'translation_revisions', 'translation_comments', 'translation_memory']) {
        expect(names).toContain(t);
        expect(tables(db).find((x) => x.name === t)?.strict, `${t} is STRICT`).toBe(1);
      }
      expect(db.prepare('SELECT original_text FROM statements').pluck().all()).toEqual(['نص']);
      db.prepare("INSERT INTO translations (id, statement_id, target_lang, created_at, updated_at) VALUES ('t1', 'st1', 'en', 't', 't')").run();
      // One translation per statement and target language.
      expect(() => db.prepare("INSERT INTO translations (id, statement_id, target_lang, created_at, updated_at) VALUES ('t2', 'st1', 'en', 't', 't')").run()).toThrow(/UNIQUE/);
      const rev = (id: string, n: number, state: string, sha: string | null) => db.prepare(
        "INSERT INTO translation_revisions (id, translation_id, number, state, segments, origin, created_at, approved_sha256) VALUES (?, 't1', ?, ?, '[]', 'start', 't', ?)",
      ).run(id, n, state, sha);
      rev('r1', 1, 'draft', null);
      // Only the five workflow states; an approved revision always carries its hash.
      expect(() => rev('r2', 2, 'published', null)).toThrow(/CHECK/);
      expect(() => rev('r2', 2, 'approved', null)).toThrow(/CHECK/);
      rev('r2', 2, 'approved', 'a'.repeat(64));
      expect(() => rev('r3', 2, 'draft', null)).toThrow(/UNIQUE/);
      expect(() => db.prepare("UPDATE translation_revisions SET segments = 'not json' WHERE id = 'r1'").run()).toThrow(/CHECK/);
    },
  },
  4: {
    before(db) {
      db.prepare("INSERT INTO profiles (id, name, initials, roles, created_at, updated_at) VALUES ('p1', 'Dana', 'DA', '[\"admin\"]', 't', 't')").run();
    },
    after(db) {
      // Every profile that existed is active; the column takes a timestamp and stays STRICT.
      expect(db.prepare('SELECT name, deactivated_at FROM profiles').all()).toEqual([{ name: 'Dana', deactivated_at: null }]);
      db.prepare("UPDATE profiles SET deactivated_at = '2024-01-01T00:00:00.000Z' WHERE id = 'p1'").run();
      expect(() => db.prepare("UPDATE profiles SET deactivated_at = x'00' WHERE id = 'p1'").run()).toThrow();
      expect(tables(db).find((t) => t.name === 'profiles')?.strict).toBe(1);
    },
  },
  5: {
    before(db) {
      // Changes written (and indexed as they were recorded) by the version before.
      const log = db.prepare("INSERT INTO change_log (record_type, record_id, op, at) VALUES ('case', ?, 'insert', 't')");
      for (const id of ['c1', 'c2', 'c3']) log.run(id);
    },
    after(db) {
      // The index has taken in every change so far: it follows the log from the last one.
      expect(db.prepare("SELECT value FROM search_state WHERE key = 'indexed_seq'").pluck().get()).toBe('3');
      expect(db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(3);
    },
  },
  6: {
    before(db) {
      db.prepare("INSERT INTO reports (id, headline, dateline, body, marking, created_at, updated_at, created_by, updated_by) VALUES ('r1', 'Kept', 'Baghdad', 'Text', 'public', 't', 't', 'p1', 'p2')").run();
      db.prepare("INSERT INTO reports (id, headline, marking, created_at, updated_at) VALUES ('r2', 'Nobody', 'internal', 't', 't')").run();
    },
    after(db) {
      // Existing drafts keep their text, become version 1, unpublished, written by who touched them.
      expect(db.prepare('SELECT id, headline, dateline, body, dateline_date, show_hijri, lead, version, published_version, editors FROM reports ORDER BY id').all()).toEqual([
        { id: 'r1', headline: 'Kept', dateline: 'Baghdad', body: 'Text', dateline_date: null, show_hijri: 0, lead: '', version: 1, published_version: null, editors: '["p1","p2"]' },
        { id: 'r2', headline: 'Nobody', dateline: '', body: '', dateline_date: null, show_hijri: 0, lead: '', version: 1, published_version: null, editors: '[]' },
      ]);
      for (const t of ['report_versions', 'report_version_files']) expect(tables(db).find((x) => x.name === t)?.strict, `${t} is STRICT`).toBe(1);
      expect(() => db.prepare("UPDATE reports SET show_hijri = 2 WHERE id = 'r1'").run()).toThrow(/CHECK/);
      const version = (id: string, v: number) => db.prepare(
        "INSERT INTO report_versions (id, report_id, version, headline, marking, record, document, markdown, published_at) VALUES (?, 'r1', ?, 'Kept', 'public', '{}', '{}', '# Kept', 't')",
      ).run(id, v);
      version('v1', 1);
      expect(() => version('v1b', 1)).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO report_versions (id, report_id, version, headline, marking, record, document, markdown, published_at) VALUES ('v9', 'nope', 1, 'h', 'public', '{}', '{}', '', 't')").run()).toThrow(/FOREIGN KEY/);
      db.prepare("INSERT INTO report_version_files (version_id, format, sha256, size, media_type) VALUES ('v1', 'md', ?, 6, 'text/markdown')").run('a'.repeat(64));
      expect(() => db.prepare("INSERT INTO report_version_files (version_id, format, sha256, size, media_type) VALUES ('v1', 'rtf', ?, 6, 'x')").run('b'.repeat(64))).toThrow(/CHECK/);
      // What went out is never changed or deleted.
      expect(() => db.prepare("UPDATE report_versions SET markdown = 'x'").run()).toThrow(/never changed/);
      expect(() => db.prepare('DELETE FROM report_versions').run()).toThrow(/never deleted/);
      expect(() => db.prepare("UPDATE report_version_files SET sha256 = ?").run('c'.repeat(64))).toThrow(/never changed/);
      expect(() => db.prepare('DELETE FROM report_version_files').run()).toThrow(/never deleted/);
    },
  },
  7: {
    before(db) {
      // An index as the version before built it: a document with its three columns.
      db.prepare("INSERT INTO cases (id, title, status, priority, marking, created_at, updated_at) VALUES ('c1', 'Kept', 'open', 'normal', 'internal', 't', 't')").run();
      db.prepare("INSERT INTO search_docs (doc, record_type, record_id, sort_at, content_hash) VALUES (5497558138881, 'case', 'c1', 't', 'h')").run();
      db.prepare("INSERT INTO search_fts (rowid, head, exact, stem) VALUES (5497558138881, 'kept', '', '')").run();
      db.prepare("INSERT INTO search_doc_cases (case_id, doc) VALUES ('c1', 5497558138881)").run();
      db.prepare("UPDATE search_state SET value = '0' WHERE key = 'needs_rebuild'").run();
    },
    after(db) {
      // The table has the filters column; the old rows are gone and the index is rebuilt on first use.
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'search_fts'").pluck().get()).toMatch(/head, exact, stem, attrs/);
      db.prepare("INSERT INTO search_fts (rowid, head, exact, stem, attrs) VALUES (1, 'a', 'b', 'c', 'sp1')").run();
      expect(db.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH 'attrs : sp1'").pluck().all()).toEqual([1]);
      for (const t of ['search_docs', 'search_doc_cases', 'search_doc_terms']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
      expect(db.prepare("SELECT value FROM search_state WHERE key = 'needs_rebuild'").pluck().get()).toBe('1');
      expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Kept']);
    },
  },
  8: {
    before(db) {
      db.prepare("INSERT INTO audit_log (seq, at, actor_id, action, record_type, record_id, changes, prev_hash, hash) VALUES (1, 't', NULL, 'case.create', 'case', 'c1', '{}', 'p', 'h')").run();
    },
    after(db) {
      // Entries written before keep their format (and so their hash); new ones say which they are.
      expect(db.prepare('SELECT seq, format FROM audit_log').all()).toEqual([{ seq: 1, format: 1 }]);
      expect(() => db.prepare("INSERT INTO audit_log (seq, at, action, record_type, record_id, changes, prev_hash, hash, format) VALUES (2, 't', 'a', 'r', 'i', '{}', 'p', 'h', 3)").run()).toThrow(/CHECK/);
      expect(tables(db).find((t) => t.name === 'audit_rows')?.strict).toBe(1);
      const image = db.prepare('INSERT INTO audit_rows (seq, n, tbl, pk, op, data) VALUES (?, ?, ?, ?, ?, ?)');
      // An image belongs to an entry, checked when its transaction commits (the entry follows its images).
      db.transaction(() => {
        image.run(2, 1, 'cases', 'c1', 'update', '{"title":"T"}');
        db.prepare("INSERT INTO audit_log (seq, at, action, record_type, record_id, changes, prev_hash, hash, format) VALUES (2, 't', 'a', 'r', 'i', '{}', 'p', 'h', 2)").run();
      })();
      expect(() => image.run(9, 1, 'cases', 'c1', 'delete', null)).toThrow(/FOREIGN KEY/);
      expect(() => image.run(2, 2, 'cases', 'c1', 'rename', null)).toThrow(/CHECK/);
      expect(() => image.run(2, 2, 'cases', 'c1', 'update', 'not json')).toThrow(/CHECK/);
      expect(() => image.run(2, 1, 'cases', 'c1', 'delete', null)).toThrow(/UNIQUE/);
      expect(() => db.prepare("UPDATE audit_rows SET data = '{}'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_rows').run()).toThrow(/append-only/);
      expect(db.prepare("SELECT name FROM pragma_index_list('audit_rows') WHERE name = 'audit_rows_record'").pluck().get()).toBe('audit_rows_record');
    },
  },
  9: {
    before(db) {
      db.prepare("INSERT INTO cases (id, title, status, priority, marking, created_at, updated_at) VALUES ('c1', 'Kept', 'open', 'normal', 'internal', 't', 't')").run();
    },
    after(db) {
      expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Kept']);
      for (const t of ['trusted_keys', 'exchange_states', 'exchange_conflicts', 'record_provenance', 'imported_audit', 'bundle_imports']) {
        expect(tables(db).find((x) => x.name === t)?.strict, `${t} is STRICT`).toBe(1);
      }
      // Other desks' audit entries are as append-only as this desk's own.
      const entry = "INSERT INTO imported_audit (desk_id, seq, at, action, record_type, record_id, changes, prev_hash, hash, bundle_id) VALUES ('d1', 1, 't', 'a', 'case', 'c1', '{}', 'p', 'h', 'b1')";
      db.prepare(entry).run();
      expect(() => db.prepare(entry).run()).toThrow(/UNIQUE/);
      expect(() => db.prepare("UPDATE imported_audit SET action = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM imported_audit').run()).toThrow(/append-only/);
      // A format-2 entry's hash covers its row images: it cannot be kept without their digest.
      expect(() => db.prepare("INSERT INTO imported_audit (desk_id, seq, at, action, record_type, record_id, changes, prev_hash, hash, bundle_id, format) VALUES ('d1', 2, 't', 'a', 'case', 'c1', '{}', 'p', 'h', 'b1', 2)").run()).toThrow(/CHECK/);
      const conflict = (kind: string) => db.prepare(`INSERT INTO exchange_conflicts (id, kind, record_type, record_id, case_id, bundle_id, origin_desk_id, theirs, theirs_hash, created_at)
        VALUES (?, ?, 'case', 'c1', 'c1', 'b1', 'd1', '{}', 'h', 't')`).run(`x-${kind}`, kind);
      conflict('conflict');
      expect(() => conflict('delete')).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO exchange_states (record_type, record_id, hash) VALUES ('case', 'c1', 'short')").run()).toThrow(/CHECK/);
    },
  },
  10: {
    before(db) {
      db.prepare("INSERT INTO cases (id, title, status, priority, marking, created_at, updated_at) VALUES ('c1', 'Kept', 'open', 'normal', 'internal', 't', 't')").run();
    },
    after(db) {
      expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Kept']);
      for (const t of ['glossary_terms', 'qa_overrides']) expect(tables(db).find((x) => x.name === t)?.strict, `${t} is STRICT`).toBe(1);
      const term = db.prepare(`INSERT INTO glossary_terms (id, source_lang, target_lang, term, term_folded, renderings, created_at, updated_at, deleted_at)
        VALUES (?, 'ar', 'en', 'الحشد', 'حشد', ?, 't', 't', ?)`);
      term.run('g1', '["Mobilization"]', null);
      // One live entry per folded term and pair; a trashed one does not block a new one.
      expect(() => term.run('g2', '["Other"]', null)).toThrow(/UNIQUE/);
      term.run('g3', '["Old"]', 't');
      expect(() => term.run('g4', '[]', null)).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO qa_overrides (id, translation_id, segment_id, target_sha256, check_name, subject, reason, created_at) VALUES ('o1', 'nope', 's1', ?, 'numbers', '17', 'ok', 't')").run('a'.repeat(64))).toThrow(/FOREIGN KEY/);
    },
  },
  // Keyed by name: migration numbers are reserved per branch (0011), the version is its place in the list.
  [versionOf('saved_pages')]: {
    before(db) {
      db.prepare("INSERT INTO cases (id, title, status, priority, marking, created_at, updated_at) VALUES ('c1', 'Kept', 'open', 'normal', 'internal', 't', 't')").run();
    },
    after(db) {
      expect(db.prepare('SELECT title FROM cases').pluck().all()).toEqual(['Kept']);
      expect(tables(db).find((x) => x.name === 'page_texts')?.strict).toBe(1);
      const row = (sha: string, format: string | null, text: string, problem: string | null) => db.prepare(
        "INSERT INTO page_texts (sha256, format, text, problem, reader, read_at) VALUES (?, ?, ?, ?, 1, 't')",
      ).run(sha.repeat(64), format, text, problem);
      row('a', 'html', 'page words', null);
      row('b', null, '', null);
      row('c', 'pdf', '', 'it is protected by a password');
      // Not a page: no text and no reason; an unknown format or a short hash is refused.
      expect(() => row('d', null, 'text', null)).toThrow(/CHECK/);
      expect(() => row('e', null, '', 'why')).toThrow(/CHECK/);
      expect(() => row('f', 'docx', '', null)).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO page_texts (sha256, reader, read_at) VALUES ('short', 1, 't')").run()).toThrow(/CHECK/);
    },
  },
  // Numbered by name: the branches of session 19 reserved 0010-0012, and the array index decides the version.
  [versionOf('notes_on_translations')]: {
    before(db) {
      db.prepare("INSERT INTO notes (id, target_type, target_id, body, pinned, rev, created_at, updated_at, created_by) VALUES ('n1', 'case', 'c1', 'Kept **as is**', 1, 3, 't1', 't2', 'p1')").run();
      expect(() => db.prepare("INSERT INTO notes (id, target_type, target_id, body, created_at, updated_at) VALUES ('n2', 'translation', 't1', 'x', 't', 't')").run()).toThrow(/CHECK/);
    },
    after(db) {
      // Every note is kept exactly; a note may now be on a translation, and still on nothing else.
      expect(db.prepare('SELECT * FROM notes').all()).toEqual([{
        id: 'n1', target_type: 'case', target_id: 'c1', body: 'Kept **as is**', pinned: 1, rev: 3, created_at: 't1', updated_at: 't2',
        created_by: 'p1', updated_by: null, deleted_at: null,
      }]);
      db.prepare("INSERT INTO notes (id, target_type, target_id, body, created_at, updated_at) VALUES ('n2', 'translation', 't1', 'x', 't', 't')").run();
      expect(() => db.prepare("INSERT INTO notes (id, target_type, target_id, body, created_at, updated_at) VALUES ('n3', 'revision', 'r1', 'x', 't', 't')").run()).toThrow(/CHECK/);
      expect(tables(db).find((t) => t.name === 'notes')?.strict).toBe(1);
      expect(db.prepare("SELECT name FROM pragma_index_list('notes')").pluck().all()).toContain('notes_target');
      expect(tableNames(db)).not.toContain('notes_next');
    },
  },
};

describe('migrations', () => {
  it('every shipped migration has a test, and versions are 1..n in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
    expect(Object.keys(MIGRATION_TESTS).map(Number).sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version));
  });

  for (const m of migrations) {
    it(`${String(m.version).padStart(4, '0')}_${m.name} applies on a database at version ${m.version - 1}`, () => {
      const db = freshDb();
      try {
        migrate(db, migrations, m.version - 1);
        expect(schemaVersion(db)).toBe(m.version - 1);
        const t = MIGRATION_TESTS[m.version];
        expect(t, `MIGRATION_TESTS has no entry for migration ${m.version}`).toBeDefined();
        t?.before?.(db);
        expect(migrate(db, migrations, m.version)).toBe(m.version);
        expect(schemaVersion(db)).toBe(m.version);
        t?.after(db);
      } finally {
        db.close();
      }
    });
  }

  it('migrating an up-to-date database again changes nothing', () => {
    const db = freshDb();
    try {
      migrate(db);
      const before = tableNames(db);
      expect(migrate(db)).toBe(LATEST_VERSION);
      expect(tableNames(db)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('refuses a newer database in rollback-journal mode without switching it to WAL', () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE);
    const newer = new Database(file);
    // A newer Casefile keeps the tables every Casefile database has (a file without them is another application's).
    newer.exec('CREATE TABLE profiles (id TEXT PRIMARY KEY) STRICT; CREATE TABLE audit_log (seq INTEGER PRIMARY KEY) STRICT');
    newer.exec('CREATE TABLE future_things (id TEXT PRIMARY KEY) STRICT');
    newer.pragma(`user_version = ${LATEST_VERSION + 1}`);
    newer.close();
    const bytesBefore = fs.readFileSync(file);
    expect(() => createCore({ dataDir: dir })).toThrow(/newer version/);
    expect(fs.readFileSync(file).equals(bytesBefore)).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer version and leaves it unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE);
    // A database as a newer Casefile would leave it: WAL, a schema we do not know, some data.
    const newer = new Database(file);
    newer.pragma('journal_mode = WAL');
    newer.exec('CREATE TABLE profiles (id TEXT PRIMARY KEY) STRICT; CREATE TABLE audit_log (seq INTEGER PRIMARY KEY) STRICT');
    newer.exec("CREATE TABLE future_things (id TEXT PRIMARY KEY, v TEXT) STRICT; INSERT INTO future_things VALUES ('a', 'kept');");
    newer.pragma(`user_version = ${LATEST_VERSION + 1}`);
    newer.close();
    const sha = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const bytesBefore = sha();

    let err: unknown;
    try {
      createCore({ dataDir: dir }).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('newer version');

    expect(sha()).toBe(bytesBefore);
    const db = new Database(file, { readonly: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
      expect(tableNames(db)).toEqual(['audit_log', 'future_things', 'profiles']);
      expect(db.prepare('SELECT v FROM future_things').pluck().all()).toEqual(['kept']);
    } finally {
      db.close();
    }
  });

  it('is all-or-nothing: a failing second migration leaves an empty database at version 0', () => {
    const list: Migration[] = [
      { version: 1, name: 'good', sql: 'CREATE TABLE good_things (id TEXT PRIMARY KEY) STRICT;' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE other_things (id TEXT PRIMARY KEY) STRICT; THIS IS NOT SQL;' },
    ];
    const db = freshDb();
    try {
      expect(() => migrate(db, list)).toThrow();
      expect(schemaVersion(db)).toBe(0);
      expect(tableNames(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('is all-or-nothing from a later version too: the schema stays as it was', () => {
    const db = freshDb();
    try {
      migrate(db);
      const before = tableNames(db);
      const list: Migration[] = [
        ...migrations,
        { version: LATEST_VERSION + 1, name: 'good', sql: 'CREATE TABLE good_things (id TEXT PRIMARY KEY) STRICT;' },
        { version: LATEST_VERSION + 2, name: 'bad', sql: 'ALTER TABLE no_such_table ADD COLUMN x TEXT;' },
      ];
      expect(() => migrate(db, list)).toThrow(/no_such_table/);
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(tableNames(db)).toEqual(before);
    } finally {
      db.close();
    }
  });
});
