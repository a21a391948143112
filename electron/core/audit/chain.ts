import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open';
import type { AuditEntry, AuditVerification } from '../../../shared/domain';

export const GENESIS = '0'.repeat(64);
export const HEAD_FILE = 'audit-head.json';

/** JSON with keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const body = canonicalJson({
    seq: e.seq, at: e.at, actorId: e.actorId, action: e.action, recordType: e.recordType,
    recordId: e.recordId, changes: e.changes, prevHash: e.prevHash,
  });
  return crypto.createHash('sha256').update(body, 'utf8').digest('hex');
}

interface AuditRow {
  seq: number; at: string; actor_id: string | null; action: string; record_type: string; record_id: string;
  changes: string; prev_hash: string; hash: string;
}

export function rowToEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq, at: r.at, actorId: r.actor_id, action: r.action, recordType: r.record_type, recordId: r.record_id,
    changes: JSON.parse(r.changes) as AuditEntry['changes'], prevHash: r.prev_hash, hash: r.hash,
  };
}

export type Changes = Record<string, [unknown, unknown]>;
export interface AppendArgs { actorId: string | null; action: string; recordType: string; recordId: string; changes: Changes; at: string }

/** Appends one entry; must run inside the write transaction it describes. */
export function appendAudit(db: Db, a: AppendArgs): AuditEntry {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const base = {
    seq: (last?.seq ?? 0) + 1, at: a.at, actorId: a.actorId, action: a.action, recordType: a.recordType,
    recordId: a.recordId, changes: a.changes, prevHash: last?.hash ?? GENESIS,
  };
  const entry: AuditEntry = { ...base, hash: entryHash(base) };
  db.prepare(
    `INSERT INTO audit_log (seq, at, actor_id, action, record_type, record_id, changes, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.seq, entry.at, entry.actorId, entry.action, entry.recordType, entry.recordId, canonicalJson(entry.changes), entry.prevHash, entry.hash);
  return entry;
}

export interface ChainHead { seq: number; hash: string }

export function readChainHead(db: Db): ChainHead {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined;
  return last ?? { seq: 0, hash: GENESIS };
}

/**
 * The head is also kept in a small file beside the database, written after each commit, so
 * that cutting entries off the end of the log (which leaves a valid chain) is detected too.
 * Written to a temp file, fsynced, then renamed, so a crash leaves the old or the new head.
 */
export function writeHeadFile(dataDir: string, head: ChainHead): void {
  const file = path.join(dataDir, HEAD_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(head));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  // The rename is durable only once the folder entry is; Windows cannot open a folder for fsync.
  if (process.platform !== 'win32') {
    const dir = fs.openSync(dataDir, 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}

/**
 * A process killed between writing the head's temp file and renaming it leaves the temp file
 * behind. Remove those of processes that are gone; another live process may be mid-write.
 */
export function removeStaleHeadTemps(dataDir: string): number {
  let removed = 0;
  for (const name of fs.readdirSync(dataDir)) {
    const m = /^audit-head\.json\.(\d+)\.tmp$/.exec(name);
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

/** The hash of entry `seq` as the log holds it now (undefined: no such entry). */
function hashAt(db: Db, seq: number): string | undefined {
  return db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq) as string | undefined;
}

/** Whether the log still holds the entry a head names, unchanged (seq 0: the empty log). */
export function headInLog(db: Db, head: ChainHead | null): boolean {
  if (!head) return false;
  return head.seq === 0 ? head.hash === GENESIS : hashAt(db, head.seq) === head.hash;
}

/**
 * At open: a crash between a commit and the head-file write leaves the file one step behind;
 * the head moves forward if the entries after it still chain from it. A head file that is
 * ahead of the log (a cut tail), names a rewritten entry, or is missing is left alone for
 * `check` to report.
 */
export function reconcileHeadFile(db: Db, dataDir: string): void {
  removeStaleHeadTemps(dataDir);
  const head = readHeadFile(dataDir);
  const last = readChainHead(db);
  if (!head) {
    if (last.seq === 0) writeHeadFile(dataDir, last);
    return;
  }
  if (head.seq >= last.seq || !headInLog(db, head)) return;
  if (verifyAudit(db, null).ok) writeHeadFile(dataDir, last);
}

export function readHeadFile(dataDir: string): ChainHead | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dataDir, HEAD_FILE), 'utf8')) as ChainHead;
    return typeof v.seq === 'number' && typeof v.hash === 'string' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Walks the whole chain and names the first entry that breaks it: an edited entry (its hash
 * no longer matches), a deleted middle entry (a gap in seq / prev_hash mismatch), or a cut
 * tail (the head file names an entry that is not there).
 */
export function verifyAudit(db: Db, dataDir: string | null, onEntry?: (count: number) => void): AuditVerification {
  let prevHash = GENESIS;
  let expectSeq = 1;
  let count = 0;
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  for (const row of rows) {
    count++;
    onEntry?.(count);
    let entry: AuditEntry;
    try {
      entry = rowToEntry(row);
    } catch {
      return { ok: false, entries: count, firstBroken: { seq: row.seq, message: `Audit entry ${row.seq} is unreadable (its changes are not valid JSON).` } };
    }
    if (row.seq !== expectSeq) {
      return { ok: false, entries: count, firstBroken: { seq: expectSeq, message: `Audit entry ${expectSeq} is missing (the next entry present is ${row.seq}).` } };
    }
    if (entry.prevHash !== prevHash) {
      return { ok: false, entries: count, firstBroken: { seq: row.seq, message: `Audit entry ${row.seq} does not follow entry ${row.seq - 1}: the chain is broken before it.` } };
    }
    const { hash: _h, ...rest } = entry;
    if (entryHash(rest) !== entry.hash) {
      return { ok: false, entries: count, firstBroken: { seq: row.seq, message: `Audit entry ${row.seq} was altered after it was written (its hash does not match its content).` } };
    }
    prevHash = entry.hash;
    expectSeq++;
  }
  if (dataDir) {
    const head = readHeadFile(dataDir);
    const lastSeq = expectSeq - 1;
    if (head && head.seq > lastSeq) {
      return { ok: false, entries: count, firstBroken: { seq: lastSeq + 1, message: `The audit log ends at entry ${lastSeq}, but entries up to ${head.seq} were written: the tail was cut off.` } };
    }
    if (head && head.seq > 0) {
      const at = hashAt(db, head.seq);
      if (at !== undefined && at !== head.hash) {
        return { ok: false, entries: count, firstBroken: { seq: head.seq, message: `Audit entry ${head.seq} differs from the one recorded when it was written: the log was rewritten.` } };
      }
    }
    if (!head && lastSeq > 0) {
      return { ok: false, entries: count, firstBroken: { seq: null, message: `The audit head file (${HEAD_FILE}) is missing: the end of the log cannot be confirmed.` } };
    }
  }
  return { ok: true, entries: count, firstBroken: null };
}
