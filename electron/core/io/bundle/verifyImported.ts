// `casefile check` for other desks' audit entries brought in by bundles: each desk's chain is
// verified on its own (each entry against its hash, and against the entry before it where this
// desk holds both), never mixed with this desk's chain.
import { entryHash, rowToEntry } from '../../audit/chain';
import type { Db } from '../../db/open';

export function checkImportedAudit(db: Db, onRow?: (n: number) => void): { problems: string[]; desks: number; entries: number } {
  const problems: string[] = [];
  let prev: { desk: string; seq: number; hash: string } | null = null;
  let n = 0;
  const desks = new Set<string>();
  for (const row of db.prepare('SELECT * FROM imported_audit ORDER BY desk_id, seq').iterate() as IterableIterator<Parameters<typeof rowToEntry>[0] & { desk_id: string; format: number; rows_digest: string | null }>) {
    onRow?.(++n);
    desks.add(row.desk_id);
    const e = rowToEntry(row);
    const { hash, ...body } = e;
    // A format-2 entry's hash binds the digest of its row images, kept beside it (the images stayed with that bundle's records).
    if (entryHash({ ...body, format: row.format, rowsDigest: row.rows_digest ?? undefined }) !== hash) problems.push(`Audit entry ${e.seq} of desk ${row.desk_id} (imported) does not match its hash: it was altered here.`);
    if (prev && prev.desk === row.desk_id && prev.seq === e.seq - 1 && prev.hash !== e.prevHash) {
      problems.push(`Audit entries ${prev.seq} and ${e.seq} of desk ${row.desk_id} (imported) do not chain: one was altered here.`);
    }
    prev = { desk: row.desk_id, seq: e.seq, hash: e.hash };
  }
  return { problems, desks: desks.size, entries: n };
}
