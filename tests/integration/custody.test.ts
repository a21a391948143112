// Custody of a desk beyond the tamper suite: the desk key and signed head on a new desk, private
// files, the upgrade of a desk an earlier Casefile wrote, anchors, the write guard, and the
// replay's progress and stop.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS } from '../../electron/core/audit/chain';
import { BASELINE_ACTION } from '../../electron/core/audit/baseline';
import { HEAD_FILE, readHeadFile, writeHeadFile } from '../../electron/core/audit/head';
import { replayTrail } from '../../electron/core/audit/replay';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { DB_FILE } from '../../electron/core/index';
import { ensureIndex } from '../../electron/core/search';
import { readDeskKeyFile } from '../../electron/core/keys';
import { record } from '../../electron/core/services/record';
import { write } from '../../electron/core/services/write';
import { cf } from './cliRunner';
import { copyDesk, populatedDesk, rehashChain, rewriteImage, withSqlite, type Populated } from './custodyDesk';
import { auditRows, makeDesk, newCase, openCore, refused, tempDir, useCleanup } from './helpers';

useCleanup();
const POSIX = process.platform !== 'win32';
const mode = (p: string) => fs.statSync(p).mode & 0o777;

let desk: Populated;
beforeAll(async () => {
  desk = await populatedDesk();
}, 120_000);
afterAll(() => fs.rmSync(desk.dir, { recursive: true, force: true }));

describe('a new desk', () => {
  it('gets a desk key (not protected at rest) and a head signed with it after every commit', async () => {
    const d = await makeDesk();
    const key = readDeskKeyFile(d.dir)!;
    expect(key.wraps.map((w) => w.method)).toEqual(['none']);
    expect(key.publicKey).toBe(d.core.state.key.publicKey);
    await newCase(d);
    const head = readHeadFile(d.dir)!;
    const last = auditRows(d.core.db).at(-1)!;
    expect(head).toEqual({ seq: last.seq, hash: last.hash, at: last.at, fingerprint: d.core.state.key.fingerprint, signature: expect.any(String) });
    const report = await d.core.check();
    expect(report).toMatchObject({ ok: true, desk: { fingerprint: d.core.state.key.fingerprint, protectedAtRest: false } });
  });

  it.skipIf(!POSIX)('keeps its files to its user whatever the umask: folder 0700, database, WAL, key and head 0600, stored files 0400', async () => {
    const old = process.umask(0);
    try {
      const d = await makeDesk();
      await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'case', ownerId: (await newCase(d)).id, fileName: 'a.txt', data: new Uint8Array([1, 2]) });
      expect(mode(d.dir)).toBe(0o700);
      for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, 'desk-key.json', HEAD_FILE]) expect(mode(path.join(d.dir, f)), f).toBe(0o600);
      const store = path.join(d.dir, 'attachments');
      expect(mode(store)).toBe(0o700);
      const [shard] = fs.readdirSync(store).filter((n) => n !== 'tmp');
      expect(mode(path.join(store, shard!))).toBe(0o700);
      for (const f of fs.readdirSync(path.join(store, shard!))) expect(mode(path.join(store, shard!, f))).toBe(0o400);
    } finally {
      process.umask(old);
    }
  });

  it.skipIf(!POSIX)('an existing desk an earlier version left readable by everyone is made private when it is opened', () => {
    const dir = copyDesk(desk);
    fs.chmodSync(dir, 0o755);
    for (const f of [DB_FILE, 'desk-key.json', HEAD_FILE]) fs.chmodSync(path.join(dir, f), 0o644);
    const store = path.join(dir, 'attachments');
    const shard = desk.ids.attachmentSha.slice(0, 2);
    fs.chmodSync(path.join(store, shard, desk.ids.attachmentSha), 0o444);
    fs.chmodSync(path.join(store, shard), 0o755);
    fs.chmodSync(store, 0o755);
    const core = openCore(dir);
    expect(mode(dir)).toBe(0o700);
    for (const f of [DB_FILE, `${DB_FILE}-wal`, 'desk-key.json', HEAD_FILE]) expect(mode(path.join(dir, f)), f).toBe(0o600);
    expect(mode(store)).toBe(0o700);
    expect(mode(path.join(store, shard))).toBe(0o700);
    expect(mode(path.join(store, shard, desk.ids.attachmentSha))).toBe(0o400);
    core.close();
  });
});

describe('the write guard', () => {
  it('refuses a write that changes a row after its last audit entry, and saves nothing', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const before = auditRows(d.core.db).length;
    const s = d.core.state;
    expect(() => write(s, () => {
      s.db.prepare("UPDATE cases SET summary = 'described' WHERE id = ?").run(c.id);
      record(s, { profile: d.admin }, 'case.update', 'case', c.id, { summary: ['', 'described'] }, 'update');
      s.db.prepare("UPDATE cases SET title = 'not described' WHERE id = ?").run(c.id);
    })).toThrow(/a write changed rows of cases after its last audit entry, so no entry describes them; nothing was saved/);
    expect(auditRows(d.core.db)).toHaveLength(before);
    expect((await d.core.invoke('cases.get', { as: d.admin.id, id: c.id })).title).toBe(c.title);
    expect((await d.core.check()).problems).toEqual([]);
  });
});

describe('a desk an earlier Casefile wrote (audit entries without row images)', () => {
  /** A desk at the schema before row images, with a profile, a case and their format-1 entries, and an unsigned head, as the version before wrote them. */
  function legacyDesk(): string {
    const dir = tempDir();
    const db = new Database(path.join(dir, DB_FILE));
    migrate(db, migrations, migrations.findIndex((m) => m.name === 'row_images'));
    const at = '2024-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO profiles (id, name, initials, roles, created_at, updated_at) VALUES ('01900000-0000-7000-8000-000000000001', 'Dana', 'DA', '[\"admin\",\"analyst\",\"case_manager\"]', ?, ?)").run(at, at);
    db.prepare("INSERT INTO cases (id, title, status, priority, marking, created_at, updated_at, created_by, updated_by) VALUES ('01900000-0000-7000-8000-000000000002', 'Old case', 'open', 'normal', 'internal', ?, ?, '01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000001')").run(at, at);
    let prev = GENESIS;
    const entries: [string, string, string, Record<string, [unknown, unknown]>][] = [
      ['profile.create', 'profile', '01900000-0000-7000-8000-000000000001', { name: [null, 'Dana'] }],
      ['case.create', 'case', '01900000-0000-7000-8000-000000000002', { title: [null, 'Old case'] }],
    ];
    entries.forEach(([action, recordType, recordId, changes], i) => {
      const base = { seq: i + 1, at, actorId: null, action, recordType, recordId, changes, prevHash: prev };
      const hash = entryHash(base);
      db.prepare('INSERT INTO audit_log (seq, at, actor_id, action, record_type, record_id, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(base.seq, at, null, action, recordType, recordId, canonicalJson(changes), prev, hash);
      prev = hash;
    });
    // Indexed, as that version kept it.
    db.prepare("UPDATE search_state SET value = '1' WHERE key = 'needs_rebuild'").run();
    ensureIndex(db);
    db.close();
    fs.writeFileSync(path.join(dir, HEAD_FILE), JSON.stringify({ seq: 2, hash: prev }));
    return dir;
  }

  it('gets a key, its head signed as it stood, and one baseline entry: it checks clean, and later tampering is named', async () => {
    const dir = legacyDesk();
    const core = openCore(dir);
    expect(readDeskKeyFile(dir)).not.toBeNull();
    const rows = auditRows(core.db);
    expect(rows.map((r) => r.action)).toEqual(['profile.create', 'case.create', BASELINE_ACTION]);
    expect(JSON.parse(rows[2]!.changes)).toEqual({ records: [null, { cases: 1, profiles: 1 }] });
    expect(core.db.prepare("SELECT tbl, op FROM audit_rows WHERE seq = 3 ORDER BY n").all()).toEqual([{ tbl: 'cases', op: 'state' }, { tbl: 'profiles', op: 'state' }]);
    expect(readHeadFile(dir)).toMatchObject({ seq: 3, fingerprint: core.state.key.fingerprint });
    expect((await core.check()).problems).toEqual([]);
    core.close();

    // Opening again adds nothing.
    const again = openCore(dir);
    expect(auditRows(again.db)).toHaveLength(3);
    again.close();

    withSqlite(dir, (db) => db.prepare("UPDATE cases SET marking = 'public'").run());
    const after = await openCore(dir).check();
    expect(after.problems).toContain(
      'Records against the audit trail: case 01900000-0000-7000-8000-000000000002: marking differs from the audit trail: expected "internal" (entry 3), found "public".',
    );
  });

  it('a head stripped of its signature later is not signed again on open: it is reported', async () => {
    const dir = legacyDesk();
    openCore(dir).close();
    const head = readHeadFile(dir)!;
    writeHeadFile(dir, { seq: head.seq, hash: head.hash, at: head.at });
    const core = openCore(dir);
    expect(readHeadFile(dir)?.signature).toBeUndefined();
    expect((await core.check()).problems).toEqual([expect.stringMatching(/The audit head \(entry 3\) is not signed/)]);
  });
});

describe('anchors', () => {
  it('prove the desk still holds the anchored history, after further writes too', async () => {
    const core = openCore(copyDesk(desk));
    const anchor = await core.invoke('audit.anchor', { as: desk.ids.admin });
    expect(anchor.line).toMatch(/^casefile-anchor\.1\.[0-9a-f]{4}(-[0-9a-f]{4}){3}\.\d+\.\d{8}T\d{9}Z\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{86}$/);
    expect(anchor.line.length).toBeLessThan(200);
    expect(anchor.fingerprint).toBe(core.state.key.fingerprint);
    await core.invoke('cases.create', { as: desk.ids.admin, title: 'Later' });
    const report = await core.check({ anchor: anchor.line });
    expect(report.ok).toBe(true);
    expect(report.anchor).toEqual({ ok: true, message: expect.stringMatching(new RegExp(`audit entry ${anchor.seq} .* has the anchored hash, and the chain from it to entry ${anchor.seq + 1} is intact and signed by the desk key ${anchor.fingerprint}`)) });
    // A line wrapped on paper and typed back in still reads.
    const wrapped = anchor.line.replace(/(.{60})/g, '$1\n  ');
    expect((await core.check({ anchor: wrapped })).anchor?.ok).toBe(true);
  });

  it('say exactly why not: another desk, an altered line, a cut trail, a rewritten history, a malformed line', async () => {
    const dir = copyDesk(desk);
    const core = openCore(dir);
    const { line, seq } = await core.invoke('audit.anchor', { as: desk.ids.admin });
    const other = await makeDesk();
    const foreign = (await other.core.invoke('audit.anchor', { as: other.admin.id })).line;
    const why = async (l: string) => (await core.check({ anchor: l })).anchor?.message;
    expect(await why(foreign)).toMatch(/The anchor was made by the desk key .*; this desk's key is .*\. It is another desk, or this desk's key file was replaced\./);
    const parts = line.split('.');
    parts[5] = `${parts[5]!.slice(0, -2)}${parts[5]!.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(await why(parts.join('.'))).toMatch(/The anchor's signature does not verify with this desk's key .*: the line was altered/);
    expect(await why('casefile-anchor.1.zzzz')).toMatch(/This is not a Casefile anchor line/);
    expect(await why(line.replace(`.${seq}.`, '.x.'))).toMatch(/entry number "x" is not a number/);
    core.close();

    // The history rewritten with the desk's own key (possible on a desk not protected at rest):
    // the desk checks clean, its anchor does not.
    withSqlite(dir, (db) => {
      db.prepare('UPDATE statements SET original_text = ? WHERE id = ?').run('لم يقل هذا', desk.ids.statement);
      rewriteImage(db, 'statements', desk.ids.statement, 'original_text', 'لم يقل هذا');
      rehashChain(db);
    }, { dropGuards: true });
    const key = openCore(copyDesk(desk)).state.key;
    const last = withSqlite(dir, (db) => db.prepare('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string; at: string });
    writeHeadFile(dir, { ...last, fingerprint: key.fingerprint, signature: key.sign(`casefile audit head\n${last.seq}\n${last.hash}\n${last.at}`).toString('base64') });
    const rewritten = openCore(dir);
    const report = await rewritten.check({ anchor: line });
    expect(report.problems.filter((p) => /^(Audit trail|Records against)/.test(p))).toEqual([]);
    expect(report.problems).toContainEqual(expect.stringMatching(new RegExp(`^Anchor: Audit entry ${seq} is not the one anchored .*: the history up to it was rewritten\\.`)));

    // Entries cut off below the anchored one.
    const cut = copyDesk(desk);
    withSqlite(cut, (db) => {
      db.prepare('DELETE FROM audit_rows WHERE seq > ?').run(seq - 2);
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(seq - 2);
    }, { dropGuards: true });
    expect((await openCore(cut).check({ anchor: line })).problems).toContain(
      `Anchor: The anchor names audit entry ${seq}, but this desk's trail ends at entry ${seq - 2}: entries were cut off (or this is an older copy of the desk).`,
    );
  });

  it('are refused while the chain is broken', async () => {
    const dir = copyDesk(desk);
    withSqlite(dir, (db) => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 4").run(), { dropGuards: true });
    const err = await refused(openCore(dir).invoke('audit.anchor', { as: desk.ids.admin }), 'failed');
    expect(err.message).toMatch(/cannot be anchored while it is broken: Audit entry 4 was altered/);
  });

  it('through the command line: audit anchor prints the line, check --anchor proves it (exit 0) or says why not (exit 1)', async () => {
    const dir = copyDesk(desk);
    const made = await cf(['audit', 'anchor', '--data', dir, '--as', 'DA']);
    expect(made.code).toBe(0);
    const line = made.stdout.trim();
    expect(line).toMatch(/^casefile-anchor\.1\./);
    expect(made.stderr).toMatch(/signed by the desk key [0-9a-f-]{19}\. Keep the line outside this computer; check it with: casefile check --anchor LINE/);
    const ok = await cf(['check', '--anchor', line, '--data', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Anchor: The desk still holds the anchored history/m);
    expect(ok.stdout).toMatch(/^Desk key: [0-9a-f-]{19} \(not protected at rest\)\.$/m);
    expect(ok.stdout).toMatch(/^Note: This desk is not protected at rest/m);
    const bad = await cf(['check', '--anchor', `${line.slice(0, -3)}AAA`, '--data', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/- Anchor: The anchor's signature does not verify/);
  });
});

describe('the replay', () => {
  it('reports its progress page by page up to the total, and stops when asked', async () => {
    const core = openCore(copyDesk(desk));
    const seen: [number, number][] = [];
    const r = await replayTrail(core.db, { pageSize: 7, onProgress: (done, total) => seen.push([done, total]) });
    expect(r.differences).toEqual([]);
    const total = seen[0]![1];
    expect(seen.every(([, t]) => t === total)).toBe(true);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
    expect(seen.at(-1)![0]).toBe(total);
    expect(r.records).toBe(total);
    expect(seen.length).toBeGreaterThan(total / 7);

    const stop = new AbortController();
    const stopped = replayTrail(core.db, { pageSize: 3, onProgress: (done) => { if (done >= 6) stop.abort(new Error('stopped by the user')); }, signal: stop.signal });
    await expect(stopped).rejects.toThrow('stopped by the user');
  });
});
