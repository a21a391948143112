// A bundle's records against its own audit entries, before anything is merged: the exporting
// desk's entries carry the images of every row the bundle holds (export.ts), so replaying them
// says what each record must be. A record that differs (forged in the bundle by someone who
// also re-signed it, or edited on the exporting desk outside Casefile) refuses the bundle, named
// as `check` names it. Only the exporting desk's own chain is replayed: everything that desk
// holds, imports from other desks included, was written through its trail; the other desks'
// entries it passes on are checked chain by chain (merge.ts), not replayed.
import { auditedTables, camel, describeKey, type AuditedTable } from '../../audit/audited';
import { showDifference } from '../../audit/replay';
import type { Db } from '../../db/open';
import { recordToRow, tableOf } from '../../db/tables';
import { ROW_TABLES } from './collect';
import type { AuditLine, RecordLine } from './format';

type Row = Record<string, unknown>;

export interface BundleDifference { recordType: string; id: string; field: string | null; message: string }

const same = (a: unknown, b: unknown) => a === b || (a === null && b === undefined) || (a === undefined && b === null);

export function replayBundle(db: Db, lines: readonly RecordLine[], originDeskId: string): BundleDifference[] {
  const tables = new Map(auditedTables(db).map((t) => [t.name, t]));
  // (table, key) -> the images the exporting desk's entries hold, in the order of its chain.
  const images = new Map<string, { seq: number; op: string; data: string | null }[]>();
  const entries = lines.filter((l): l is AuditLine => l.kind === 'audit' && l.deskId === originDeskId).sort((a, b) => a.entry.seq - b.entry.seq);
  for (const l of entries) {
    for (const img of l.rows) {
      const key = JSON.stringify([img.tbl, img.pk]);
      let list = images.get(key);
      if (!list) images.set(key, (list = []));
      list.push({ seq: l.entry.seq, op: img.op, data: img.data });
    }
  }
  const out: BundleDifference[] = [];
  const compare = (table: string, row: Row) => {
    const t = tables.get(table);
    if (!t) return;
    const values = t.pk.map((c) => row[c]);
    const pk = values.length === 1 ? String(values[0]) : JSON.stringify(values);
    out.push(...compareRow(t, pk, row, images.get(JSON.stringify([table, pk])) ?? []));
  };
  for (const l of lines) {
    if (l.kind === 'record') compare(tableOf(l.type).table, recordToRow(tableOf(l.type), l.record));
    else if (l.kind === 'row') compare(ROW_TABLES[l.type].table, l.row);
  }
  return out;
}

function compareRow(t: AuditedTable, pk: string, found: Row, images: { seq: number; op: string; data: string | null }[]): BundleDifference[] {
  const id = describeKey(t, pk);
  const base = { recordType: t.label, id };
  let expected: Row | null | undefined;
  let seq = 0;
  for (const img of images) {
    seq = img.seq;
    if (img.op === 'delete') expected = null;
    else if (img.op === 'update') {
      if (!expected) return [{ ...base, field: null, message: `${t.label} ${id}: its audit entry ${img.seq} changes it without the bundle holding its creation.` }];
      expected = { ...expected, ...(JSON.parse(img.data as string) as Row) };
    } else expected = JSON.parse(img.data as string) as Row;
  }
  if (expected === undefined) return [{ ...base, field: null, message: `${t.label} ${id} is in the bundle, but none of the bundle's audit entries wrote it.` }];
  if (expected === null) return [{ ...base, field: null, message: `${t.label} ${id} is in the bundle, but its audit entry ${seq} deleted it.` }];
  const out: BundleDifference[] = [];
  for (const c of t.columns) {
    if (!(c.name in found)) continue;
    const want = c.name in expected ? expected[c.name] : c.dflt;
    const have = found[c.name];
    if (same(want, have)) continue;
    const field = camel(c.name);
    const [shownWant, shownHave] = showDifference(want, have);
    out.push({ ...base, field, message: `${t.label} ${id}: ${field} differs from the bundle's audit trail: expected ${shownWant} (entry ${seq}), found ${shownHave}.` });
  }
  return out;
}
