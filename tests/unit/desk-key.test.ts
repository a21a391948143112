import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../electron/core/errors';
import {
  createDeskKey, deriveKey, DESK_KEY_FILE, ed25519FromSeed, fingerprintOf, publicKeyOf, readDeskKeyFile, unlockDeskKey,
  verifySignature, writeDeskKeyFile, type Protection,
} from '../../electron/core/keys';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-key-'));
  dirs.push(d);
  return d;
}

// Cheap scrypt parameters: the tests are about the wrapping, not about the cost of guessing.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const withPassphrase = (passphrase: string): Protection => ({ method: 'passphrase', passphrase, scrypt: FAST });

function refusal(fn: () => unknown): CoreError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('expected a refusal');
}

describe('derivations from the desk master key', () => {
  it('builds Ed25519 from a seed exactly as RFC 8032 says (test vector 1)', () => {
    const key = ed25519FromSeed(Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex'));
    expect(Buffer.from(publicKeyOf(key), 'base64').toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  });

  it('gives one independent key per purpose, the same every time', () => {
    const dmk = Buffer.alloc(32, 7);
    const keys = (['database', 'attachments', 'signing'] as const).map((p) => deriveKey(dmk, p).toString('hex'));
    expect(new Set(keys).size).toBe(3);
    expect(deriveKey(Buffer.alloc(32, 7), 'database').toString('hex')).toBe(keys[0]);
    expect(deriveKey(Buffer.alloc(32, 8), 'database').toString('hex')).not.toBe(keys[0]);
    expect(() => deriveKey(Buffer.alloc(16), 'database')).toThrow(/32 bytes/);
  });

  it('names a public key by a short grouped fingerprint', () => {
    const fp = fingerprintOf(Buffer.alloc(32, 1).toString('base64'));
    expect(fp).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(fingerprintOf(Buffer.alloc(32, 2).toString('base64'))).not.toBe(fp);
  });
});

describe('a plain desk key (wrap "none")', () => {
  it('is written 0600 whatever the umask, and unlocks without a secret to the same key', () => {
    const dir = tempDir();
    const old = process.umask(0);
    let created;
    try {
      created = createDeskKey(dir, { deskName: 'Desk', protection: { method: 'none' } });
    } finally {
      process.umask(old);
    }
    const file = path.join(dir, DESK_KEY_FILE);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = readDeskKeyFile(dir);
    expect(stored).toMatchObject({ format: 'casefile-desk-key', version: 1, deskName: 'Desk', publicKey: created.publicKey });
    expect(stored?.wraps.map((w) => w.method)).toEqual(['none']);
    expect(stored?.deskId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fs.readdirSync(dir)).toEqual([DESK_KEY_FILE]);

    const again = unlockDeskKey(dir);
    expect(again.publicKey).toBe(created.publicKey);
    expect(again.fingerprint).toBe(fingerprintOf(created.publicKey));
    expect(again.methods).toEqual(['none']);
    expect(again.masterKey.equals(created.masterKey)).toBe(true);
  });

  it('signs what only its public key verifies', () => {
    const a = createDeskKey(tempDir(), { deskName: 'A', protection: { method: 'none' } });
    const b = createDeskKey(tempDir(), { deskName: 'B', protection: { method: 'none' } });
    const sig = a.sign('seq 12 hash abc');
    expect(sig).toHaveLength(64);
    expect(verifySignature(a.publicKey, 'seq 12 hash abc', sig)).toBe(true);
    expect(verifySignature(a.publicKey, 'seq 12 hash abd', sig)).toBe(false);
    expect(verifySignature(b.publicKey, 'seq 12 hash abc', sig)).toBe(false);
    expect(verifySignature('not a key', 'seq 12 hash abc', sig)).toBe(false);
  });

  it('is never replaced by creating another over it', () => {
    const dir = tempDir();
    createDeskKey(dir, { deskName: 'A', protection: { method: 'none' } });
    const before = fs.readFileSync(path.join(dir, DESK_KEY_FILE), 'utf8');
    expect(refusal(() => createDeskKey(dir, { deskName: 'B', protection: { method: 'none' } })).message).toMatch(/already has a desk key/);
    expect(fs.readFileSync(path.join(dir, DESK_KEY_FILE), 'utf8')).toBe(before);
  });
});

describe('a passphrase-protected desk key', () => {
  it('keeps the master key only encrypted, and opens with the passphrase', () => {
    const dir = tempDir();
    const created = createDeskKey(dir, { deskName: 'Desk', protection: withPassphrase('correct horse') });
    const text = fs.readFileSync(path.join(dir, DESK_KEY_FILE), 'utf8');
    expect(text).not.toContain(created.masterKey.toString('base64'));
    expect(text).not.toContain(created.masterKey.toString('hex'));
    expect(readDeskKeyFile(dir)?.wraps[0]).toMatchObject({ method: 'passphrase', kdf: 'scrypt', N: FAST.N, r: 8, p: 1 });

    const opened = unlockDeskKey(dir, { passphrase: 'correct horse' });
    expect(opened.publicKey).toBe(created.publicKey);
    expect(opened.masterKey.equals(created.masterKey)).toBe(true);
    expect(unlockDeskKey(dir, { masterKey: created.masterKey }).publicKey).toBe(created.publicKey);
  });

  it('says a wrong passphrase does not unlock it, and changes nothing', () => {
    const dir = tempDir();
    createDeskKey(dir, { deskName: 'Desk', protection: withPassphrase('correct horse') });
    const before = fs.readFileSync(path.join(dir, DESK_KEY_FILE));
    const e = refusal(() => unlockDeskKey(dir, { passphrase: 'correct hose' }));
    expect(e.body).toMatchObject({ code: 'forbidden', message: 'The passphrase does not unlock this desk. Nothing was changed.' });
    expect(refusal(() => unlockDeskKey(dir)).body.code).toBe('forbidden');
    expect(refusal(() => unlockDeskKey(dir, { masterKey: Buffer.alloc(32, 1) })).message).toMatch(/public key .* is not the key/);
    expect(fs.readFileSync(path.join(dir, DESK_KEY_FILE)).equals(before)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([DESK_KEY_FILE]);
  });

  it('binds each wrap to its desk: a wrap copied into another desk file does not open it', () => {
    const a = tempDir();
    const b = tempDir();
    createDeskKey(a, { deskName: 'A', protection: withPassphrase('pw') });
    createDeskKey(b, { deskName: 'B', protection: withPassphrase('pw') });
    const fa = readDeskKeyFile(a)!;
    const fb = readDeskKeyFile(b)!;
    writeDeskKeyFile(b, { ...fb, publicKey: fa.publicKey, wraps: fa.wraps });
    expect(refusal(() => unlockDeskKey(b, { passphrase: 'pw' })).message).toBe('The passphrase does not unlock this desk. Nothing was changed.');
  });
});

describe('a tampered or damaged key file', () => {
  it('refuses a public key swapped for another, naming both fingerprints', () => {
    const dir = tempDir();
    const real = createDeskKey(dir, { deskName: 'Desk', protection: { method: 'none' } });
    const other = createDeskKey(tempDir(), { deskName: 'Other', protection: { method: 'none' } });
    writeDeskKeyFile(dir, { ...readDeskKeyFile(dir)!, publicKey: other.publicKey });
    const e = refusal(() => unlockDeskKey(dir));
    expect(e.message).toContain(other.fingerprint);
    expect(e.message).toContain(real.fingerprint);
    expect(e.message).toMatch(/was altered/);
  });

  it('names what is wrong with a damaged file, and a missing one', () => {
    const dir = tempDir();
    expect(readDeskKeyFile(dir)).toBeNull();
    expect(refusal(() => unlockDeskKey(dir)).message).toMatch(/desk-key\.json is missing/);
    fs.writeFileSync(path.join(dir, DESK_KEY_FILE), '{ not json');
    expect(refusal(() => readDeskKeyFile(dir)).message).toMatch(/damaged \(it is not JSON\)/);
    fs.writeFileSync(path.join(dir, DESK_KEY_FILE), JSON.stringify({ format: 'casefile-desk-key', version: 1, deskId: 'x' }));
    expect(refusal(() => readDeskKeyFile(dir)).message).toMatch(/damaged \(deskId: /);
  });
});
