// Two Casefile processes on one data folder (the app and the CLI): a write that meets the
// other's lock past the busy timeout is tried again, and then the user is told plainly that
// nothing was saved, never SQLite's "database is locked"; the long operations (reindex,
// import) leave the lock free between short transactions, so the other side never waits on them.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/index';
import { BUSY_MESSAGE } from '../../electron/core/db/failures';
import { exportJson, importJson } from '../../electron/core/io/json';
import { reindex } from '../../electron/core/search';
import { cf } from './cliRunner';
import { makeDesk, newStatement, openCore, refused, tableCounts, tempDir, useCleanup } from './helpers';

useCleanup();

/**
 * Another process that takes the write lock (BEGIN IMMEDIATE) and holds it until it is told
 * `release MS` (let go MS milliseconds later) or is stopped.
 */
class LockHolder {
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {}

  static async hold(file: string): Promise<LockHolder> {
    const script = `
      const Database = require('better-sqlite3-multiple-ciphers');
      const db = new Database(${JSON.stringify(file)});
      db.prepare('BEGIN IMMEDIATE').run();
      db.prepare("INSERT INTO search_state (key, value) VALUES ('holder', 'x') ON CONFLICT(key) DO UPDATE SET value = 'x'").run();
      process.stdout.write('locked\\n');
      process.stdin.on('data', (d) => {
        const ms = Number(/release (\\d+)/.exec(String(d))?.[1] ?? 0);
        setTimeout(() => { db.prepare('ROLLBACK').run(); db.close(); process.exit(0); }, ms);
      });`;
    const child = spawn(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../..') });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    return new LockHolder(child);
  }

  release(afterMs = 0): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.write(`release ${afterMs}\n`);
    return exited;
  }
}

describe('a write that meets another process\'s lock', () => {
  it('is refused with "another Casefile is writing; nothing was saved" once the retry also waits in vain', async () => {
    const d = await makeDesk({ busyTimeoutMs: 300 });
    const before = tableCounts(d.core.db);
    const holder = await LockHolder.hold(path.join(d.dir, DB_FILE));
    try {
      const body = await refused(newStatement(d), 'failed');
      expect(body.message).toBe(BUSY_MESSAGE);
      expect(body.message).toBe('Another Casefile is writing to this data folder; nothing was saved. Try again in a moment.');
    } finally {
      await holder.release();
    }
    expect(tableCounts(d.core.db)).toEqual(before);
    // Once the other process is done, the same write goes through.
    await newStatement(d);
  });

  it('is tried again when the lock is held past the busy timeout, and succeeds when it is let go meanwhile', async () => {
    // Busy timeout 1 s, then a pause and a second wait of 1 s: let go at about 1.5 s.
    const d = await makeDesk({ busyTimeoutMs: 1000 });
    const holder = await LockHolder.hold(path.join(d.dir, DB_FILE));
    const released = holder.release(1500);
    const st = await newStatement(d, { summary: 'saved on the second try' });
    await released;
    expect((await d.core.invoke('statements.get', { as: d.analyst.id, id: st.id })).summary).toBe('saved on the second try');
  });

  it('the command line says the same, never "database is locked"', async () => {
    const d = await makeDesk();
    d.core.close();
    const holder = await LockHolder.hold(path.join(d.dir, DB_FILE));
    try {
      const r = await cf(['case', 'create', '--title', 'While locked', '--data', d.dir, '--as', 'DA']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`casefile: failed: ${BUSY_MESSAGE}\n`);
      expect(r.stderr).not.toMatch(/database is locked/i);
    } finally {
      await holder.release();
    }
    const list = await cf(['case', 'list', '--data', d.dir, '--as', 'DA', '--json']);
    expect(JSON.parse(list.stdout).total).toBe(0);
  });
});

/** A side connection that may not wait at all: it gets the write lock now or fails. */
function lockIsFree(file: string): boolean {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 0');
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare('ROLLBACK').run();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

describe('long operations leave the lock free', () => {
  it('reindex commits in short transactions, and what another process writes meanwhile is in the new index', async () => {
    const d = await makeDesk();
    const file = path.join(d.dir, DB_FILE);
    for (let i = 0; i < 40; i++) await newStatement(d, { originalText: `نص قديم ${i}`, summary: `old statement ${i}` });
    const doomed = await newStatement(d, { summary: 'zebracrossing soon trashed' });
    // The other process: a second Core on the same folder that will not wait for a lock.
    const other = openCore(d.dir, { busyTimeoutMs: 0 });
    const written: string[] = [];
    let gaps = 0;
    const r = reindex(d.core, {
      sliceRecords: 10,
      betweenChunks: () => {
        gaps++;
        expect(lockIsFree(file)).toBe(true);
        // Writes land at every stage: before the first page, among the pages, after them.
        if (gaps === 2) void other.invoke('statements.trash', { as: d.analyst.id, id: doomed.id, rev: doomed.rev });
        if (gaps % 2 === 1) {
          void other.invoke('statements.create', { as: d.analyst.id, originalText: `جديد ${gaps}`, summary: `quokka meanwhile ${gaps}` })
            .then((st) => written.push(st.id));
        }
      },
    });
    expect(r.documents).toBeGreaterThanOrEqual(41);
    expect(gaps).toBeGreaterThan(4);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written.length).toBe(Math.ceil(gaps / 2));
    const hits = await d.core.invoke('search.query', { as: d.analyst.id, q: 'quokka', limit: 100 });
    expect(hits.hits.map((h) => h.id).sort()).toEqual([...written].sort());
    expect((await d.core.invoke('search.query', { as: d.analyst.id, q: 'zebracrossing' })).total).toBe(0);
    expect((await d.core.invoke('search.query', { as: d.analyst.id, q: 'old', limit: 100 })).total).toBe(40);
    const report = await d.core.check();
    expect(report.problems).toEqual([]);
  });

  it('import checks the document in a staging database: the live one is not locked meanwhile', async () => {
    const d = await makeDesk();
    for (let i = 0; i < 5; i++) await newStatement(d, { summary: `carried ${i}` });
    const doc = exportJson(d.core);
    const target = openCore(tempDir());
    const file = path.join(target.dataDir, DB_FILE);
    let free: boolean | null = null;
    const res = importJson(target, doc, { afterStaging: () => { free = lockIsFree(file); } });
    expect(free).toBe(true);
    expect(res.counts.statements).toBe(5);
    expect((await target.invoke('search.query', { as: d.analyst.id, q: 'carried' })).total).toBe(5);
    expect((await target.check()).problems).toEqual([]);
  });
});
