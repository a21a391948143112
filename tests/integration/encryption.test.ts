// Encryption at rest through the Core: a desk created with a passphrase (or with a key sealed by
// the OS) keeps its database in the SQLCipher format and its attachments sealed; it opens only
// with its passphrase or key, a wrong one changes nothing, and a plain desk can be encrypted in
// place. The crash-at-every-step proof of that migration is in encrypt-crash.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { createCore } from '../../electron/core/index';
import { CoreError } from '../../electron/core/errors';
import { isPlainDatabase, pragmaValue } from '../../electron/core/db/open';
import { exportJson, importJson } from '../../electron/core/io/json';
import { encryptDesk, type EncryptProgress } from '../../electron/core/desk/encrypt';
import { deskStatus } from '../../electron/core/desk/unlock';
import { changePassphrase, newMasterKey, readDeskKeyFile, type Protection } from '../../electron/core/keys';
import { makeDesk, openCore, tempDir, useCleanup } from './helpers';

useCleanup();

// Cheap scrypt: these tests are about what is encrypted, not about the cost of guessing.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const PASS = 'correct horse battery staple';
const withPassphrase = (passphrase = PASS) => ({ method: 'passphrase', passphrase, scrypt: FAST }) satisfies Protection;

const ORIGINAL = 'قررت المقاومة الإسلامية في العراق تحرير العراق عسكريا #سري_للغاية';
const EVIDENCE = Buffer.from(`screenshot bytes that must never be readable on disk ${'x'.repeat(70_000)}`);

/** Every file under `dir`: relative path -> SHA-256 and mode, to prove that nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(e.parentPath, e.name);
    const st = fs.statSync(full);
    out[path.relative(dir, full)] = e.isFile() ? `${createHash('sha256').update(fs.readFileSync(full)).digest('hex')} ${st.mode} ${st.mtimeMs}` : `dir ${st.mode}`;
  }
  return out;
}

/** All bytes of the database files and the attachments, as one buffer to search for plaintext. */
function everythingOnDisk(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name !== 'desk-key.json') parts.push(fs.readFileSync(path.join(e.parentPath, e.name)));
  }
  return Buffer.concat(parts);
}

async function fillDesk(opts: Parameters<typeof makeDesk>[0] = {}, dir?: string) {
  const d = await makeDesk(opts, dir);
  const c = await d.core.invoke('cases.create', { as: d.admin.id, title: 'Operation Sealed Ledger' });
  const st = await d.core.invoke('statements.create', { as: d.admin.id, caseIds: [c.id], originalText: ORIGINAL, language: 'ar', summary: 'A statement that must stay private' });
  const att = await d.core.invoke('attachments.add', { as: d.admin.id, ownerType: 'statement', ownerId: st.id, fileName: 'shot.txt', data: new Uint8Array(EVIDENCE) });
  return { ...d, caseId: c.id, statementId: st.id, attachment: att };
}

function refusal(fn: () => unknown): CoreError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('expected a refusal');
}

describe('a desk encrypted from the start', () => {
  it('keeps nothing readable on disk: SQLCipher database, sealed attachments', async () => {
    const d = await fillDesk({ create: withPassphrase() });
    expect(d.core.encrypted).toBe(true);
    const file = path.join(d.dir, 'casefile.sqlite');
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    const disk = everythingOnDisk(d.dir);
    for (const secret of [ORIGINAL, 'Operation Sealed Ledger', 'A statement that must stay private', 'Dana Admin']) {
      expect(disk.includes(Buffer.from(secret)), `"${secret}" is readable on disk`).toBe(false);
    }
    expect(disk.includes(EVIDENCE.subarray(0, 40))).toBe(false);
    // Another program with SQLite in hand sees no database.
    const outsider = new Database(file, { readonly: true });
    expect(() => outsider.prepare('SELECT count(*) FROM statements').get()).toThrow(/not a database/);
    outsider.close();
    expect((await d.core.check()).notes.join('\n')).not.toMatch(/not protected at rest/);
  });

  it('opens again with its passphrase, with every pragma of an open database after the key', async () => {
    const d = await fillDesk({ create: withPassphrase() });
    d.core.close();
    const core = openCore(d.dir, { unlock: { passphrase: PASS } });
    expect(pragmaValue(core.db, 'synchronous')).toBe(2); // FULL, also after a reopen
    expect(pragmaValue(core.db, 'journal_mode')).toBe('wal');
    expect(pragmaValue(core.db, 'foreign_keys')).toBe(1);
    expect(pragmaValue(core.db, 'trusted_schema')).toBe(0);
    expect(pragmaValue(core.db, 'busy_timeout')).toBe(5000);
    expect(pragmaValue(core.db, 'temp_store')).toBe(2); // MEMORY: SQLite's temporary files are never encrypted
    expect(pragmaValue(core.db, 'cipher')).toBe('sqlcipher');
    const st = await core.invoke('statements.get', { as: d.admin.id, id: d.statementId });
    expect(st.originalText).toBe(ORIGINAL);
    const read = await core.invoke('attachments.read', { as: d.admin.id, id: d.attachment.id, maxBytes: 1 << 20 });
    expect(Buffer.from(read.data).equals(EVIDENCE)).toBe(true);
    const search = await core.invoke('search.query', { as: d.admin.id, q: 'تحرير' });
    expect(search.hits.map((h) => h.id)).toContain(d.statementId);
    const report = await core.check();
    expect(report.problems).toEqual([]);
  });

  it('refuses a wrong passphrase, or none, and writes nothing', async () => {
    const d = await fillDesk({ create: withPassphrase() });
    d.core.close();
    const before = snapshot(d.dir);
    const wrong = refusal(() => createCore({ dataDir: d.dir, unlock: { passphrase: 'correct horse battery stapler' } }));
    expect(wrong.message).toBe('The passphrase does not unlock this desk. Nothing was changed.');
    expect(wrong.body.code).toBe('forbidden');
    expect(refusal(() => createCore({ dataDir: d.dir })).message).toMatch(/This desk is protected: unlock it with its passphrase/);
    expect(snapshot(d.dir)).toEqual(before);
  });

  it('opens with a master key sealed by the OS key store, and refuses another key', async () => {
    const masterKey = newMasterKey();
    const d = await fillDesk({ create: { method: 'os', masterKey, sealed: Buffer.from('sealed by the OS').toString('base64') } });
    expect(readDeskKeyFile(d.dir)?.wraps).toEqual([{ method: 'os', sealed: Buffer.from('sealed by the OS').toString('base64') }]);
    // The master key itself is written nowhere.
    expect(everythingOnDisk(d.dir).includes(masterKey)).toBe(false);
    expect(fs.readFileSync(path.join(d.dir, 'desk-key.json'), 'utf8')).not.toContain(masterKey.toString('base64'));
    d.core.close();
    const core = openCore(d.dir, { unlock: { masterKey } });
    expect((await core.invoke('statements.get', { as: d.admin.id, id: d.statementId })).originalText).toBe(ORIGINAL);
    core.close();
    expect(refusal(() => createCore({ dataDir: d.dir, unlock: { masterKey: randomBytes(32) } })).message).toMatch(/Nothing was changed/);
    expect(refusal(() => createCore({ dataDir: d.dir, unlock: { passphrase: PASS } })).message).toMatch(/not unlocked with a passphrase/);
  });

  it('changes its passphrase without re-encrypting anything: the old one stops working', async () => {
    const d = await fillDesk({ create: withPassphrase() });
    d.core.close();
    const db = fs.readFileSync(path.join(d.dir, 'casefile.sqlite'));
    expect(refusal(() => changePassphrase(d.dir, { passphrase: 'not it' }, { method: 'passphrase', passphrase: 'a new passphrase', scrypt: FAST })).message)
      .toBe('The passphrase does not unlock this desk. Nothing was changed.');
    changePassphrase(d.dir, { passphrase: PASS }, { method: 'passphrase', passphrase: 'a new passphrase', scrypt: FAST });
    expect(fs.readFileSync(path.join(d.dir, 'casefile.sqlite')).equals(db)).toBe(true);
    expect(refusal(() => createCore({ dataDir: d.dir, unlock: { passphrase: PASS } })).message).toMatch(/does not unlock/);
    const core = openCore(d.dir, { unlock: { passphrase: 'a new passphrase' } });
    expect((await core.invoke('statements.get', { as: d.admin.id, id: d.statementId })).originalText).toBe(ORIGINAL);
  });

  it('refuses a plain database put in place of the encrypted one, and an encrypted one without its key file', async () => {
    const d = await fillDesk({ create: withPassphrase() });
    d.core.close();
    const plain = await makeDesk();
    plain.core.close();
    const file = path.join(d.dir, 'casefile.sqlite');
    const sealed = fs.readFileSync(file);
    for (const f of ['casefile.sqlite-wal', 'casefile.sqlite-shm']) fs.rmSync(path.join(d.dir, f), { force: true });
    fs.copyFileSync(path.join(plain.dir, 'casefile.sqlite'), file);
    expect(refusal(() => createCore({ dataDir: d.dir, unlock: { passphrase: PASS } })).message).toMatch(/is not encrypted: the database was replaced/);

    fs.writeFileSync(file, sealed);
    fs.rmSync(path.join(d.dir, 'desk-key.json'));
    expect(refusal(() => createCore({ dataDir: d.dir })).message).toMatch(/or it is an encrypted desk whose key file \(desk-key.json\) is missing: then restore desk-key.json from a backup/);
    expect(fs.existsSync(path.join(d.dir, 'desk-key.json'))).toBe(false);
  });
});

describe('importing into an encrypted desk', () => {
  it('reads the document into a staging database encrypted with the desk\'s key, never a plain copy beside it', async () => {
    const source = await fillDesk({ create: withPassphrase() });
    const doc = exportJson(source.core);
    const target = openCore(tempDir(), { create: withPassphrase('another passphrase') });
    let staged: { plain: boolean | null; holdsOriginal: boolean }[] = [];
    importJson(target, doc, {
      // The staging database is whole here, just before it is copied into the desk.
      afterStaging: () => {
        staged = fs.readdirSync(target.dataDir).filter((f) => /^\.import-.*\.sqlite$/.test(f)).map((f) => path.join(target.dataDir, f))
          .map((f) => ({ plain: isPlainDatabase(f), holdsOriginal: fs.readFileSync(f).includes(Buffer.from(ORIGINAL)) }));
      },
    });
    expect(staged).toEqual([{ plain: false, holdsOriginal: false }]);
    // And the records arrived, readable through the Core only.
    expect((await target.invoke('statements.get', { as: source.admin.id, id: source.statementId })).originalText).toBe(ORIGINAL);
    expect(everythingOnDisk(target.dataDir).includes(Buffer.from(ORIGINAL))).toBe(false);
    expect(fs.readdirSync(target.dataDir).filter((f) => f.startsWith('.import-'))).toEqual([]);
  });
});

describe('a plain desk', () => {
  it('is stored in the clear, and check says it is not protected at rest', async () => {
    const d = await fillDesk();
    expect(d.core.encrypted).toBe(false);
    expect(fs.readFileSync(path.join(d.dir, 'casefile.sqlite')).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const report = await d.core.check();
    expect(report.ok).toBe(true);
    expect(report.notes).toContain('This desk is not protected at rest: its database and attachments are not encrypted. Encrypt it with "casefile encrypt" (or from the app).');
    expect(refusal(() => changePassphrase(d.dir, {}  as never, { method: 'passphrase', passphrase: 'long enough passphrase', scrypt: FAST })).message).toMatch(/not encrypted, so it has no passphrase/);
  });
});

describe('encrypting a plain desk in place', () => {
  it('encrypts the database and every attachment, keeps every record, the audit chain and the desk\'s signing key', async () => {
    const d = await fillDesk();
    const orphanBytes = Buffer.from('a stored file no record uses');
    const orphan = await d.core.state.store.put(orphanBytes);
    const before = {
      statement: await d.core.invoke('statements.get', { as: d.admin.id, id: d.statementId }),
      audit: await d.core.invoke('audit.verify', { as: d.admin.id }),
    };
    d.core.close();
    const keyBefore = readDeskKeyFile(d.dir);
    expect(keyBefore?.wraps.map((w) => w.method)).toEqual(['none']);

    const seen: EncryptProgress[] = [];
    const result = await encryptDesk(d.dir, { protection: withPassphrase(), onProgress: (p) => seen.push({ ...p }) });
    expect(result.attachments).toBe(2);
    expect(result.bytes).toBe(EVIDENCE.length + orphanBytes.length);
    expect(result.rows).toBeGreaterThan(10);

    // The progress went through every phase in order, each ending complete.
    const phases = seen.map((p) => p.phase).filter((p, i, all) => all[i - 1] !== p);
    expect(phases).toEqual(['copy', 'encrypt', 'verify', 'attachments', 'swap']);
    for (const phase of phases) {
      const last = seen.filter((p) => p.phase === phase).at(-1) as EncryptProgress;
      expect(last.done, phase).toBe(last.total);
    }
    expect(seen.every((p) => p.done <= p.total)).toBe(true);

    expect(fs.readdirSync(d.dir).sort()).toEqual(['attachments', 'audit-head.json', 'casefile.sqlite', 'desk-key.json']);
    expect(deskStatus(d.dir)).toMatchObject({ exists: true, encrypted: true, unlock: ['passphrase'] });
    const keyAfter = readDeskKeyFile(d.dir);
    expect(keyAfter?.publicKey).toBe(keyBefore?.publicKey);
    expect(keyAfter?.deskId).toBe(keyBefore?.deskId);
    const disk = everythingOnDisk(d.dir);
    expect(disk.includes(Buffer.from(ORIGINAL))).toBe(false);
    expect(disk.includes(EVIDENCE.subarray(0, 40))).toBe(false);
    expect(disk.includes(orphanBytes)).toBe(false);

    expect(refusal(() => createCore({ dataDir: d.dir })).message).toMatch(/This desk is protected/);
    const core = openCore(d.dir, { unlock: { passphrase: PASS } });
    expect(core.encrypted).toBe(true);
    expect(await core.invoke('statements.get', { as: d.admin.id, id: d.statementId })).toEqual(before.statement);
    expect(await core.invoke('audit.verify', { as: d.admin.id })).toEqual(before.audit);
    const read = await core.invoke('attachments.read', { as: d.admin.id, id: d.attachment.id, maxBytes: 1 << 20 });
    expect(Buffer.from(read.data).equals(EVIDENCE)).toBe(true);
    expect(Buffer.from(await core.state.store.readAll(orphan.sha256)).equals(orphanBytes)).toBe(true);
    const report = await core.check();
    expect(report.problems).toEqual([]);
    expect(report.notes.join('\n')).not.toMatch(/not protected at rest/);
    // It keeps working: a new write after the swap.
    await core.invoke('cases.create', { as: d.admin.id, title: 'After encryption' });
    expect((await core.check()).ok).toBe(true);
  });

  it('refuses while the desk is open elsewhere, and leaves it as it was', async () => {
    const d = await fillDesk();
    const before = snapshot(d.dir);
    await expect(encryptDesk(d.dir, { protection: withPassphrase() })).rejects.toThrow('This desk is open in another Casefile (the app or a command): close it, then encrypt. Nothing was changed.');
    expect(Object.keys(snapshot(d.dir)).sort()).toEqual(Object.keys(before).sort());
    d.core.close();
    expect(readDeskKeyFile(d.dir)?.wraps.map((w) => w.method)).toEqual(['none']);
    expect(openCore(d.dir).encrypted).toBe(false);
  });

  it('refuses a desk with a damaged attachment, naming it, and leaves the desk plain', async () => {
    const d = await fillDesk();
    d.core.close();
    const stored = path.join(d.dir, 'attachments', d.attachment.sha256.slice(0, 2), d.attachment.sha256);
    fs.chmodSync(stored, 0o644);
    fs.appendFileSync(stored, 'tampered');
    await expect(encryptDesk(d.dir, { protection: withPassphrase() })).rejects.toThrow(`Attachment ${d.attachment.sha256} is damaged`);
    expect(fs.readdirSync(d.dir).filter((f) => f.includes('encrypting'))).toEqual([]);
    expect(deskStatus(d.dir)).toMatchObject({ encrypted: false, unlock: ['none'] });
    const core = openCore(d.dir);
    expect(core.encrypted).toBe(false);
    expect((await core.invoke('statements.get', { as: d.admin.id, id: d.statementId })).originalText).toBe(ORIGINAL);
  });

  it('refuses an encrypted desk, and a folder with no desk', async () => {
    const d = await fillDesk({ create: withPassphrase() });
    d.core.close();
    await expect(encryptDesk(d.dir, { protection: withPassphrase(), unlock: { passphrase: PASS } })).rejects.toThrow('This desk is already encrypted. Nothing was changed.');
    await expect(encryptDesk(tempDir(), { protection: withPassphrase() })).rejects.toThrow(/There is no desk in/);
  });
});

describe('a passphrase chosen for a desk', () => {
  it('is refused when shorter than 8 characters, wherever it is set, and nothing is written', async () => {
    const dir = tempDir();
    expect(refusal(() => createCore({ dataDir: dir, create: withPassphrase('short') })).message).toBe('passphrase: A passphrase needs at least 8 characters.');
    expect(fs.readdirSync(dir)).toEqual([]);
    const d = await fillDesk({ create: withPassphrase() });
    d.core.close();
    expect(refusal(() => changePassphrase(d.dir, { passphrase: PASS }, withPassphrase('1234567'))).body.field).toBe('passphrase');
    const plain = await fillDesk();
    plain.core.close();
    await expect(encryptDesk(plain.dir, { protection: withPassphrase('كلمة') })).rejects.toThrow('A passphrase needs at least 8 characters.');
    // Counted in characters as they read, not in bytes: eight Arabic letters are enough.
    const arabic = openCore(tempDir(), { create: withPassphrase('كلمةسرية') });
    expect(arabic.encrypted).toBe(true);
  });
});
