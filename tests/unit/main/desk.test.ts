// main's desk gate over a real Core host (a Node child process, as the harness runs it), with a
// stand-in for the OS key store: what the first-run, unlock and encrypt screens can do, what a
// restart finds, and that the host's job worker opens the same desk with the same key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskGate, type DeskGateHandle, type OsKeyStore } from '../../../electron/main/desk';
import type { CoreClient } from '../../../electron/core/host/client';
import { startNodeHost } from '../../../electron/core/host/nodeHost';
import { CoreError } from '../../../electron/core/errors';
import { readDeskKeyFile } from '../../../electron/core/keys';
import type { EncryptProgress } from '../../../shared/domain';

const dirs: string[] = [];
const gates: DeskGateHandle<CoreClient>[] = [];
afterEach(async () => {
  for (const g of gates.splice(0)) await g.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-gate-'));
  dirs.push(d);
  return d;
}

let sealings = 0;

/** Seals by reversing behind a numbered prefix: enough to show the master key is never stored as is. */
function fakeKeyStore(over: Partial<OsKeyStore> & { rotate?: boolean } = {}): OsKeyStore & { sealed: string[] } {
  const sealed: string[] = [];
  return {
    sealed,
    available: async () => true,
    seal: async (text) => {
      sealed.push(text);
      sealings += 1;
      return Buffer.from(`sealed:${sealings}:${[...text].reverse().join('')}`);
    },
    unseal: async (b) => {
      const m = /^sealed:\d+:(.*)$/s.exec(b.toString());
      if (!m) throw new Error('not sealed by this key store');
      return { result: [...(m[1] as string)].reverse().join(''), shouldReEncrypt: over.rotate === true };
    },
    ...over,
  };
}

async function gateOn(dataDir: string, keyStore: OsKeyStore = fakeKeyStore(), progress?: (p: EncryptProgress) => void): Promise<DeskGateHandle<CoreClient>> {
  const g = createDeskGate({
    dataDir, keyStore, onProgress: progress,
    startCore: (open, onEncryptProgress) => startNodeHost({ dataDir, ...open }, { onEncryptProgress }),
  });
  gates.push(g);
  await g.start();
  return g;
}

async function refusal(p: Promise<unknown>): Promise<CoreError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('expected a refusal');
}

const PASS = 'gate passphrase';
// Main unlocks with the real scrypt parameters (about a third of a second each, more on a busy machine).
const SCRYPT_TIME = { timeout: 60_000 };

describe('the desk gate in main', { timeout: 60_000 }, () => {
  it('a new folder asks; a passphrase desk is locked at the next start and opens only with its passphrase', SCRYPT_TIME, async () => {
    const dir = tempDir();
    let g = await gateOn(dir);
    expect(await g.gate()).toEqual({ state: 'new', encrypted: false, unlock: [], osUnlockAvailable: true, problem: null });
    expect((await refusal(Promise.resolve().then(() => g.core()))).message).toBe('The desk is locked: unlock it first.');
    expect((await g.create({ method: 'passphrase', passphrase: PASS })).state).toBe('open');
    await g.core().invoke('profiles.create', { as: null, name: 'Dana', initials: 'DA', roles: ['analyst'] });
    expect((await refusal(g.create({ method: 'passphrase', passphrase: PASS }))).message).toBe('This data folder already has a desk.');
    await g.close();

    g = await gateOn(dir);
    expect(await g.gate()).toEqual({ state: 'locked', encrypted: true, unlock: ['passphrase'], osUnlockAvailable: true, problem: null });
    const before = fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]);
    expect((await refusal(g.unlock({ passphrase: 'not the passphrase' }))).message).toBe('The passphrase does not unlock this desk. Nothing was changed.');
    expect(fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs])).toEqual(before);
    expect((await g.gate()).state).toBe('locked');
    expect((await g.unlock({ passphrase: PASS })).state).toBe('open');
    const profiles = await g.core().invoke('profiles.list', {});
    expect(profiles.map((p) => p.name)).toEqual(['Dana']);
    // A long operation runs in the host's job worker, on a connection of its own: it opened the
    // encrypted desk with the key the host unlocked (the passphrase went only to the host).
    expect(await g.core().invoke('desk.check', { as: profiles[0]!.id })).toMatchObject({ ok: true, problems: [] });
  });

  it('"unlock with my login": the master key is sealed by the OS key store and the desk opens by itself', async () => {
    const dir = tempDir();
    const store = fakeKeyStore();
    let g = await gateOn(dir, store);
    expect(await g.create({ method: 'os' })).toMatchObject({ state: 'open', encrypted: true });
    const key = readDeskKeyFile(dir)!;
    expect(key.wraps).toHaveLength(1);
    expect(key.wraps[0]!.method).toBe('os');
    // What was sealed is the master key; the file holds only the sealed form.
    expect(store.sealed).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, 'desk-key.json'), 'utf8')).not.toContain(store.sealed[0]);
    await g.close();

    g = await gateOn(dir, store);
    expect(await g.gate()).toMatchObject({ state: 'open', encrypted: true });
    const me = await g.core().invoke('profiles.create', { as: null, name: 'Dana', initials: 'DA', roles: ['admin', 'analyst'] });
    expect(await g.core().invoke('desk.check', { as: me.id })).toMatchObject({ ok: true, problems: [] });
    await g.close();

    // The key store refuses (another user, a reset keychain): locked, and the screen says why.
    g = await gateOn(dir, fakeKeyStore({ unseal: async () => { throw new Error('the keychain item is gone'); } }));
    expect(await g.gate()).toEqual({
      state: 'locked', encrypted: true, unlock: ['os'], osUnlockAvailable: true,
      problem: 'Your login could not unlock this desk: the keychain item is gone',
    });
  });

  it('seals the master key again when the key store rotated its own key', async () => {
    const dir = tempDir();
    let g = await gateOn(dir);
    await g.create({ method: 'os' });
    await g.close();
    const before = readDeskKeyFile(dir)!.wraps;
    g = await gateOn(dir, fakeKeyStore({ rotate: true }));
    expect((await g.gate()).state).toBe('open');
    const after = readDeskKeyFile(dir)!;
    expect(after.wraps.map((w) => w.method)).toEqual(['os']);
    expect(after.wraps).not.toEqual(before);
    await g.close();
    g = await gateOn(dir);
    expect((await g.gate()).state).toBe('open');
  });

  it('does not offer the login where the key store would protect nothing', async () => {
    const dir = tempDir();
    const g = await gateOn(dir, fakeKeyStore({ available: async () => false }));
    expect((await g.gate()).osUnlockAvailable).toBe(false);
    expect((await refusal(g.create({ method: 'os' }))).message).toMatch(/not available on this computer/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('encrypts an open plain desk in place, reporting progress, and keeps it open', SCRYPT_TIME, async () => {
    const dir = tempDir();
    const { createCore } = await import('../../../electron/core/index');
    const plain = createCore({ dataDir: dir });
    const p = await plain.invoke('profiles.create', { as: null, name: 'Dana', initials: 'DA', roles: ['analyst', 'case_manager'] });
    await plain.invoke('cases.create', { as: p.id, title: 'Kept through encryption' });
    plain.close();

    const seen: EncryptProgress[] = [];
    let g = await gateOn(dir, fakeKeyStore(), (x) => seen.push(x));
    expect(await g.gate()).toMatchObject({ state: 'open', encrypted: false });
    expect(await g.encrypt({ method: 'passphrase', passphrase: PASS })).toMatchObject({ state: 'open', encrypted: true });
    expect(seen.at(-1)).toEqual({ phase: 'swap', done: 1, total: 1 });
    expect((await g.core().invoke('cases.list', { as: p.id })).items.map((c) => c.title)).toEqual(['Kept through encryption']);
    expect((await refusal(g.encrypt({ method: 'passphrase', passphrase: PASS }))).message).toBe('This desk is already encrypted.');
    await g.close();
    g = await gateOn(dir);
    expect((await g.gate()).state).toBe('locked');
    expect((await g.unlock({ passphrase: PASS })).encrypted).toBe(true);
  });

  it('refuses a malformed request, and a weak passphrase, writing nothing', async () => {
    const dir = tempDir();
    const g = await gateOn(dir);
    await expect(g.create({ method: 'passphrase' })).rejects.toThrow();
    await expect(g.create({ method: 'passphrase', passphrase: PASS, extra: 1 })).rejects.toThrow();
    expect((await refusal(g.create({ method: 'passphrase', passphrase: 'short' }))).message).toBe('passphrase: A passphrase needs at least 8 characters.');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await g.gate()).state).toBe('new');
  });
});
