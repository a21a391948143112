import crypto from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';
import { prepared } from '../db/prepared';
import type { AuditEntry, AuditProblem } from '../../../shared/domain';
import { CoreError } from '../errors';
import type { RowImage } from './capture';

export const GENESIS = '0'.repeat(64);

/**
 * Entry formats. 1: the entry alone (written before row images existed; such entries stay
 * valid, and a desk that has them was given a baseline entry, see baseline.ts). 2: the entry
 * and the images of every row its write changed (audit_rows), bound into its hash.
 */
export const ENTRY_FORMAT = 2;

/** JSON with keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

type Hashed = Omit<AuditEntry, 'hash'> & { format?: number; rowsDigest?: string };

export function entryHash(e: Hashed): string {
  const format = e.format ?? 1;
  const body = canonicalJson({
    seq: e.seq, at: e.at, actorId: e.actorId, action: e.action, recordType: e.recordType,
    recordId: e.recordId, changes: e.changes, prevHash: e.prevHash,
    // Format-1 bodies are hashed exactly as they were written, without these keys.
    ...(format === 1 ? {} : { format, rows: e.rowsDigest }),
  });
  return crypto.createHash('sha256').update(body, 'utf8').digest('hex');
}

export interface AuditRow {
  seq: number; at: string; actor_id: string | null; action: string; record_type: string; record_id: string;
  changes: string; prev_hash: string; hash: string; format?: number;
}

export function rowToEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq, at: r.at, actorId: r.actor_id, action: r.action, recordType: r.record_type, recordId: r.record_id,
    changes: JSON.parse(r.changes) as AuditEntry['changes'], prevHash: r.prev_hash, hash: r.hash,
  };
}

/** SHA-256 over an entry's row images in order (streamed: a baseline entry may hold every row of the desk). */
const imagesOfEntry = new WeakMap<Db, Database.Statement<[number, number, number]>>();
const DIGEST_PAGE = 1000;

export function digestRows(db: Db, seq: number): { digest: string; rows: number } {
  let stmt = imagesOfEntry.get(db);
  if (!stmt) {
    imagesOfEntry.set(db, (stmt = db.prepare<[number, number, number]>('SELECT n, tbl, pk, op, data FROM audit_rows WHERE seq = ? AND n > ? ORDER BY n LIMIT ?').raw()));
  }
  const h = crypto.createHash('sha256');
  let rows = 0;
  // Pages, not one iterator: most entries hold a few images, a baseline every row of the desk.
  for (let after = 0; ;) {
    const page = stmt.all(seq, after, DIGEST_PAGE) as [number, string, string, string, string | null][];
    for (const [n, ...r] of page) {
      h.update(`${JSON.stringify(r)}\n`, 'utf8');
      after = n;
    }
    rows += page.length;
    if (page.length < DIGEST_PAGE) break;
  }
  return { digest: h.digest('hex'), rows };
}

export type Changes = Record<string, [unknown, unknown]>;
export interface AppendArgs { actorId: string | null; action: string; recordType: string; recordId: string; changes: Changes; at: string }

export function insertRowImages(db: Db, seq: number, rows: readonly RowImage[], firstN = 1): void {
  const ins = prepared(db, 'INSERT INTO audit_rows (seq, n, tbl, pk, op, data) VALUES (?, ?, ?, ?, ?, ?)');
  rows.forEach((r, i) => ins.run(seq, firstN + i, r.tbl, r.pk, r.op, r.data));
}

/**
 * Appends one entry; must run inside the write transaction it describes. `rows` are the images
 * of the rows the write changed (capture.ts), or a function that stores them for the entry's
 * seq (the baseline writes them with SQL).
 */
export function appendAudit(db: Db, a: AppendArgs, rows: readonly RowImage[] | ((seq: number) => void) = []): AuditEntry {
  const last = readChainHead(db);
  const seq = last.seq + 1;
  // Images already stored under the next number: entries were cut off the end of the log.
  if (prepared(db, 'SELECT 1 FROM audit_rows WHERE seq = ? LIMIT 1').get(seq)) {
    throw new CoreError('failed', `The audit trail is damaged: it ends at entry ${last.seq}, but row images of entry ${seq} remain (entries were cut off). Run "casefile check"; nothing was saved.`);
  }
  if (typeof rows === 'function') rows(seq);
  else insertRowImages(db, seq, rows);
  const base = {
    seq, at: a.at, actorId: a.actorId, action: a.action, recordType: a.recordType,
    recordId: a.recordId, changes: a.changes, prevHash: last.hash,
  };
  const entry: AuditEntry = { ...base, hash: entryHash({ ...base, format: ENTRY_FORMAT, rowsDigest: digestRows(db, seq).digest }) };
  prepared(
    db,
    `INSERT INTO audit_log (seq, at, actor_id, action, record_type, record_id, changes, prev_hash, hash, format)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.seq, entry.at, entry.actorId, entry.action, entry.recordType, entry.recordId, canonicalJson(entry.changes), entry.prevHash, entry.hash, ENTRY_FORMAT);
  return entry;
}

/** The last entry: what the head file names and signs (seq 0: the empty log). */
export interface ChainHead { seq: number; hash: string; at: string | null }

export function readChainHead(db: Db): ChainHead {
  const last = prepared(db, 'SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined;
  return last ?? { seq: 0, hash: GENESIS, at: null };
}

/** The entry `seq` as the log holds it now (undefined: no such entry). */
export function entryAt(db: Db, seq: number): { hash: string; at: string } | undefined {
  return prepared(db, 'SELECT hash, at FROM audit_log WHERE seq = ?').get(seq) as { hash: string; at: string } | undefined;
}

/** Whether the log holds entries written before row images (a desk from an earlier Casefile not yet given its baseline). */
export function hasCurrentFormatEntries(db: Db): boolean {
  return db.prepare('SELECT 1 FROM audit_log WHERE format >= 2 LIMIT 1').get() !== undefined;
}

export interface ChainWalk {
  entries: number;
  lastSeq: number;
  firstBroken: AuditProblem | null;
}

/**
 * Walks the whole chain, one entry at a time, and names the first entry that breaks it: an
 * edited entry or row image (its hash no longer matches), a deleted middle entry (a gap in seq
 * / prev_hash mismatch), or row images no entry was written with. Memory stays flat: one
 * entry and its images at a time.
 */
export function walkChain(db: Db, onEntry?: (count: number) => void): ChainWalk {
  let prevHash = GENESIS;
  let expectSeq = 1;
  let count = 0;
  let imaged = 0;
  const broken = (seq: number | null, message: string): ChainWalk => ({ entries: count, lastSeq: expectSeq - 1, firstBroken: { seq, message } });
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  // The images are read alongside, in the same order, in one pass (not a query per entry).
  type Image = [number, string, string, string, string | null];
  const images = db.prepare('SELECT seq, tbl, pk, op, data FROM audit_rows ORDER BY seq, n').raw().iterate() as IterableIterator<Image>;
  let next = images.next();
  try {
    for (const row of rows) {
      count++;
      onEntry?.(count);
      let entry: AuditEntry;
      try {
        entry = rowToEntry(row);
      } catch {
        return broken(row.seq, `Audit entry ${row.seq} is unreadable (its changes are not valid JSON).`);
      }
      if (row.seq !== expectSeq) return broken(expectSeq, `Audit entry ${expectSeq} is missing (the next entry present is ${row.seq}).`);
      if (entry.prevHash !== prevHash) return broken(row.seq, `Audit entry ${row.seq} does not follow entry ${row.seq - 1}: the chain is broken before it.`);
      const format = row.format ?? 1;
      // Images of earlier seqs were not this chain's: left uncounted for the check below.
      while (!next.done && next.value[0] < row.seq) next = images.next();
      let rowsDigest: string | undefined;
      if (format >= 2) {
        const h = crypto.createHash('sha256');
        while (!next.done && next.value[0] === row.seq) {
          const [, ...image] = next.value;
          h.update(`${JSON.stringify(image)}\n`, 'utf8');
          imaged++;
          next = images.next();
        }
        rowsDigest = h.digest('hex');
      }
      const { hash: _h, ...rest } = entry;
      if (entryHash({ ...rest, format, rowsDigest }) !== entry.hash) {
        return broken(row.seq, `Audit entry ${row.seq} was altered after it was written (its hash does not match its content${format >= 2 ? ' and row images' : ''}).`);
      }
      prevHash = entry.hash;
      expectSeq++;
    }
  } finally {
    images.return?.();
    rows.return?.();
  }
  const stored = db.prepare('SELECT count(*) FROM audit_rows').pluck().get() as number;
  if (stored !== imaged) {
    const stray = db.prepare(
      'SELECT r.seq, a.seq IS NOT NULL AS entry FROM audit_rows r LEFT JOIN audit_log a ON a.seq = r.seq WHERE a.seq IS NULL OR a.format < 2 ORDER BY r.seq LIMIT 1',
    ).get() as { seq: number; entry: number } | undefined;
    if (!stray) return broken(null, 'The audit trail holds row images no entry accounts for.');
    if (stray.entry) return broken(stray.seq, `Audit entry ${stray.seq} carries row images it was not written with: they were added afterwards.`);
    const lastSeq = expectSeq - 1;
    // Images of entries past the end: the entries were cut off and their images left behind.
    if (stray.seq > lastSeq) return broken(lastSeq + 1, `The audit log ends at entry ${lastSeq}, but row images of entry ${stray.seq} remain: the tail was cut off.`);
    return broken(stray.seq, `The audit trail holds row images for entry ${stray.seq}, which does not exist: they were added afterwards.`);
  }
  return { entries: count, lastSeq: expectSeq - 1, firstBroken: null };
}
