// The head of the chain, kept in a small file beside the database (audit-head.json, 0600) and
// signed with the desk key after every commit. The log alone cannot show that entries were cut
// off its end (what is left is still a valid chain), nor that the whole chain was rewritten
// with every hash recomputed; a head only the desk key can sign shows both. Checking it needs
// only the public key in desk-key.json.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AuditProblem } from '../../../shared/domain';
import type { Db } from '../db/open';
import { DESK_KEY_FILE, fingerprintOf, readDeskKeyFile, verifySignature, type DeskKey } from '../keys';
import { writePrivateFileAtomic } from '../privateFiles';
import { entryAt, GENESIS, hasCurrentFormatEntries, readChainHead, walkChain, type ChainHead } from './chain';

export const HEAD_FILE = 'audit-head.json';

const HeadFileSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string(),
  at: z.string().nullable().optional(),
  fingerprint: z.string().optional(),
  /** Ed25519 signature of headMessage(), base64. Absent in heads written before desk keys. */
  signature: z.string().optional(),
});
export type HeadFile = z.infer<typeof HeadFileSchema>;

/** What the desk key signs: the entry number, its hash and its time. */
export function headMessage(h: { seq: number; hash: string; at?: string | null }): string {
  return `casefile audit head\n${h.seq}\n${h.hash}\n${h.at ?? ''}`;
}

export function signHead(key: DeskKey, head: ChainHead): HeadFile {
  return { seq: head.seq, hash: head.hash, at: head.at, fingerprint: key.fingerprint, signature: key.sign(headMessage(head)).toString('base64') };
}

/** Whether the head carries a signature the given public key verifies. */
export function headSignedBy(head: HeadFile | null, publicKey: string): boolean {
  return !!head?.signature && verifySignature(publicKey, headMessage(head), Buffer.from(head.signature, 'base64'));
}

/** Written to a temp file, fsynced, then renamed, so a crash leaves the old or the new head. */
export function writeHeadFile(dataDir: string, head: HeadFile): void {
  writePrivateFileAtomic(path.join(dataDir, HEAD_FILE), JSON.stringify(head));
}

export function writeSignedHead(dataDir: string, key: DeskKey, head: ChainHead): void {
  writeHeadFile(dataDir, signHead(key, head));
}

export function readHeadFile(dataDir: string): HeadFile | null {
  try {
    const parsed = HeadFileSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, HEAD_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether the log still holds the entry a head names, unchanged (seq 0: the empty log). */
export function headInLog(db: Db, head: HeadFile | null): boolean {
  if (!head) return false;
  return head.seq === 0 ? head.hash === GENESIS : entryAt(db, head.seq)?.hash === head.hash;
}

/** A head the desk may carry forward: still in the log and signed by this desk's key. */
export function headTrusted(db: Db, head: HeadFile | null, key: DeskKey): boolean {
  return headInLog(db, head) && headSignedBy(head, key.publicKey);
}

/**
 * A process killed between writing a temp file of the data folder (the head, the key file) and
 * renaming it leaves the temp file behind. Remove those of processes that are gone; another
 * live process may be mid-write.
 */
export function removeStaleTemps(dataDir: string): number {
  let removed = 0;
  const pattern = new RegExp(`^(?:${[HEAD_FILE, DESK_KEY_FILE].map((f) => f.replace('.', '\\.')).join('|')})\\.(\\d+)\\.tmp$`);
  for (const name of fs.readdirSync(dataDir)) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && isAlive(pid)) continue;
    try {
      fs.unlinkSync(path.join(dataDir, name));
      removed++;
    } catch {
      // Gone already: another process cleaned it up.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * At open: a crash between a commit and the head-file write leaves the file one step behind;
 * the head moves forward if it is trusted and the entries after it still chain from it. A head
 * that is ahead of the log (a cut tail), names a rewritten entry, is missing or does not carry
 * this desk's signature is left alone for `check` to report. The one exception is a desk an
 * earlier Casefile wrote (no entry of the current format yet): its unsigned head is signed as
 * it stands, once, when it still names an entry of the log.
 */
export function reconcileHeadFile(db: Db, dataDir: string, key: DeskKey): void {
  removeStaleTemps(dataDir);
  let head = readHeadFile(dataDir);
  const last = readChainHead(db);
  if (!head) {
    if (last.seq === 0) writeSignedHead(dataDir, key, last);
    return;
  }
  if (!headSignedBy(head, key.publicKey)) {
    if (head.signature || hasCurrentFormatEntries(db) || !headInLog(db, head)) return;
    const adopted: ChainHead = { seq: head.seq, hash: head.hash, at: head.seq === 0 ? null : (entryAt(db, head.seq)?.at ?? null) };
    writeSignedHead(dataDir, key, adopted);
    head = readHeadFile(dataDir);
  }
  if (!head || head.seq >= last.seq || !headInLog(db, head)) return;
  if (walkChain(db).firstBroken === null) writeSignedHead(dataDir, key, last);
}

/**
 * What is wrong with the head file given the log's last entry, or null. Checks that entries
 * were not cut off, that the head's entry is still the one that was written, and that the head
 * is signed by the key in desk-key.json.
 */
export function headProblem(db: Db, dataDir: string, lastSeq: number): AuditProblem | null {
  const head = readHeadFile(dataDir);
  if (!head) {
    return lastSeq > 0 ? { seq: null, message: `The audit head file (${HEAD_FILE}) is missing: the end of the log cannot be confirmed.` } : null;
  }
  if (head.seq > lastSeq) {
    return { seq: lastSeq + 1, message: `The audit log ends at entry ${lastSeq}, but entries up to ${head.seq} were written: the tail was cut off.` };
  }
  if (!headInLog(db, head)) {
    return { seq: head.seq, message: `Audit entry ${head.seq} differs from the one recorded when it was written: the log was rewritten.` };
  }
  let keyFile;
  try {
    keyFile = readDeskKeyFile(dataDir);
  } catch (err) {
    return { seq: null, message: (err as Error).message };
  }
  if (!keyFile) return { seq: null, message: `The desk key file (${DESK_KEY_FILE}) is missing: the audit head's signature cannot be checked.` };
  const fingerprint = fingerprintOf(keyFile.publicKey);
  if (!head.signature) {
    return { seq: head.seq, message: `The audit head (entry ${head.seq}) is not signed: it was written by someone without the desk key, so the end of the log cannot be confirmed.` };
  }
  if (head.fingerprint !== fingerprint) {
    return { seq: head.seq, message: `The audit head (entry ${head.seq}) names the desk key ${head.fingerprint ?? '(none)'}, but this desk's key is ${fingerprint}: it was not signed by this desk.` };
  }
  if (!headSignedBy(head, keyFile.publicKey)) {
    return { seq: head.seq, message: `The audit head's signature (entry ${head.seq}) does not verify with this desk's key ${fingerprint}: the log or the head file was rewritten by someone without the key.` };
  }
  return null;
}
