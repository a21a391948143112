import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, canonicalJson, entryHash, GENESIS, readChainHead, rowToEntry } from '../../electron/core/audit/chain';
import { HEAD_FILE, readHeadFile, signHead, writeHeadFile, writeSignedHead } from '../../electron/core/audit/head';
import { verifyAudit } from '../../electron/core/audit/verify';
import { migrate } from '../../electron/core/db/migrate';
import { createDeskKey } from '../../electron/core/keys';

const base = {
  seq: 1, at: '2023-11-01T10:00:00.000Z', actorId: '01900000-0000-7000-8000-000000000001', action: 'case.create',
  recordType: 'case', recordId: '01900000-0000-7000-8000-000000000002',
  changes: { title: [null, 'Al-Nujaba'] as [unknown, unknown], tags: [null, ['Iraq', 'العراق']] as [unknown, unknown] },
  prevHash: GENESIS,
};

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 2], c: null } })).toBe('{"a":{"c":null,"d":[3,1,2]},"b":1}');
    expect(canonicalJson({ z: 1, a: 2 })).toBe(canonicalJson({ a: 2, z: 1 }));
    expect(canonicalJson([{ b: 1, a: 2 }])).toBe('[{"a":2,"b":1}]');
  });

  it('keeps text exactly (no normalisation of Arabic or bidi controls)', () => {
    const s = 'ا\u0654 \u202Eقال\u202C ـ';
    expect(JSON.parse(canonicalJson({ s })).s).toBe(s);
  });
});

describe('entryHash', () => {
  it('is a SHA-256 hex digest that ignores key order', () => {
    const h = entryHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...base, changes: { tags: base.changes.tags, title: base.changes.title } })).toBe(h);
    expect(entryHash(base)).toBe(h);
  });

  it('changes when any hashed field changes', () => {
    const h = entryHash(base);
    const variants = [
      { ...base, seq: 2 }, { ...base, at: '2023-11-01T10:00:00.001Z' }, { ...base, actorId: null }, { ...base, action: 'case.update' },
      { ...base, recordType: 'actor' }, { ...base, recordId: 'x' }, { ...base, prevHash: 'f'.repeat(64) },
      { ...base, changes: { ...base.changes, title: [null, 'Al-Nujaba '] as [unknown, unknown] } },
    ];
    for (const v of variants) expect(entryHash(v)).not.toBe(h);
  });
});

describe('rowToEntry', () => {
  it('maps a row to an entry and parses the changes', () => {
    const e = rowToEntry({
      seq: 3, at: 'a', actor_id: null, action: 'x', record_type: 'case', record_id: 'r', changes: '{"f":[1,2]}', prev_hash: 'p', hash: 'h',
    });
    expect(e).toEqual({ seq: 3, at: 'a', actorId: null, action: 'x', recordType: 'case', recordId: 'r', changes: { f: [1, 2] }, prevHash: 'p', hash: 'h' });
  });
});

describe('the chain on a database', () => {
  const dirs: string[] = [];
  const dbs: Database.Database[] = [];
  afterEach(() => {
    for (const d of dbs.splice(0)) d.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  function setup() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-'));
    dirs.push(dir);
    const db = new Database(path.join(dir, 'a.sqlite'));
    dbs.push(db);
    migrate(db);
    const key = createDeskKey(dir, { deskName: 'Test', protection: { method: 'none' } });
    return { dir, db, key };
  }
  const image = (i: number) => ({ tbl: 'cases', pk: 'r', op: 'update' as const, data: JSON.stringify({ summary: String(i + 1) }) });
  // As in the Core, each entry in the transaction it describes (its images come first).
  const append = (db: Database.Database, n: number) => {
    for (let i = 0; i < n; i++) {
      db.transaction(() => appendAudit(db, {
        actorId: null, action: 'case.update', recordType: 'case', recordId: 'r', changes: { summary: [i, i + 1] }, at: `2023-11-01T10:00:0${i}.000Z`,
      }, [image(i)]))();
    }
  };
  const attack = (db: Database.Database) => db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_rows_no_update');

  it('links each entry to the previous one, starting from GENESIS, and binds its row images into its hash', () => {
    const { db } = setup();
    expect(readChainHead(db)).toEqual({ seq: 0, hash: GENESIS, at: null });
    append(db, 3);
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as (Parameters<typeof rowToEntry>[0] & { format: number })[];
    const entries = rows.map(rowToEntry);
    expect(rows.map((r) => r.format)).toEqual([2, 2, 2]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    // Without its images an entry does not hash to what it was written with.
    for (const e of entries) {
      const { hash, ...rest } = e;
      expect(entryHash(rest)).not.toBe(hash);
    }
    expect(db.prepare('SELECT seq, n, tbl, pk, op, data FROM audit_rows ORDER BY seq').all()).toEqual(
      [0, 1, 2].map((i) => ({ seq: i + 1, n: 1, ...image(i) })),
    );
    expect(readChainHead(db)).toEqual({ seq: 3, hash: entries[2]!.hash, at: '2023-11-01T10:00:02.000Z' });
    expect(verifyAudit(db, null)).toEqual({ ok: true, entries: 3, firstBroken: null });
  });

  it('keeps entries written before row images valid, hashed as they were written', () => {
    const { db } = setup();
    const legacy = { ...base, changes: { title: [null, 'T'] as [unknown, unknown] } };
    db.prepare('INSERT INTO audit_log (seq, at, actor_id, action, record_type, record_id, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(1, legacy.at, legacy.actorId, legacy.action, legacy.recordType, legacy.recordId, canonicalJson(legacy.changes), GENESIS, entryHash(legacy));
    append(db, 1);
    expect(verifyAudit(db, null)).toEqual({ ok: true, entries: 2, firstBroken: null });
  });

  it('verify names an unreadable entry', () => {
    const { db } = setup();
    append(db, 2);
    attack(db);
    db.exec("UPDATE audit_log SET changes = '{not json' WHERE seq = 2");
    const v = verifyAudit(db, null);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ seq: 2, message: expect.stringMatching(/unreadable/) });
  });

  it('verify names an entry whose hash was recomputed but whose successor was not', () => {
    const { db } = setup();
    append(db, 3);
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Parameters<typeof rowToEntry>[0];
    const e = rowToEntry(row);
    const forged = { ...e, changes: { summary: [0, 99] as [unknown, unknown] } };
    const { hash: _h, ...rest } = forged;
    attack(db);
    db.prepare('UPDATE audit_log SET changes = ?, hash = ? WHERE seq = 2').run(canonicalJson(forged.changes), entryHash(rest));
    const v = verifyAudit(db, null);
    expect(v.firstBroken?.seq).toBe(2);
    expect(v.firstBroken?.message).toMatch(/entry 2 was altered/);
  });

  it('verify names a row image edited, or added to an entry afterwards', () => {
    const { db } = setup();
    append(db, 3);
    attack(db);
    db.prepare("UPDATE audit_rows SET data = ? WHERE seq = 2").run(JSON.stringify({ summary: 'forged' }));
    expect(verifyAudit(db, null).firstBroken).toEqual({ seq: 2, message: expect.stringMatching(/entry 2 was altered .* row images/) });

    const other = setup();
    append(other.db, 2);
    other.db.pragma('foreign_keys = OFF');
    other.db.prepare("INSERT INTO audit_rows (seq, n, tbl, pk, op, data) VALUES (0, 1, 'cases', 'r', 'update', '{}')").run();
    expect(verifyAudit(other.db, null).firstBroken).toEqual({ seq: 0, message: expect.stringMatching(/row images for entry 0, which does not exist/) });
    // Images past the end: the entries were cut off and their images left behind.
    other.db.exec('DROP TRIGGER audit_rows_no_delete; DELETE FROM audit_rows WHERE seq = 0');
    other.db.prepare("INSERT INTO audit_rows (seq, n, tbl, pk, op, data) VALUES (7, 1, 'cases', 'r', 'update', '{}')").run();
    expect(verifyAudit(other.db, null).firstBroken).toEqual({ seq: 3, message: 'The audit log ends at entry 2, but row images of entry 7 remain: the tail was cut off.' });
  });

  it('the head file: written signed and 0600, read back; garbage or absence reads as null', () => {
    const { dir, db, key } = setup();
    expect(readHeadFile(dir)).toBeNull();
    append(db, 2);
    writeSignedHead(dir, key, readChainHead(db));
    expect(readHeadFile(dir)).toEqual({ ...readChainHead(db), fingerprint: key.fingerprint, signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) });
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, HEAD_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(verifyAudit(db, dir).ok).toBe(true);

    fs.writeFileSync(path.join(dir, HEAD_FILE), '{"seq":"2"}');
    expect(readHeadFile(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, HEAD_FILE), 'not json');
    expect(readHeadFile(dir)).toBeNull();
    expect(verifyAudit(db, dir).firstBroken?.message).toMatch(/head file/);
  });

  it('verify with a head file ahead of the log reports a cut tail; a head naming a different hash reports a rewrite', () => {
    const { dir, db, key } = setup();
    append(db, 3);
    writeHeadFile(dir, signHead(key, { seq: 5, hash: 'a'.repeat(64), at: null }));
    expect(verifyAudit(db, dir).firstBroken).toEqual({ seq: 4, message: expect.stringMatching(/tail was cut off/) });
    writeHeadFile(dir, signHead(key, { seq: 2, hash: 'a'.repeat(64), at: null }));
    expect(verifyAudit(db, dir).firstBroken).toEqual({ seq: 2, message: expect.stringMatching(/rewritten/) });
    // A head behind the log (a crash before the head write) is not an error by itself.
    const two = db.prepare('SELECT hash, at FROM audit_log WHERE seq = 2').get() as { hash: string; at: string };
    writeSignedHead(dir, key, { seq: 2, ...two });
    expect(verifyAudit(db, dir).ok).toBe(true);
  });

  it('verify names a head that is unsigned, signed by another key, or whose signature does not verify', () => {
    const { dir, db, key } = setup();
    append(db, 3);
    const last = readChainHead(db);
    writeHeadFile(dir, { seq: last.seq, hash: last.hash });
    expect(verifyAudit(db, dir).firstBroken?.message).toMatch(/entry 3\) is not signed/);

    const stranger = createDeskKey(fs.mkdtempSync(path.join(os.tmpdir(), 'cf-')), { deskName: 'Other', protection: { method: 'none' } });
    writeHeadFile(dir, signHead(stranger, last));
    expect(verifyAudit(db, dir).firstBroken?.message).toContain(`names the desk key ${stranger.fingerprint}, but this desk's key is ${key.fingerprint}`);

    writeHeadFile(dir, { ...signHead(stranger, last), fingerprint: key.fingerprint });
    expect(verifyAudit(db, dir).firstBroken?.message).toMatch(/signature \(entry 3\) does not verify with this desk's key/);
  });
});
