// Cancelling a long operation midway leaves nothing half-written: the database and the files
// are exactly as before (export, import), or as after a whole step (nothing for a reindex
// stopped in its transaction). And the streamed export is the same document, byte for byte.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeadFile } from '../../electron/core/audit/head';
import { createCore, type Core } from '../../electron/core/index';
import { exportChunks, exportJson, importJsonFrom } from '../../electron/core/io/json';
import { createJob } from '../../electron/core/job';
import { startNodeHost } from '../../electron/core/host/nodeHost';
import { writeChunksAtomic } from '../../electron/cli/files';
import { tableCounts } from './helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-cancel-'));
let desk: Core;
let admin: string;
let exported: string;

beforeAll(async () => {
  desk = createCore({ dataDir: path.join(root, 'desk') });
  admin = (await desk.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin', 'analyst', 'case_manager'] })).id;
  // A few megabytes of JSON: several pieces of export, many of import.
  desk.db.pragma('synchronous = OFF');
  desk.db.exec('BEGIN');
  for (let i = 0; i < 2500; i++) {
    await desk.invoke('statements.create', { as: admin, language: 'ar', originalText: `قال المتحدث الرسمي في البيان ${i} إن الجماعة ستواصل عملياتها`, summary: `Statement ${i}` });
  }
  desk.db.exec('COMMIT');
  // Writes batched in one outer transaction leave their indexing to the end: catch up now.
  await desk.invoke('desk.reindex', { as: admin });
  exported = path.join(root, 'desk.json');
  await writeChunksAtomic(exported, exportChunks(desk, createJob()), createJob());
}, 120_000);

afterAll(() => {
  desk.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A job that cancels itself at the first progress report with `ready(p)` true. */
function cancelWhen(ready: (p: { phase: string; done: number; total: number }) => boolean) {
  const stop = new AbortController();
  const seen: { phase: string; done: number; total: number }[] = [];
  const job = createJob({ signal: stop.signal, onProgress: (p) => { seen.push(p); if (ready(p)) stop.abort(); } });
  return { job, seen };
}

describe('export-json, streamed', () => {
  it('writes exactly the document exportJson() holds, with two-space indents and a final newline', () => {
    const text = fs.readFileSync(exported, 'utf8');
    expect(text).toBe(`${JSON.stringify(exportJson(desk), null, 2)}\n`);
    expect(text.length).toBeGreaterThan(3 << 20);
  });

  it('cancelled midway, leaves no file and no temporary file, and the desk goes on', async () => {
    const out = path.join(root, 'cancelled', 'out.json');
    fs.mkdirSync(path.dirname(out));
    // Cancelled after the second piece is written: on a fast machine the whole export ends
    // before its first throttled progress report, so the cancel is tied to the pieces instead.
    const stop = new AbortController();
    const job = createJob({ signal: stop.signal });
    let written = 0;
    const midway = function* () {
      for (const piece of exportChunks(desk, job)) {
        yield piece;
        if (++written === 2) stop.abort();
      }
    };
    await expect(writeChunksAtomic(out, midway(), job)).rejects.toMatchObject({ body: { code: 'cancelled' } });
    expect(written).toBe(2);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
    // The read transaction was closed: a write goes through.
    await expect(desk.invoke('cases.create', { as: admin, title: 'After the cancelled export' })).resolves.toMatchObject({ title: 'After the cancelled export' });
    await desk.invoke('cases.list', { as: admin });
  });
});

describe('import-json, streamed', () => {
  const pieces = () => Readable.from((function* () {
    const bytes = fs.readFileSync(exported);
    for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
  })());

  it('cancelled midway, writes nothing: every table empty and the audit head untouched; then imports whole', async () => {
    const target = createCore({ dataDir: path.join(root, 'target') });
    try {
      const size = fs.statSync(exported).size;
      const { job } = cancelWhen((p) => p.phase === 'reading and checking the document' && p.done > size / 2);
      await expect(importJsonFrom(target, pieces(), { totalBytes: size, job })).rejects.toMatchObject({ body: { code: 'cancelled' } });
      expect(Object.entries(tableCounts(target.db)).filter(([t, n]) => n > 0 && !t.startsWith('search_') && t !== 'sqlite_sequence')).toEqual([]);
      expect(readHeadFile(target.dataDir)).toMatchObject({ seq: 0, hash: '0'.repeat(64) });
      expect(target.db.inTransaction).toBe(false);

      const res = await importJsonFrom(target, pieces(), { totalBytes: size });
      expect(res.counts.statements).toBe(2500);
      // The same document, but for its head: the importing desk signs the history it now holds.
      const withoutHead = (text: string) => { const { head, ...rest } = JSON.parse(text) as { head: { seq: number; hash: string } }; return { ...rest, head: [head.seq, head.hash] }; };
      expect(withoutHead([...exportChunks(target)].join(''))).toEqual(withoutHead(fs.readFileSync(exported, 'utf8')));
      expect((await target.check()).ok).toBe(true);
    } finally {
      target.close();
    }
  });

  it('refuses a document that is not JSON, or ends early, and writes nothing', async () => {
    const target = createCore({ dataDir: path.join(root, 'broken') });
    try {
      const text = fs.readFileSync(exported, 'utf8');
      await expect(importJsonFrom(target, [text.slice(0, text.length / 2)])).rejects.toThrow(/not valid JSON: the document ends too early/);
      await expect(importJsonFrom(target, ['{"format": nope}'])).rejects.toThrow(/not valid JSON/);
      expect(tableCounts(target.db).statements).toBe(0);
    } finally {
      target.close();
    }
  });
});

describe('a reindex cancelled in the Core host', () => {
  it('is stopped (its thread ended if it does not stop by itself) and the index is exactly as before', async () => {
    const dataDir = path.join(root, 'desk');
    desk.close();
    const host = await startNodeHost({ dataDir, checkOutputs: true, cancelGraceMs: 100 });
    try {
      const before = await host.invoke('search.query', { as: admin, q: 'الجماعة', limit: 1 });
      const entries = (await host.invoke('audit.verify', { as: admin })).entries;
      const stop = new AbortController();
      const r = host.invoke('desk.reindex', { as: admin }, { signal: stop.signal, onProgress: () => stop.abort() });
      await expect(r).rejects.toMatchObject({ body: { code: 'cancelled' } });
      const after = await host.invoke('search.query', { as: admin, q: 'الجماعة', limit: 1 });
      expect(after.total).toBe(before.total);
      const report = await host.invoke('desk.check', { as: admin });
      expect(report.problems).toEqual([]);
      // The audit trail has no entry for it: it did not happen.
      expect((await host.invoke('audit.verify', { as: admin })).entries).toBe(entries);
      // And the next one runs whole.
      await expect(host.invoke('desk.reindex', { as: admin })).resolves.toMatchObject({ documents: expect.any(Number) });
    } finally {
      await host.close();
      desk = createCore({ dataDir });
    }
  });
});
