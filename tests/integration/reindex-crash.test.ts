/**
 * A rebuild of the search index killed at any point leaves a desk whose search works and whose
 * `check` is clean once reopened, and what the rebuild left behind is dropped: the old index's
 * tables (renamed aside at the swap, dropped in steps after it) on the next open, the copies
 * of a rebuild killed before its swap by the next rebuild. The child
 * (tests/fixtures/crash/reindexer.ts) kills itself with SIGKILL at a chosen progress report.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reindex, runSearch } from '../../electron/core/search/index';
import { childBundle } from '../setup/childBundles';
import { makeDesk, newStatement, openCore, useCleanup } from './helpers';

useCleanup();

const ROOT = path.resolve(__dirname, '../..');
const CRASHER = childBundle('reindex-crasher');

function crashReindex(dataDir: string, phase: 'reindex' | 'cleanup', nth: number): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CRASHER, dataDir, phase, String(nth)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code) reject(new Error(`the reindex child exited with ${code}: ${stderr}`));
      else resolve(signal ?? code);
    });
  });
}

const leftovers = (core: ReturnType<typeof openCore>, suffix: string) =>
  core.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'search%' AND name LIKE ? ORDER BY name").pluck().all(`%${suffix}`) as string[];

async function deskOf(n: number) {
  const d = await makeDesk();
  for (let i = 0; i < n; i++) await newStatement(d, { originalText: `بيان المقاومة رقم ${i}`, publishedWording: `Statement ${i} on the convoy` });
  const dir = d.dir;
  d.core.close();
  return { d, dir };
}

describe('a rebuild killed part way', () => {
  it.each([
    { when: 'right after the swap, before anything of the old index is dropped', nth: 1 },
    { when: 'while the old index is being dropped', nth: 3 },
  ])('leaves the new index working and a clean check, and the old tables are dropped on the next open ($when)', async ({ nth }) => {
    const { d, dir } = await deskOf(30);
    expect(await crashReindex(dir, 'cleanup', nth)).toBe('SIGKILL');

    const core = openCore(dir);
    // Killed between the swap and the end of the drop: the old tables are still there, aside.
    expect(leftovers(core, '_retired').length).toBeGreaterThan(0);
    expect(leftovers(core, '_rebuild')).toEqual([]);
    expect((await core.check()).problems).toEqual([]);
    expect((await core.invoke('search.query', { as: d.analyst.id, q: 'convoy', limit: 100 })).total).toBe(30);
    expect(leftovers(core, '_retired')).toEqual([]);
    // The swapped-in index takes new writes as before.
    await core.invoke('statements.create', { as: d.analyst.id, originalText: 'بيان جديد', publishedWording: 'A new statement on the convoy' });
    expect(runSearch(core, 'convoy').total).toBe(31);
    expect(runSearch(core, 'المقاومه').total).toBe(30);
    expect((await core.check()).problems).toEqual([]);
  });

  it('before the swap leaves the old index in use, and the next rebuild drops the copies it left', async () => {
    const { d, dir } = await deskOf(30);
    // The second report of records: the copies are created and partly filled, nothing swapped.
    expect(await crashReindex(dir, 'reindex', 2)).toBe('SIGKILL');

    const core = openCore(dir);
    expect(leftovers(core, '_rebuild').length).toBe(4);
    expect((await core.check()).problems).toEqual([]);
    expect((await core.invoke('search.query', { as: d.analyst.id, q: 'convoy', limit: 100 })).total).toBe(30);
    await core.invoke('statements.create', { as: d.analyst.id, originalText: 'بيان جديد', publishedWording: 'A new statement on the convoy' });

    const r = reindex(core, { worker: false, sliceRecords: 5 });
    expect(r).toMatchObject({ documents: 31, settled: true });
    // The rebuild's own commits skip the sync; the connection's writes after it do not (FULL is 2).
    expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
    expect([...leftovers(core, '_rebuild'), ...leftovers(core, '_retired')]).toEqual([]);
    expect(runSearch(core, 'convoy').total).toBe(31);
    expect((await core.check()).problems).toEqual([]);
  });
});
