// Row images: what every audited row looks like after each audit entry, taken by the database
// itself. Temporary triggers (this connection only, never in the file, so nothing on disk can
// switch them off) note every insert, update and delete of an audited table while a write()
// is running; each audit entry takes the rows noted since the previous one (record.ts). So an
// entry describes everything its write changed, whichever code path changed it, and a write
// that changes a row no entry describes is refused before it commits (write.ts).
import type { Db } from '../db/open';
import { prepared } from '../db/prepared';
import { auditedTables, pkSql, quoteIdent } from './audited';

export type RowOp = 'insert' | 'update' | 'delete' | 'state';

/** One row as an audit entry holds it: the whole row (insert, state), the columns that changed (update), or nothing (delete). */
export interface RowImage {
  tbl: string;
  pk: string;
  op: RowOp;
  /** JSON object text, or null for a delete. */
  data: string | null;
}

type Row = Record<string, unknown>;

/** Creates the capture table and triggers on this connection (after migrations, at every open). */
export function installCapture(db: Db): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS cf_capture (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, pk TEXT NOT NULL, op TEXT NOT NULL, old TEXT, new TEXT);
    CREATE TEMP TABLE IF NOT EXISTS cf_capturing (on_ INTEGER NOT NULL);
  `);
  const on = 'WHEN EXISTS (SELECT 1 FROM temp.cf_capturing)';
  for (const t of auditedTables(db)) {
    const image = (alias: string) => `json_object(${t.columns.map((c) => `'${c.name}', ${alias}.${quoteIdent(c.name)}`).join(', ')})`;
    const name = (op: string) => quoteIdent(`cf_capture_${t.name}_${op}`);
    const target = `main.${quoteIdent(t.name)}`;
    const tbl = `'${t.name.replace(/'/g, "''")}'`;
    db.exec(`
      DROP TRIGGER IF EXISTS temp.${name('i')};
      DROP TRIGGER IF EXISTS temp.${name('u')};
      DROP TRIGGER IF EXISTS temp.${name('d')};
      CREATE TEMP TRIGGER ${name('i')} AFTER INSERT ON ${target} ${on} BEGIN
        INSERT INTO temp.cf_capture (tbl, pk, op, new) VALUES (${tbl}, ${pkSql(t, 'NEW.')}, 'insert', ${image('NEW')});
      END;
      CREATE TEMP TRIGGER ${name('u')} AFTER UPDATE ON ${target} ${on} BEGIN
        INSERT INTO temp.cf_capture (tbl, pk, op, old, new) VALUES (${tbl}, ${pkSql(t, 'NEW.')}, 'update', ${image('OLD')}, ${image('NEW')});
      END;
      CREATE TEMP TRIGGER ${name('d')} AFTER DELETE ON ${target} ${on} BEGIN
        INSERT INTO temp.cf_capture (tbl, pk, op) VALUES (${tbl}, ${pkSql(t, 'OLD.')}, 'delete');
      END;
    `);
  }
}

/** Inside a write's transaction: from here on, changes to audited rows are noted. */
export function startCapture(db: Db): void {
  prepared(db, 'INSERT INTO temp.cf_capturing (on_) VALUES (1)').run();
}

/** Whether a write is noting changes already (an outer write on this connection started it). */
export function isCapturing(db: Db): boolean {
  return prepared(db, 'SELECT 1 FROM temp.cf_capturing LIMIT 1').get() !== undefined;
}

/**
 * At the end of a write's transaction: stops noting, and returns the tables of rows that
 * changed after the write's last audit entry (a write no entry describes: a bug to refuse).
 */
export function stopCapture(db: Db): string[] {
  const left = (prepared(db, 'SELECT DISTINCT tbl FROM temp.cf_capture ORDER BY tbl').pluck().all() as string[]);
  prepared(db, 'DELETE FROM temp.cf_capture').run();
  prepared(db, 'DELETE FROM temp.cf_capturing').run();
  return left;
}

interface Pending {
  /** Whether the row existed before this entry's first change to it. */
  existed: boolean;
  op: 'insert' | 'update' | 'delete';
  row: Row;
}

/**
 * The rows noted since the previous entry, one image per row: an insert followed by updates is
 * the inserted row as it ended up, updates merge into the columns that changed, a row inserted
 * and deleted within the entry leaves nothing. In the order the rows were first touched.
 */
export function takeCaptured(db: Db): RowImage[] {
  const noted = prepared(db, 'SELECT tbl, pk, op, old, new FROM temp.cf_capture ORDER BY n').all() as
    { tbl: string; pk: string; op: 'insert' | 'update' | 'delete'; old: string | null; new: string | null }[];
  if (noted.length === 0) return [];
  prepared(db, 'DELETE FROM temp.cf_capture').run();
  const pending = new Map<string, Pending>();
  for (const c of noted) {
    const key = JSON.stringify([c.tbl, c.pk]);
    const cur = pending.get(key);
    if (c.op === 'insert') {
      pending.set(key, { existed: cur?.existed ?? false, op: 'insert', row: JSON.parse(c.new as string) as Row });
    } else if (c.op === 'update') {
      const changed = changedColumns(JSON.parse(c.old as string) as Row, JSON.parse(c.new as string) as Row);
      if (!cur) pending.set(key, { existed: true, op: 'update', row: changed });
      else cur.row = { ...cur.row, ...changed };
    } else if (cur && !cur.existed) {
      pending.delete(key);
    } else {
      pending.set(key, { existed: true, op: 'delete', row: {} });
    }
  }
  const out: RowImage[] = [];
  for (const [key, p] of pending) {
    if (p.op === 'update' && Object.keys(p.row).length === 0) continue;
    const [tbl, pk] = JSON.parse(key) as [string, string];
    out.push({ tbl, pk, op: p.op, data: p.op === 'delete' ? null : JSON.stringify(p.row) });
  }
  return out;
}

function changedColumns(before: Row, after: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) out[k] = v;
  return out;
}
