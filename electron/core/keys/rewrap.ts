// Changing how a desk unlocks without changing its key: the master key stays the same (so the
// database key, the attachment key and the signing key stay the same, and nothing has to be
// re-encrypted or re-signed); only its wraps in desk-key.json are replaced.
import { newPassphraseProblem } from '../../../shared/domain';
import { CoreError } from '../errors';
import { readDeskKeyFile, unlockDeskKey, wrapFor, writeDeskKeyFile, type DeskKey, type DeskKeyFile, type Protection } from './deskKey';
import { newMasterKey } from './derive';
import type { Unlock } from './wrap';

/** A fresh random master key, for main to seal with the OS key store before a desk is created with it. */
export { newMasterKey };

/** The key file of `key`'s desk with the master key wrapped by exactly `protections`. */
export function rewrapped(file: DeskKeyFile, key: DeskKey, protections: Protection[]): DeskKeyFile {
  if (file.deskId !== key.deskId || file.publicKey !== key.publicKey) throw new Error('rewrapped: the key file is not this desk\'s');
  if (protections.length === 0) throw new Error('rewrapped: a desk needs at least one way to unlock');
  if (protections.some((p) => p.method === 'none') && protections.length > 1) {
    throw new Error('rewrapped: a plain desk key cannot also be protected');
  }
  return { ...file, wraps: protections.map((p) => wrapFor(p, key.masterKey, key.deskId)) };
}

/**
 * Replaces the passphrase of a protected desk (other ways to unlock it stay). Unlocks with
 * `current` first: a wrong passphrase changes nothing. desk-key.json is replaced atomically.
 */
export function changePassphrase(dataDir: string, current: Unlock, next: Extract<Protection, { method: 'passphrase' }>): DeskKey {
  const problem = newPassphraseProblem(next.passphrase);
  if (problem) throw CoreError.invalid('passphrase', problem);
  const file = readDeskKeyFile(dataDir);
  if (!file) throw new CoreError('failed', `${dataDir} has no desk key: there is no desk here. Nothing was changed.`);
  if (file.wraps.some((w) => w.method === 'none')) {
    throw new CoreError('failed', 'This desk is not encrypted, so it has no passphrase: encrypt it first ("casefile encrypt"). Nothing was changed.');
  }
  const key = unlockDeskKey(dataDir, current);
  const keep = file.wraps.filter((w) => w.method !== 'passphrase');
  const updated: DeskKeyFile = { ...file, wraps: [...keep, wrapFor(next, key.masterKey, key.deskId)] };
  writeDeskKeyFile(dataDir, updated);
  return key;
}

/**
 * Replaces the OS-sealed copy of the master key (the OS key store rotated its key and asked for
 * the master key to be sealed again). Only for the key it unlocked.
 */
export function replaceOsSeal(dataDir: string, key: DeskKey, sealed: string): void {
  const file = readDeskKeyFile(dataDir);
  if (!file || file.deskId !== key.deskId || !file.wraps.some((w) => w.method === 'os')) return;
  const wraps = file.wraps.map((w) => (w.method === 'os' ? wrapFor({ method: 'os', masterKey: key.masterKey, sealed }, key.masterKey, key.deskId) : w));
  writeDeskKeyFile(dataDir, { ...file, wraps });
}
