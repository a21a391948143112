// Records against the trail: replays the row images of the audit trail (capture.ts) and
// compares every live row of every audited table, every column, with the state the trail says
// it must have. A row edited, deleted, put back or inserted outside Casefile is named with its
// record type, id, field, and what the trail expects against what is there.
//
// It works record by record from a cursor (keyset pages over the trail's index and each
// table's key), never holding more than one page, so it can run over any desk, report
// progress and be stopped. Each page is read in one synchronous step, so a record and its
// trail are always read together; between pages the async form gives the event loop a turn.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';
import { auditedTables, camel, describeKey, pkSql, pkValues, quoteIdent, type AuditedTable } from './audited';

export interface Difference {
  /** The table and what a person calls its rows ("statement"). */
  table: string;
  recordType: string;
  /** The record's id (or key, for link tables: "caseId …, itemType …, itemId …"). */
  id: string;
  /** Whether `id` names several key columns (a link table). */
  compositeKey: boolean;
  /** The field that differs, or null when the whole record is missing, extra or untraced. */
  field: string | null;
  expected: unknown;
  found: unknown;
  /** The last audit entry that wrote the record, when the trail has one. */
  seq: number | null;
  message: string;
}

export interface ReplayOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Differences kept in full (the rest are only counted). Default 1000. */
  limit?: number;
  /** Records per page. Default 500. */
  pageSize?: number;
}

export interface ReplayResult {
  /** Records compared (in the trail, and live rows looked up in it). */
  records: number;
  differences: Difference[];
  /** Differences beyond `limit`, counted but not kept. */
  more: number;
}

type Row = Record<string, unknown>;

/** Values are shown escaped and cut short: captured text may hold controls a terminal obeys. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v) ?? String(v);
  const safe = text.replace(/[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > 120 ? `${safe.slice(0, 117)}…${safe.startsWith('"') ? '"' : ''}` : safe;
}

/**
 * Two differing values as a message shows them: long texts from a little before the first
 * character that differs, so the change is in view.
 */
export function showDifference(want: unknown, have: unknown): [string, string] {
  if (typeof want !== 'string' || typeof have !== 'string' || (want.length <= 100 && have.length <= 100)) return [showValue(want), showValue(have)];
  let i = 0;
  while (i < want.length && i < have.length && want[i] === have[i]) i++;
  const from = Math.max(0, i - 30);
  const cut = (t: string) => showValue(t.slice(from)).replace(/^"/, from > 0 ? '"…' : '"');
  return [cut(want), cut(have)];
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a === null && b === undefined) || (typeof a === 'bigint' || typeof b === 'bigint' ? String(a) === String(b) : false);
}

function* steps(db: Db, opts: ReplayOptions): Generator<void, ReplayResult> {
  const limit = opts.limit ?? 1000;
  const pageSize = opts.pageSize ?? 500;
  const tables = new Map(auditedTables(db).map((t) => [t.name, t]));
  const differences: Difference[] = [];
  let more = 0;
  const differ = (d: Omit<Difference, 'message'>, message: string) => {
    if (differences.length < limit) differences.push({ ...d, message });
    else more++;
  };

  const traced = db.prepare('SELECT count(*) FROM (SELECT 1 FROM audit_rows GROUP BY tbl, pk)').pluck().get() as number;
  let total = traced;
  for (const t of tables.values()) total += db.prepare(`SELECT count(*) FROM ${quoteIdent(t.name)}`).pluck().get() as number;
  let done = 0;
  const progress = () => opts.onProgress?.(done, total);
  progress();

  // 1. Every record the trail knows: its state after the trail's last word on it, against the
  // live row. The trail's images are read in index order a page at a time; a record whose
  // images a page cut off is read again whole with the next page.
  type Image = { tbl: string; pk: string; seq: number; op: string; data: string | null };
  const cols = 'tbl, pk, seq, op, data';
  const firstImages = db.prepare(`SELECT ${cols} FROM audit_rows ORDER BY tbl, pk, seq, n LIMIT ?`);
  const nextImages = db.prepare(`SELECT ${cols} FROM audit_rows WHERE (tbl, pk) > (?, ?) ORDER BY tbl, pk, seq, n LIMIT ?`);
  const imagesOf = db.prepare(`SELECT ${cols} FROM audit_rows WHERE tbl = ? AND pk = ? ORDER BY seq, n`);
  const liveBy = new Map<string, Database.Statement<unknown[]>>();
  const liveRow = (t: AuditedTable, pk: string): Row | undefined => {
    let stmt = liveBy.get(t.name);
    if (!stmt) liveBy.set(t.name, (stmt = db.prepare<unknown[]>(`SELECT * FROM ${quoteIdent(t.name)} WHERE ${t.pk.map((c) => `${quoteIdent(c)} = ?`).join(' AND ')}`)));
    return stmt.get(...pkValues(t, pk)) as Row | undefined;
  };
  const missingTables = new Set<string>();
  const compare = (images: Image[]) => {
    const { tbl, pk } = images[0] as Image;
    done++;
    const t = tables.get(tbl);
    if (t) compareRecord(t, pk, images, liveRow(t, pk), differ);
    else if (!missingTables.has(tbl)) {
      missingTables.add(tbl);
      differ({ table: tbl, recordType: tbl, id: pk, compositeKey: false, field: null, expected: 'a table', found: 'no such table', seq: null },
        `The audit trail describes rows of a table ${tbl} that this desk does not have: the table was dropped outside Casefile.`);
    }
  };
  const imagesPerPage = pageSize * 4;
  let cursor: { tbl: string; pk: string } | null = null;
  for (;;) {
    opts.signal?.throwIfAborted();
    const page = (cursor ? nextImages.all(cursor.tbl, cursor.pk, imagesPerPage) : firstImages.all(imagesPerPage)) as Image[];
    if (page.length === 0) break;
    const groups: Image[][] = [];
    for (const img of page) {
      const g = groups[groups.length - 1];
      if (g && g[0]!.tbl === img.tbl && g[0]!.pk === img.pk) g.push(img);
      else groups.push([img]);
    }
    if (page.length === imagesPerPage) {
      // The page may have cut the last record's images short.
      const last = groups.pop() as Image[];
      if (groups.length === 0) groups.push(imagesOf.all(last[0]!.tbl, last[0]!.pk) as Image[]);
    }
    for (const g of groups) compare(g);
    const end = groups[groups.length - 1]![0]!;
    cursor = { tbl: end.tbl, pk: end.pk };
    progress();
    yield;
  }

  // 2. Every live record the trail has never seen: written outside Casefile.
  for (const t of tables.values()) {
    const keyCols = t.pk.map(quoteIdent).join(', ');
    const pk = pkSql(t, 'x.');
    const select = `SELECT ${pk} AS pk, ${t.pk.map((c) => `x.${quoteIdent(c)}`).join(', ')},
      EXISTS (SELECT 1 FROM audit_rows r WHERE r.tbl = '${t.name.replace(/'/g, "''")}' AND r.pk = ${pk}) AS traced FROM ${quoteIdent(t.name)} x`;
    const first = db.prepare(`${select} ORDER BY ${keyCols} LIMIT ?`);
    const next = db.prepare(`${select} WHERE (${t.pk.map((c) => `x.${quoteIdent(c)}`).join(', ')}) > (${t.pk.map(() => '?').join(', ')}) ORDER BY ${keyCols} LIMIT ?`);
    let after: unknown[] | null = null;
    for (;;) {
      opts.signal?.throwIfAborted();
      const rows = (after ? next.all(...after, pageSize) : first.all(pageSize)) as Row[];
      if (rows.length === 0) break;
      for (const r of rows) {
        done++;
        if (r.traced) continue;
        const key = describeKey(t, String(r.pk));
        differ({ table: t.name, recordType: t.label, id: key, compositeKey: t.pk.length > 1, field: null, expected: 'absent', found: 'present', seq: null },
          `${t.label} ${key} is not in the audit trail: it was written outside Casefile.`);
      }
      const last = rows[rows.length - 1] as Row;
      after = t.pk.map((c) => last[c]);
      progress();
      yield;
    }
  }
  return { records: done, differences, more };
}

function compareRecord(
  t: AuditedTable, pk: string, images: { seq: number; op: string; data: string | null }[], live: Row | undefined,
  differ: (d: Omit<Difference, 'message'>, message: string) => void,
): void {
  const id = describeKey(t, pk);
  const base = { table: t.name, recordType: t.label, id, compositeKey: t.pk.length > 1 };
  // undefined: not yet seen; null: deleted.
  let expected: Row | null | undefined;
  let seq: number | null = null;
  for (const img of images) {
    seq = img.seq;
    if (img.op === 'delete') expected = null;
    else if (img.op === 'update') {
      if (!expected) {
        differ({ ...base, field: null, expected: 'a recorded creation', found: 'a change', seq },
          `${t.label} ${id}: the audit trail changes it at entry ${img.seq} without having recorded it before.`);
        return;
      }
      expected = { ...expected, ...(JSON.parse(img.data as string) as Row) };
    } else expected = JSON.parse(img.data as string) as Row;
  }
  if (expected === null) {
    if (live) {
      differ({ ...base, field: null, expected: 'absent', found: 'present', seq },
        `${t.label} ${id} is present, but the audit trail deleted it at entry ${seq}: it was put back outside Casefile.`);
    }
    return;
  }
  if (!expected) return;
  if (!live) {
    differ({ ...base, field: null, expected: 'present', found: 'absent', seq },
      `${t.label} ${id} is missing: the audit trail says it exists (entry ${seq}); it was deleted outside Casefile.`);
    return;
  }
  for (const c of t.columns) {
    const want = c.name in expected ? expected[c.name] : c.dflt;
    const have = live[c.name];
    if (sameValue(want, have)) continue;
    const field = camel(c.name);
    const [shownWant, shownHave] = showDifference(want, have);
    differ({ ...base, field, expected: want, found: have, seq },
      `${t.label} ${id}: ${field} differs from the audit trail: expected ${shownWant} (entry ${seq}), found ${shownHave}.`);
  }
}

/** The replay in pages, giving the event loop a turn between them (for a Core that keeps serving). */
export async function replayTrail(db: Db, opts: ReplayOptions = {}): Promise<ReplayResult> {
  const it = steps(db, opts);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The same replay in one go: for a caller inside a transaction (an import checks what it is about to commit). */
export function replayTrailSync(db: Db, opts: ReplayOptions = {}): ReplayResult {
  const it = steps(db, opts);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
