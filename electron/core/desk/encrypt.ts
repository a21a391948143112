// Encrypting a plain desk in place: copy, verify, swap, never two half-states.
//
// Everything new is built beside the old desk under names no one opens (`*.encrypting`) while
// the plain database is held under an exclusive lock (no other Casefile can read or write it
// meanwhile). Only when the copy is complete, verified and on disk is the commit marker written
// (atomically): before it, the desk is the old plain desk and leftovers are deleted on the next
// start; from it on, the desk is the new encrypted desk and the next start finishes the renames.
// Every step after the marker is idempotent, so a crash at any point leaves one desk or the other.
//
// The desk keeps its master key: its signing key and fingerprint (anchors already handed out)
// stay valid; only how the key is unlocked changes, from 'none' to the protection chosen.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AttachmentIntegrityError, createAttachmentStore } from '../attachments/store';
import { readChainHead } from '../audit/chain';
import { verifyAudit } from '../audit/verify';
import { applyKey, isPlainDatabase, type Db } from '../db/open';
import { CoreError } from '../errors';
import { DeskKeyFile, readDeskKeyFile, rewrapped, unlockDeskKey, type Protection, type Unlock, DESK_KEY_FILE } from '../keys';
import { fsyncDir, writePrivateFileAtomic } from '../privateFiles';
import type { EncryptProgress } from '../../../shared/domain';
import { DB_FILE, checkNewProtection, unlockDesk } from './unlock';

const ATTACHMENTS = 'attachments';
const NEW_DB = `${DB_FILE}.encrypting`;
const NEW_ATTACHMENTS = `${ATTACHMENTS}.encrypting`;
const OLD_ATTACHMENTS = `${ATTACHMENTS}.plain`;
const NEW_KEY = `${DESK_KEY_FILE}.encrypting`;
const COMMIT = 'encrypting.commit';

/** The steps, in order; a test stops the process after each to prove it recoverable. */
export const ENCRYPT_STEPS = [
  'locked', 'copied', 'encrypted', 'verified', 'first-attachment', 'attachments', 'key-written',
  'committed', 'db-swapped', 'attachments-set-aside', 'attachments-swapped', 'plain-attachments-removed', 'key-swapped', 'done',
] as const;
export type EncryptStep = (typeof ENCRYPT_STEPS)[number];

export type { EncryptProgress };

export interface EncryptOptions {
  /** How the encrypted desk will unlock. */
  protection: Exclude<Protection, { method: 'none' }>;
  /** Only for a desk whose key is already protected. */
  unlock?: Unlock;
  onProgress?(p: EncryptProgress): void;
  /** For tests: called after each step (a crash test kills the process there). */
  afterStep?(step: EncryptStep): void;
}

export interface EncryptResult {
  tables: number;
  rows: number;
  attachments: number;
  bytes: number;
}

const exists = (p: string) => fs.existsSync(p);

/** Leftovers of an encryption that had not committed: deleted on the next start. */
function uncommittedLeftovers(dataDir: string): string[] {
  return fs.readdirSync(dataDir).filter((f) => f.startsWith(NEW_DB) || f === NEW_ATTACHMENTS || f.startsWith(NEW_KEY) || f.startsWith(`${COMMIT}.`));
}

/** Whether an interrupted encryption left work behind (the next open finishes or undoes it). */
export function encryptionInterrupted(dataDir: string): boolean {
  return exists(path.join(dataDir, COMMIT)) || exists(path.join(dataDir, OLD_ATTACHMENTS)) || (exists(dataDir) && uncommittedLeftovers(dataDir).length > 0);
}

/** rename(), where another process finishing the same step first is not a failure. */
function renameIfThere(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Makes the committed encryption true on disk: each step looks at what is there, so running
 * it again after a crash anywhere inside it picks up where it stopped.
 */
function rollForward(dataDir: string, afterStep: (s: EncryptStep) => void): void {
  const at = (f: string) => path.join(dataDir, f);
  if (exists(at(NEW_DB))) {
    // A journal or WAL of the plain database must never meet the encrypted one.
    for (const suffix of ['-journal', '-wal', '-shm']) fs.rmSync(at(DB_FILE + suffix), { force: true });
    renameIfThere(at(NEW_DB), at(DB_FILE));
    fsyncDir(dataDir);
  }
  afterStep('db-swapped');
  if (exists(at(NEW_ATTACHMENTS))) {
    if (exists(at(ATTACHMENTS)) && !exists(at(OLD_ATTACHMENTS))) renameIfThere(at(ATTACHMENTS), at(OLD_ATTACHMENTS));
    fsyncDir(dataDir);
    afterStep('attachments-set-aside');
    if (!exists(at(ATTACHMENTS))) renameIfThere(at(NEW_ATTACHMENTS), at(ATTACHMENTS));
    fsyncDir(dataDir);
  }
  afterStep('attachments-swapped');
  fs.rmSync(at(OLD_ATTACHMENTS), { recursive: true, force: true });
  afterStep('plain-attachments-removed');
  if (exists(at(NEW_KEY))) {
    renameIfThere(at(NEW_KEY), at(DESK_KEY_FILE));
    fsyncDir(dataDir);
  }
  afterStep('key-swapped');
  fs.rmSync(at(COMMIT), { force: true });
  fsyncDir(dataDir);
}

/** Deletes what an uncommitted encryption built. Only when nobody holds the plain database. */
function rollBack(dataDir: string): void {
  const db = path.join(dataDir, DB_FILE);
  if (isPlainDatabase(db)) {
    // The encryption that built these may still be running: it holds the plain database
    // exclusively until it commits.
    const probe = new Database(db);
    try {
      probe.pragma('busy_timeout = 0');
      probe.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new CoreError('failed', 'Another Casefile is encrypting this desk right now: wait for it to finish, then open the desk again.');
      }
      throw err;
    } finally {
      probe.close();
    }
  }
  for (const f of uncommittedLeftovers(dataDir)) fs.rmSync(path.join(dataDir, f), { recursive: true, force: true });
  fsyncDir(dataDir);
}

/**
 * Run before a desk is opened: an encryption that committed is finished, one that had not is
 * undone. Returns what it did.
 */
export function finishInterruptedEncryption(dataDir: string): 'nothing' | 'finished' | 'rolled back' {
  if (!exists(dataDir)) return 'nothing';
  if (exists(path.join(dataDir, COMMIT))) {
    rollForward(dataDir, () => undefined);
    return 'finished';
  }
  if (uncommittedLeftovers(dataDir).length === 0) return 'nothing';
  rollBack(dataDir);
  return 'rolled back';
}

/** Takes the plain database for this process alone, or says who has it. */
function lockPlainDatabase(file: string): Db {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    // Exclusive locking mode keeps every lock it takes until close; leaving WAL for a rollback
    // journal checkpoints and removes the WAL and needs every other connection gone.
    db.pragma('locking_mode = EXCLUSIVE');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw Object.assign(new Error('journal mode'), { code: 'SQLITE_BUSY' });
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new CoreError('failed', 'This desk is open in another Casefile (the app or a command): close it, then encrypt. Nothing was changed.');
    }
    throw err;
  }
}

function tableCounts(db: Db): Map<string, number> {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return new Map(names.map((n) => [n, db.prepare(`SELECT count(*) FROM "${n.replace(/"/g, '""')}"`).pluck().get() as number]));
}

function schemaOf(db: Db): string {
  return JSON.stringify(db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all());
}

/** The copy must be the same database: schema, version, every table's rows, the audit chain. */
function verifyCopy(src: Db, copy: Db, dataDir: string): { tables: number; rows: number } {
  const fail = (what: string) => {
    throw new CoreError('failed', `The encrypted copy does not match the desk (${what}); the desk was left as it was.`);
  };
  const integrity = copy.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') fail(`integrity check: ${String(integrity)}`);
  if (copy.pragma('user_version', { simple: true }) !== src.pragma('user_version', { simple: true })) fail('schema version');
  if (schemaOf(copy) !== schemaOf(src)) fail('schema');
  const a = tableCounts(src);
  const b = tableCounts(copy);
  let rows = 0;
  for (const [name, n] of a) {
    if (b.get(name) !== n) fail(`rows of ${name}: ${n} in the desk, ${b.get(name) ?? 'none'} in the copy`);
    rows += n;
  }
  if (JSON.stringify(verifyAudit(copy, dataDir)) !== JSON.stringify(verifyAudit(src, dataDir))) fail('audit chain');
  if (JSON.stringify(readChainHead(copy)) !== JSON.stringify(readChainHead(src))) fail('audit head');
  return { tables: a.size, rows };
}

/**
 * Encrypts the plain desk in `dataDir` with the desk's own master key, and from then on it
 * unlocks the way `protection` says. Refuses, changing nothing, when the desk is open elsewhere,
 * already encrypted, or any attachment is damaged.
 */
export async function encryptDesk(dataDir: string, opts: EncryptOptions): Promise<EncryptResult> {
  const step = opts.afterStep ?? (() => undefined);
  const progress = opts.onProgress ?? (() => undefined);
  const at = (f: string) => path.join(dataDir, f);
  checkNewProtection(opts.protection);
  finishInterruptedEncryption(dataDir);
  const plain = isPlainDatabase(at(DB_FILE));
  if (plain === null) throw new CoreError('failed', `There is no desk in ${dataDir} to encrypt.`);
  if (!plain) throw new CoreError('failed', 'This desk is already encrypted. Nothing was changed.');
  // A desk from before desk keys gets its (plain) key here; a protected key is unlocked.
  const key = readDeskKeyFile(dataDir) ? unlockDeskKey(dataDir, opts.unlock) : unlockDesk(dataDir).key;
  const keyFile = readDeskKeyFile(dataDir) as DeskKeyFile;

  const src = lockPlainDatabase(at(DB_FILE));
  let committed = false;
  try {
    step('locked');
    let pages = 1;
    await src.backup(at(NEW_DB), {
      progress: ({ totalPages, remainingPages }) => {
        pages = totalPages;
        progress({ phase: 'copy', done: totalPages - remainingPages, total: totalPages });
        return 1024;
      },
    });
    progress({ phase: 'copy', done: pages, total: pages });
    step('copied');

    progress({ phase: 'encrypt', done: 0, total: 1 });
    const dbKey = key.derive('database');
    const target = new Database(at(NEW_DB), { fileMustExist: true });
    try {
      // Rekeying needs a rollback journal; the desk's own open turns WAL back on.
      target.pragma('journal_mode = DELETE');
      target.pragma("cipher = 'sqlcipher'");
      target.pragma('legacy = 4');
      target.rekey(Buffer.from(`x'${dbKey.toString('hex')}'`, 'latin1'));
    } finally {
      target.close();
    }
    progress({ phase: 'encrypt', done: 1, total: 1 });
    step('encrypted');

    progress({ phase: 'verify', done: 0, total: 1 });
    if (isPlainDatabase(at(NEW_DB)) !== false) throw new CoreError('failed', 'The copy was not encrypted; the desk was left as it was.');
    const copy = new Database(at(NEW_DB), { readonly: true, fileMustExist: true });
    let counted: { tables: number; rows: number };
    try {
      applyKey(copy, dbKey);
      counted = verifyCopy(src, copy, dataDir);
    } finally {
      copy.close();
    }
    progress({ phase: 'verify', done: 1, total: 1 });
    step('verified');

    fs.mkdirSync(at(NEW_ATTACHMENTS), { mode: 0o700 });
    const plainStore = createAttachmentStore(at(ATTACHMENTS), { maxBytes: Number.MAX_SAFE_INTEGER });
    const sealedStore = createAttachmentStore(at(NEW_ATTACHMENTS), { maxBytes: Number.MAX_SAFE_INTEGER, key: key.derive('attachments') });
    const hashes = plainStore.list();
    const sizes = hashes.map((h) => fs.statSync(plainStore.pathFor(h)).size);
    const total = sizes.reduce((x, y) => x + y, 0);
    let done = 0;
    progress({ phase: 'attachments', done, total });
    for (const [i, sha] of hashes.entries()) {
      try {
        const stored = await sealedStore.put(plainStore.read(sha));
        const check = await sealedStore.verify(sha);
        if (stored.sha256 !== sha || !check.ok) throw new CoreError('failed', `The encrypted copy of attachment ${sha} does not read back; the desk was left as it was.`);
      } catch (err) {
        if (err instanceof AttachmentIntegrityError) {
          throw new CoreError('failed', `Attachment ${sha} is damaged (${err.problem}): run "casefile check" and deal with it first. The desk was left as it was.`);
        }
        throw err;
      }
      done += sizes[i] ?? 0;
      progress({ phase: 'attachments', done, total });
      if (i === 0) step('first-attachment');
    }
    fs.rmSync(path.join(sealedStore.root, 'tmp'), { recursive: true, force: true });
    fsyncDir(at(NEW_ATTACHMENTS));
    step('attachments');

    const newKeyFile = DeskKeyFile.parse(rewrapped(keyFile, key, [opts.protection]));
    writePrivateFileAtomic(at(NEW_KEY), `${JSON.stringify(newKeyFile, null, 2)}\n`);
    step('key-written');

    progress({ phase: 'swap', done: 0, total: 1 });
    writePrivateFileAtomic(at(COMMIT), `${JSON.stringify({ encrypting: true, at: new Date().toISOString() })}\n`);
    committed = true;
    step('committed');
    // Nobody can have opened the plain database since the lock was taken; any Casefile that
    // starts from here on finishes the swap before it opens anything.
    src.close();
    rollForward(dataDir, step);
    progress({ phase: 'swap', done: 1, total: 1 });
    step('done');
    return { ...counted, attachments: hashes.length, bytes: total };
  } finally {
    if (src.open) src.close();
    if (!committed) {
      // A refusal or failure before the commit leaves only the old desk.
      for (const f of uncommittedLeftovers(dataDir)) fs.rmSync(at(f), { recursive: true, force: true });
    }
  }
}
