// What a data folder is, and how it opens: a new desk, a plain one (not protected at rest), or
// an encrypted one that needs its passphrase or its OS-sealed key. The desk key (keys/) decides:
// a desk whose master key is wrapped 'none' is plain; any other wrap means the database and the
// attachments are encrypted with keys derived from the master key.
import path from 'node:path';
import { newPassphraseProblem } from '../../../shared/domain';
import { CoreError } from '../errors';
import { notCasefileDatabase } from '../db/failures';
import { isPlainDatabase, openDb } from '../db/open';
import { DB_FILE } from '../paths';
import { refuseLostDeskKey } from '../openDesk';
import {
  createDeskKey, DESK_KEY_FILE, readDeskKeyFile, unlockDeskKey, type DeskKey, type Protection, type Unlock, type WrapMethod,
} from '../keys';

export { DB_FILE };
export const DEFAULT_DESK_NAME = 'Casefile desk';

/** What anyone may learn about a data folder without a secret (main uses it to choose a screen). */
export interface DeskStatus {
  /** A database is there. */
  exists: boolean;
  /** The database (and so the attachments) is encrypted at rest. */
  encrypted: boolean;
  /** How the desk key unlocks: ['none'] for a plain desk, [] when there is no key yet (new, or from before desk keys). */
  unlock: WrapMethod[];
  deskName: string | null;
  /** An interrupted `encrypt` left its work behind: the next open finishes or undoes it. */
  interruptedEncryption: boolean;
}

export interface DeskOptions {
  /** A passphrase, or the master key main unsealed from the OS key store; omitted for a plain desk. */
  unlock?: Unlock;
  /** For a data folder with no desk yet: how its key is protected. Default: not protected (a plain desk). */
  create?: Protection;
  deskName?: string;
}

export interface UnlockedDesk {
  key: DeskKey;
  encrypted: boolean;
  /** SQLCipher key of the database, null when it is plain. */
  dbKey: Buffer | null;
  /** Key of the attachment cipher, null when attachments are plain. */
  attachmentKey: Buffer | null;
}

/** Refuses a passphrase too weak to protect a desk (the same rule the app and the CLI show). */
export function checkNewProtection(p: Protection): void {
  if (p.method !== 'passphrase') return;
  const problem = newPassphraseProblem(p.passphrase);
  if (problem) throw CoreError.invalid('passphrase', problem);
}

export function deskStatus(dataDir: string, interruptedEncryption = false): DeskStatus {
  const plain = isPlainDatabase(path.join(dataDir, DB_FILE));
  const file = readDeskKeyFile(dataDir);
  const unlock = file ? [...new Set(file.wraps.map((w) => w.method))] : [];
  return {
    exists: plain !== null,
    encrypted: plain === false || (plain === null && unlock.length > 0 && !unlock.includes('none')),
    unlock,
    deskName: file?.deskName ?? null,
    interruptedEncryption,
  };
}

/**
 * Unlocks (or, for a new folder, creates) the desk key and says how the database and the
 * attachments open. Writes nothing unless the folder has no desk key yet; a wrong passphrase
 * is refused before anything is touched.
 */
export function unlockDesk(dataDir: string, opts: DeskOptions = {}): UnlockedDesk {
  const plain = isPlainDatabase(path.join(dataDir, DB_FILE));
  let key: DeskKey;
  if (readDeskKeyFile(dataDir) === null) {
    const file = path.join(dataDir, DB_FILE);
    if (plain === false) {
      // Random bytes and an encrypted desk look the same without a key.
      throw notCasefileDatabase(file, `is not a SQLite database (or its first page is destroyed), or it is an encrypted desk whose key file (${DESK_KEY_FILE}) is missing: then restore ${DESK_KEY_FILE} from a backup`);
    }
    // A plain database from before desk keys: make sure it is a Casefile desk before a key file
    // is written beside it (another application's database is refused as it is).
    if (plain) openDb(file, { readonly: true }).close();
    // A desk whose trail was signed has lost its key file: a new key would hide that.
    refuseLostDeskKey(dataDir, file);
    // A new desk gets the protection asked for; a desk from before desk keys stays plain
    // (`casefile encrypt` encrypts it).
    const protection: Protection = plain === null ? (opts.create ?? { method: 'none' }) : { method: 'none' };
    checkNewProtection(protection);
    key = createDeskKey(dataDir, { deskName: opts.deskName ?? DEFAULT_DESK_NAME, protection });
  } else {
    key = unlockDeskKey(dataDir, opts.unlock);
  }
  const protectedKey = !key.methods.includes('none');
  const encrypted = plain === null ? protectedKey : !plain;
  if (protectedKey && !encrypted) {
    // A protected desk never has a plain database: encrypt swaps the key file in only with the
    // encrypted database. A plain one here was put there by someone.
    throw new CoreError('failed', `This desk is protected, but ${DB_FILE} is not encrypted: the database was replaced by another file. Restore it from a backup; nothing was changed.`);
  }
  return {
    key,
    encrypted,
    dbKey: encrypted ? key.derive('database') : null,
    attachmentKey: encrypted ? key.derive('attachments') : null,
  };
}
