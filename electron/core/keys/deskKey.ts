// The desk key file (desk-key.json, 0600, in the data folder): the desk's identity and its
// master key, wrapped. It holds nothing secret on a protected desk: the public key and the
// fingerprint are public, the master key is only there encrypted (wrap.ts).
import fs from 'node:fs';
import path from 'node:path';
import type crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { CoreError } from '../errors';
import { writePrivateFileAtomic } from '../privateFiles';
import {
  deriveKey, fingerprintOf, MASTER_KEY_BYTES, newMasterKey, publicKeyOf, sign, signingKeyFrom, type KeyPurpose,
} from './derive';
import {
  unwrapWithPassphrase, Wrap, wrapNone, wrapWithPassphrase, type ScryptParams, type Unlock, type WrapMethod,
} from './wrap';

export const DESK_KEY_FILE = 'desk-key.json';
export const DESK_KEY_FORMAT = 'casefile-desk-key';

export const DeskKeyFile = z.strictObject({
  format: z.literal(DESK_KEY_FORMAT),
  version: z.literal(1),
  deskId: z.uuid(),
  deskName: z.string().max(200),
  /** Raw Ed25519 public key, base64. */
  publicKey: z.string().refine((k) => Buffer.from(k, 'base64').length === 32, 'must be a 32-byte Ed25519 public key in base64'),
  /** The master key, wrapped once per way of unlocking the desk. */
  wraps: z.array(Wrap).min(1),
});
export type DeskKeyFile = z.infer<typeof DeskKeyFile>;

/** An unlocked desk key: what the Core signs with and derives its keys from. */
export interface DeskKey {
  readonly deskId: string;
  readonly deskName: string;
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly fingerprint: string;
  /** How this desk can be unlocked ('none': not protected at rest). */
  readonly methods: WrapMethod[];
  /** The desk master key: every other key derives from it. Never written anywhere in plain text on a protected desk. */
  readonly masterKey: Buffer;
  derive(purpose: KeyPurpose): Buffer;
  /** Ed25519 signature with the desk signing key. */
  sign(message: string | Buffer): Buffer;
}

/**
 * How a new desk key is protected. 'os': main made the master key and sealed it with the OS key
 * store (the Core never sees Electron); it hands both, and only the sealed bytes are written.
 */
export type Protection =
  | { method: 'none' }
  | { method: 'passphrase'; passphrase: string; scrypt?: ScryptParams }
  | { method: 'os'; masterKey: Buffer; sealed: string };

/** The wrap that keeps `masterKey` the way `p` says. */
export function wrapFor(p: Protection, masterKey: Buffer, deskId: string): Wrap {
  if (p.method === 'none') return wrapNone(masterKey);
  if (p.method === 'os') {
    if (!p.masterKey.equals(masterKey)) throw new Error('the sealed key is not this desk\'s master key');
    return { method: 'os', sealed: p.sealed };
  }
  return wrapWithPassphrase(masterKey, deskId, p.passphrase, p.scrypt);
}

export function deskKeyPath(dataDir: string): string {
  return path.join(dataDir, DESK_KEY_FILE);
}

/** The key file as it is on disk (null when there is none); a damaged one is refused with what is wrong. */
export function readDeskKeyFile(dataDir: string): DeskKeyFile | null {
  let text: string;
  try {
    text = fs.readFileSync(deskKeyPath(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CoreError('failed', `${DESK_KEY_FILE} in ${dataDir} is damaged (it is not JSON). Restore it from a backup; nothing was changed.`);
  }
  const parsed = DeskKeyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CoreError('failed', `${DESK_KEY_FILE} in ${dataDir} is damaged (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'unreadable'}). Restore it from a backup; nothing was changed.`);
  }
  return parsed.data;
}

export function writeDeskKeyFile(dataDir: string, file: DeskKeyFile): void {
  writePrivateFileAtomic(deskKeyPath(dataDir), `${JSON.stringify(DeskKeyFile.parse(file), null, 2)}\n`);
}

function unlocked(file: DeskKeyFile, masterKey: Buffer): DeskKey {
  const signingKey: crypto.KeyObject = signingKeyFrom(masterKey);
  const publicKey = publicKeyOf(signingKey);
  // A key file whose public key was swapped for another cannot pass: the key that unlocks the
  // desk decides what its public key is.
  if (publicKey !== file.publicKey) {
    throw new CoreError(
      'failed',
      `${DESK_KEY_FILE} does not belong together: its public key (fingerprint ${fingerprintOf(file.publicKey)}) is not the key its master key makes (fingerprint ${fingerprintOf(publicKey)}). The file was altered; restore it from a backup. Nothing was changed.`,
    );
  }
  return {
    deskId: file.deskId, deskName: file.deskName, publicKey, fingerprint: fingerprintOf(publicKey),
    methods: file.wraps.map((w) => w.method), masterKey,
    derive: (purpose) => deriveKey(masterKey, purpose),
    sign: (message) => sign(signingKey, message),
  };
}

/** Makes the desk key of a new desk and writes desk-key.json; refuses when the folder has one. */
export function createDeskKey(dataDir: string, opts: { deskName: string; protection: Protection }): DeskKey {
  if (fs.existsSync(deskKeyPath(dataDir))) throw new CoreError('failed', `${dataDir} already has a desk key (${DESK_KEY_FILE}); nothing was changed.`);
  const p = opts.protection;
  const masterKey = p.method === 'os' ? p.masterKey : newMasterKey();
  const deskId = uuidv7();
  const wrap = wrapFor(p, masterKey, deskId);
  const file: DeskKeyFile = {
    format: DESK_KEY_FORMAT, version: 1, deskId, deskName: opts.deskName, publicKey: publicKeyOf(signingKeyFrom(masterKey)), wraps: [wrap],
  };
  writeDeskKeyFile(dataDir, file);
  return unlocked(file, masterKey);
}

/**
 * Unlocks the desk key: a desk created unprotected opens without a secret; otherwise with its
 * passphrase, or with the master key main unsealed from the OS key store. A wrong passphrase
 * changes nothing and says so.
 */
export function unlockDeskKey(dataDir: string, unlock?: Unlock): DeskKey {
  const file = readDeskKeyFile(dataDir);
  if (!file) throw new CoreError('failed', `${dataDir} has no desk key (${DESK_KEY_FILE} is missing). Restore it from a backup; nothing was changed.`);
  const none = file.wraps.find((w) => w.method === 'none');
  if (none) return unlocked(file, Buffer.from(none.masterKey, 'base64'));
  if (!unlock) {
    throw new CoreError('forbidden', 'This desk is protected: unlock it with its passphrase (or from the app). Nothing was changed.');
  }
  if ('masterKey' in unlock) {
    if (unlock.masterKey.length !== MASTER_KEY_BYTES) throw new CoreError('forbidden', 'The key given does not unlock this desk. Nothing was changed.');
    return unlocked(file, unlock.masterKey);
  }
  const wraps = file.wraps.filter((w) => w.method === 'passphrase');
  if (wraps.length === 0) throw new CoreError('forbidden', 'This desk is not unlocked with a passphrase: open it from the app. Nothing was changed.');
  for (const w of wraps) {
    const masterKey = unwrapWithPassphrase(w, file.deskId, unlock.passphrase);
    if (masterKey) return unlocked(file, masterKey);
  }
  throw new CoreError('forbidden', 'The passphrase does not unlock this desk. Nothing was changed.');
}
