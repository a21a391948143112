// A data folder whose database is not Casefile's, or is damaged, gets words that say what it
// is and what to do, from the Core, from `check` and from every other command; never SQLite's
// own "file is not a database" or "database disk image is malformed". Another application's
// SQLite file is left exactly as it was (it used to be migrated: our tables written into it).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createCore, DB_FILE } from '../../electron/core/index';
import { CoreError } from '../../electron/core/errors';
import { cf } from './cliRunner';
import { makeDesk, tempDir, useCleanup } from './helpers';

useCleanup();

const RAW_SQLITE = /SQLITE_|file is not a database|disk image is malformed|database is locked/i;
const NOT_OURS = /^Not a Casefile database: .*casefile\.sqlite .*Casefile has not changed it\. Point Casefile at your data folder \(--data or CASEFILE_DATA\)/;
const DAMAGED = /^Damaged database: .*casefile\.sqlite is damaged \(.*\)\. Run integrity recovery: 1\. copy the whole data folder somewhere safe; .*\.recover.*casefile check/;

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function openError(dir: string): CoreError {
  let err: unknown;
  try {
    createCore({ dataDir: dir }).close();
  } catch (e) {
    err = e;
  }
  expect(err, 'createCore should refuse the folder').toBeInstanceOf(CoreError);
  return err as CoreError;
}

/** check and one ordinary command, through the real command line. */
async function expectCliSays(dir: string, pattern: RegExp): Promise<void> {
  const check = await cf(['check', '--data', dir]);
  expect(check.code).toBe(1);
  expect(check.stdout).toMatch(new RegExp(`^1 problem in ${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\n  - ${pattern.source.slice(1)}`));
  expect(check.stdout + check.stderr).not.toMatch(RAW_SQLITE);
  expect(check.stdout).not.toContain('Checked'); // nothing was counted
  const list = await cf(['case', 'list', '--data', dir]);
  expect(list.code).toBe(1);
  expect(list.stderr.replace(/^casefile: failed: /, '')).toMatch(pattern);
  expect(list.stderr).not.toMatch(RAW_SQLITE);
}

/** A desk with enough statements that its tables span many pages, checkpointed into the main file. */
async function deskOnDisk(): Promise<{ dir: string; file: string }> {
  const d = await makeDesk();
  for (let i = 0; i < 150; i++) await d.core.invoke('statements.create', { as: d.analyst.id, originalText: `${'نص البيان '.repeat(60)}${i}` });
  d.core.db.pragma('wal_checkpoint(TRUNCATE)');
  d.core.close();
  return { dir: d.dir, file: path.join(d.dir, DB_FILE) };
}

describe('a data folder whose database is not Casefile\'s', () => {
  it('random bytes: "not a Casefile database", with what to do', async () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE);
    fs.writeFileSync(file, crypto.randomBytes(64 * 1024));
    const before = sha(file);
    expect(openError(dir).message).toMatch(NOT_OURS);
    expect(openError(dir).message).toContain('is not a SQLite database');
    await expectCliSays(dir, NOT_OURS);
    expect(sha(file)).toBe(before);
  });

  it('another application\'s SQLite file: refused, named by its tables, and left byte for byte as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE);
    const other = new Database(file);
    other.exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org/');");
    other.close();
    const before = sha(file);
    const err = openError(dir);
    expect(err.message).toMatch(NOT_OURS);
    expect(err.message).toContain('is the SQLite database of some other application (its tables: moz_places)');
    await expectCliSays(dir, NOT_OURS);
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    // Another application that numbers its schema too.
    const numbered = new Database(file);
    numbered.pragma('user_version = 3');
    numbered.close();
    expect(openError(dir).message).toMatch(NOT_OURS);
  });
});

describe('a damaged Casefile database', () => {
  it('truncated: "damaged database: run integrity recovery"', async () => {
    const { dir, file } = await deskOnDisk();
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    expect(openError(dir).message).toMatch(DAMAGED);
    await expectCliSays(dir, DAMAGED);
  });

  it('a corrupted page: check reports it, and a command that reads it says the same', async () => {
    const { dir, file } = await deskOnDisk();
    const probe = new Database(file, { readonly: true });
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const root = probe.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'statements'").pluck().get() as number;
    probe.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, crypto.randomBytes(pageSize), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);

    // The desk still opens (its first pages are intact); what reads the damage is told so.
    const core = createCore({ dataDir: dir });
    try {
      const report = await core.check();
      expect(report.ok).toBe(false);
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatch(DAMAGED);
      expect(report.problems[0]).not.toMatch(RAW_SQLITE);
      const profiles = await core.invoke('profiles.list', {});
      let err: unknown;
      try {
        await core.invoke('statements.list', { as: profiles[0]!.id, limit: 1000 });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CoreError);
      expect((err as CoreError).message).toMatch(DAMAGED);
    } finally {
      core.close();
    }
    const check = await cf(['check', '--data', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^1 problem in .*:\n {2}- Damaged database: /);
    expect(check.stdout + check.stderr).not.toMatch(RAW_SQLITE);
    const list = await cf(['statement', 'list', '--data', dir, '--as', 'AA']);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/^casefile: failed: Damaged database: /);
  });
});
