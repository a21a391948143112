import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendAudit, canonicalJson, entryHash, GENESIS, HEAD_FILE, readChainHead, readHeadFile, rowToEntry, verifyAudit, writeHeadFile,
} from '../../electron/core/audit/chain';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';

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
    migrate(db, migrations.slice(0, 1));
    return { dir, db };
  }
  const append = (db: Database.Database, n: number) => {
    for (let i = 0; i < n; i++) appendAudit(db, { actorId: null, action: 'case.update', recordType: 'case', recordId: 'r', changes: { summary: [i, i + 1] }, at: `2023-11-01T10:00:0${i}.000Z` });
  };

  it('links each entry to the previous one, starting from GENESIS', () => {
    const { db } = setup();
    expect(readChainHead(db)).toEqual({ seq: 0, hash: GENESIS });
    append(db, 3);
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Parameters<typeof rowToEntry>[0][];
    const entries = rows.map(rowToEntry);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    for (const e of entries) {
      const { hash, ...rest } = e;
      expect(entryHash(rest)).toBe(hash);
    }
    expect(readChainHead(db)).toEqual({ seq: 3, hash: entries[2]!.hash });
    expect(verifyAudit(db, null)).toEqual({ ok: true, entries: 3, firstBroken: null });
  });

  it('verify names an unreadable entry', () => {
    const { db } = setup();
    append(db, 2);
    db.exec("DROP TRIGGER audit_no_update; UPDATE audit_log SET changes = '{not json' WHERE seq = 2");
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
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare('UPDATE audit_log SET changes = ?, hash = ? WHERE seq = 2').run(canonicalJson(forged.changes), entryHash(rest));
    const v = verifyAudit(db, null);
    expect(v.firstBroken?.seq).toBe(3);
    expect(v.firstBroken?.message).toMatch(/does not follow entry 2/);
  });

  it('the head file: written atomically, read back, garbage or absence reads as null', () => {
    const { dir, db } = setup();
    expect(readHeadFile(dir)).toBeNull();
    append(db, 2);
    writeHeadFile(dir, readChainHead(db));
    expect(readHeadFile(dir)).toEqual(readChainHead(db));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(verifyAudit(db, dir).ok).toBe(true);

    fs.writeFileSync(path.join(dir, HEAD_FILE), '{"seq":"2"}');
    expect(readHeadFile(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, HEAD_FILE), 'not json');
    expect(readHeadFile(dir)).toBeNull();
    expect(verifyAudit(db, dir).firstBroken?.message).toMatch(/head file/);
  });

  it('verify with a head file ahead of the log reports a cut tail; a head naming a different hash reports a rewrite', () => {
    const { dir, db } = setup();
    append(db, 3);
    writeHeadFile(dir, { seq: 5, hash: 'a'.repeat(64) });
    expect(verifyAudit(db, dir).firstBroken).toEqual({ seq: 4, message: expect.stringMatching(/tail was cut off/) });
    writeHeadFile(dir, { seq: 2, hash: 'a'.repeat(64) });
    expect(verifyAudit(db, dir).firstBroken).toEqual({ seq: 2, message: expect.stringMatching(/rewritten/) });
    // A head behind the log (a crash before the head write) is not an error by itself.
    const two = db.prepare('SELECT hash FROM audit_log WHERE seq = 2').pluck().get() as string;
    writeHeadFile(dir, { seq: 2, hash: two });
    expect(verifyAudit(db, dir).ok).toBe(true);
  });
});
