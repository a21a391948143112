// The Core host (electron/core/host) in a real child process under plain Node, as the e2e
// harness runs it and as Electron's utility process runs it in the app: calls, errors, bytes,
// long operations with progress and cancel, a crash, and reads answered while a long write runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index';
import type { CoreClient } from '../../electron/core/host/client';
import { connectCore } from '../../electron/core/host/client';
import { forkNodeHost, startNodeHost } from '../../electron/core/host/nodeHost';
import type { Progress } from '../../shared/ipc/progress';
import { TEST_HOST } from '../setup/hostBundle';

const dirs: string[] = [];
const clients: CoreClient[] = [];
afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-host-'));
  dirs.push(d);
  return d;
}

async function host(dataDir = tempDir()): Promise<CoreClient> {
  const c = await startNodeHost({ dataDir, checkOutputs: true }, {}, TEST_HOST);
  clients.push(c);
  return c;
}

async function admin(c: CoreClient) {
  return c.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin', 'analyst', 'case_manager'] });
}

describe('the Core host in a child process', () => {
  it('answers contract calls, refuses with the Core\'s own error, and carries bytes as bytes', async () => {
    const c = await host();
    const me = await admin(c);
    const kase = await c.invoke('cases.create', { as: me.id, title: 'Hosted' });
    expect((await c.invoke('cases.list', { as: me.id })).items.map((k) => k.title)).toEqual(['Hosted']);

    await expect(c.invoke('cases.get', { as: me.id, id: '00000000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ body: { code: 'not_found' } });
    await expect(c.invoke('cases.create', { as: me.id })).rejects.toMatchObject({ body: { code: 'invalid_input', field: 'title' } });
    await expect(c.invoke('nope.nothing' as never, {})).rejects.toMatchObject({ body: { code: 'unknown_method' } });

    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const att = await c.invoke('attachments.add', { as: me.id, ownerType: 'case', ownerId: kase.id, fileName: 'x.bin', data: bytes });
    const back = await c.invoke('attachments.read', { as: me.id, id: att.id });
    expect(back.data).toBeInstanceOf(Uint8Array);
    expect([...back.data]).toEqual([...bytes]);

    const file = path.join(tempDir(), 'evidence.txt');
    fs.writeFileSync(file, 'attached by path');
    const byPath = await c.attachFile(me.id, file, { ownerType: 'case', ownerId: kase.id });
    expect(byPath.originalName).toBe('evidence.txt');
  });

  it('reports a long operation\'s progress and answers it', async () => {
    const c = await host();
    const me = await admin(c);
    const seen: Progress[] = [];
    const report = await c.invoke('desk.check', { as: me.id }, { onProgress: (p) => seen.push(p) });
    expect(report.ok).toBe(true);
    expect(seen.map((p) => p.phase)).toContain('verifying the audit trail');
    expect(seen.at(-1)).toEqual({ phase: 'done', done: 1, total: 1 });
  });

  it('cancels a long operation: the answer is `cancelled` and nothing of it is kept', async () => {
    const dataDir = tempDir();
    const c = await host(dataDir);
    const me = await admin(c);
    const kase = await c.invoke('cases.create', { as: me.id, title: 'Big evidence' });
    const data = new Uint8Array(96 * 1024 * 1024).fill(7);
    const stop = new AbortController();
    const progress: Progress[] = [];
    const adding = c.invoke('attachments.add', { as: me.id, ownerType: 'case', ownerId: kase.id, fileName: 'big.bin', data }, {
      signal: stop.signal,
      onProgress: (p) => {
        progress.push(p);
        stop.abort();
      },
    });
    await expect(adding).rejects.toMatchObject({ body: { code: 'cancelled' } });
    expect(progress[0]?.phase).toBe('hashing and storing the file');
    expect(progress.at(-1)!.done).toBeLessThan(data.byteLength);
    expect(await c.invoke('attachments.list', { as: me.id, ownerType: 'case', ownerId: kase.id })).toEqual([]);
    // No stored file and no temporary file left behind.
    const stored = fs.readdirSync(path.join(dataDir, 'attachments'), { recursive: true }).map(String);
    expect(stored.filter((f) => !fs.statSync(path.join(dataDir, 'attachments', f)).isDirectory())).toEqual([]);
    // The host goes on answering, long operations included.
    expect((await c.invoke('desk.check', { as: me.id })).ok).toBe(true);
  });

  it('a report exported in the job worker is printed to PDF by the door (main in the app)', async () => {
    const printed: string[] = [];
    const c = await startNodeHost({ dataDir: tempDir(), checkOutputs: true }, {
      pdfEngine: async (html) => { printed.push(html); return new TextEncoder().encode('%PDF-1.7 printed by the door'); },
    });
    clients.push(c);
    const me = await c.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin', 'analyst'] });
    const report = await c.invoke('reports.create', { as: me.id, headline: 'Al-Nujaba threatens to liberate Iraq' });
    const phases: string[] = [];
    const out = await c.invoke('reports.export', { as: me.id, id: report.id, format: 'pdf' }, { onProgress: (p) => phases.push(p.phase) });
    expect(new TextDecoder().decode(out.data)).toBe('%PDF-1.7 printed by the door');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('Al-Nujaba threatens to liberate Iraq');
  });

  it('fails calls in flight with a clear message when the host dies, and says so for later calls', async () => {
    const transport = forkNodeHost(TEST_HOST);
    const c = await connectCore(transport, { dataDir: tempDir(), checkOutputs: true });
    clients.push(c);
    const me = await admin(c);
    const check = c.invoke('desk.check', { as: me.id });
    transport.kill();
    await expect(check).rejects.toThrow(/Core stopped unexpectedly/);
    expect(c.exited).toBe(true);
    await expect(c.invoke('profiles.list', {})).rejects.toThrow(/Core stopped unexpectedly/);
  });

  it('refuses to open a data folder it cannot use, saying why', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    await expect(startNodeHost({ dataDir: file }, {}, TEST_HOST)).rejects.toThrow(/EEXIST|ENOTDIR|not a directory|file already exists/);
  });

  it('answers reads while a reindex holds the database, and makes writes wait their turn instead of failing', async () => {
    const dataDir = tempDir();
    // Enough records that the rebuild takes a while, written straight into one transaction.
    const seed = createCore({ dataDir });
    const me = await seed.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin', 'analyst', 'case_manager'] });
    seed.db.pragma('synchronous = OFF');
    seed.db.exec('BEGIN');
    for (let i = 0; i < 4000; i++) {
      await seed.invoke('statements.create', { as: me.id, language: 'ar', originalText: `قال المتحدث في البيان رقم ${i} إن الجماعة ستواصل` });
    }
    seed.db.exec('COMMIT');
    seed.close();

    const c = await host(dataDir);
    const order: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((r) => { started = r; });
    const reindex = c.invoke('desk.reindex', { as: me.id }, { onProgress: () => started() }).then((r) => { order.push('reindex'); return r; });
    await running;
    const write = c.invoke('cases.create', { as: me.id, title: 'Written during the reindex' }).then(() => order.push('write'));
    const read = c.invoke('profiles.list', {}).then(() => order.push('read'));
    await Promise.all([reindex, write, read]);
    expect(order).toEqual(['read', 'reindex', 'write']);
    expect((await reindex).documents).toBeGreaterThanOrEqual(4000);
    const found = await c.invoke('search.query', { as: me.id, q: 'during the reindex' });
    expect(found.hits.map((h) => h.title)).toEqual(['Written during the reindex']);
  });
});
