// A desk an earlier Casefile wrote has audit entries without row images (format 1): its trail
// cannot say what each record must hold. On the first open by this version the Core appends
// one baseline entry that holds the state of every audited row as it is now, so every change
// made outside Casefile from then on is caught. Whatever was changed outside Casefile before
// the upgrade cannot be told apart any more (the README says so).
import type { Db } from '../db/open';
import { appendAudit, hasCurrentFormatEntries, readChainHead } from './chain';
import { auditedTables, pkSql, quoteIdent } from './audited';

export const BASELINE_ACTION = 'desk.baseline';

/** A trail with entries but none of the current format: a desk from before row images. */
export function needsBaseline(db: Db): boolean {
  return readChainHead(db).seq > 0 && !hasCurrentFormatEntries(db);
}

/**
 * Appends the baseline entry, inside a write's transaction. The images are copied by SQLite
 * table by table (a desk of any size, without holding it in memory).
 */
export function appendBaseline(db: Db, deskId: string, at: string): void {
  const tables = auditedTables(db);
  // What the entry shows a person: how many records of each kind it vouches for.
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const n = db.prepare(`SELECT count(*) FROM ${quoteIdent(t.name)}`).pluck().get() as number;
    if (n) counts[t.name] = n;
  }
  appendAudit(db, { actorId: null, action: BASELINE_ACTION, recordType: 'desk', recordId: deskId, at, changes: { records: [null, counts] } }, (seq) => {
    let n = 0;
    for (const t of tables) {
      const image = `json_object(${t.columns.map((c) => `'${c.name}', ${quoteIdent(c.name)}`).join(', ')})`;
      const pk = pkSql(t, '');
      n += db.prepare(
        `INSERT INTO audit_rows (seq, n, tbl, pk, op, data)
         SELECT ?, ? + row_number() OVER (ORDER BY ${pk}), ?, ${pk}, 'state', ${image} FROM ${quoteIdent(t.name)}`,
      ).run(seq, n, t.name).changes;
    }
  });
}
