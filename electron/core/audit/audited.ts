// Which tables the audit trail describes, read from the live schema: every table that holds the
// desk's records, links and translation work, and the exchange's (trusted desk keys, conflicts,
// provenance, exchange states, bundles taken in: each decides what a later import does). Only
// the trails themselves, the change log and the search index (derived, rebuilt from the
// records) are left out, so a table a later migration
// adds is covered without anyone remembering to list it.
import type { Db } from '../db/open';

// imported_audit holds other desks' entries, brought by bundles: their trail, not this desk's,
// verified chain by chain on its own (io/bundle/verifyImported.ts); taking them in is
// described by this desk's bundle.import entry.
// page_texts is what the reader made of attached files' bytes (migration 0011): derived from
// the stored, hashed files as the search index is from the records, and read again at will.
const NOT_AUDITED = new Set(['audit_log', 'audit_rows', 'change_log', 'imported_audit', 'page_texts']);
const DERIVED_PREFIXES = ['sqlite_', 'search_'];

export interface AuditedColumn {
  name: string;
  /** The value ALTER TABLE ADD COLUMN gave rows that existed before the column (its DEFAULT). */
  dflt: string | number | null;
}

export interface AuditedTable {
  name: string;
  columns: AuditedColumn[];
  /** Primary-key columns, in key order. */
  pk: string[];
  /** What a person calls one row: "statement", "case item". */
  label: string;
}

const LABELS: Record<string, string> = {
  profiles: 'profile', cases: 'case', actors: 'actor', actor_relations: 'actor relation', statements: 'statement',
  statement_relations: 'statement relation', sources: 'source', case_items: 'case item', citations: 'citation',
  attachments: 'attachment', notes: 'note', events: 'event', reports: 'report', translations: 'translation',
  translation_revisions: 'translation revision', translation_comments: 'translation comment',
  translation_memory: 'translation memory entry', trusted_keys: 'trusted desk key', exchange_states: 'exchange state',
  exchange_conflicts: 'bundle conflict', record_provenance: 'record provenance', bundle_imports: 'imported bundle',
  glossary_terms: 'glossary term', qa_overrides: 'QA override',
};

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** SQLite's text of a DEFAULT clause as the value it stores. */
function defaultValue(sql: string | null): string | number | null {
  if (sql === null || /^null$/i.test(sql)) return null;
  if (/^-?\d+(\.\d+)?$/.test(sql)) return Number(sql);
  const quoted = /^'(.*)'$/s.exec(sql);
  return quoted ? (quoted[1] as string).replace(/''/g, "'") : sql;
}

const cache = new WeakMap<Db, AuditedTable[]>();

export function auditedTables(db: Db): AuditedTable[] {
  const known = cache.get(db);
  if (known) return known;
  const names = (db.pragma('table_list') as { schema: string; name: string; type: string }[])
    .filter((t) => t.schema === 'main' && t.type === 'table' && !NOT_AUDITED.has(t.name) && !DERIVED_PREFIXES.some((p) => t.name.startsWith(p)))
    .map((t) => t.name)
    .sort();
  const tables = names.map((name) => {
    const info = db.pragma(`table_info(${quoteIdent(name)})`) as { name: string; pk: number; dflt_value: string | null }[];
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    // Without a key a row cannot be followed from one entry to the next.
    if (pk.length === 0) throw new Error(`table ${name} has no primary key, so the audit trail cannot follow its rows`);
    return { name, columns: info.map((c) => ({ name: c.name, dflt: defaultValue(c.dflt_value) })), pk, label: LABELS[name] ?? name.replace(/_/g, ' ') };
  });
  cache.set(db, tables);
  return tables;
}

/**
 * The SQL expression of a row's key as the trail stores it: the id itself, or a JSON array of
 * the key columns for link tables. Always made by SQLite, so both sides of a comparison agree.
 */
export function pkSql(t: AuditedTable, alias: string): string {
  const cols = t.pk.map((c) => `${alias}${quoteIdent(c)}`);
  return cols.length === 1 ? (cols[0] as string) : `json_array(${cols.join(', ')})`;
}

/** The key columns' values of a stored key text. */
export function pkValues(t: AuditedTable, pk: string): unknown[] {
  if (t.pk.length === 1) return [pk];
  const v = JSON.parse(pk) as unknown;
  if (!Array.isArray(v) || v.length !== t.pk.length) throw new Error(`not a key of ${t.name}: ${pk}`);
  return v;
}

/** How a message names a row: its id, or its key columns ("caseId …, itemType statement, itemId …"). */
export function describeKey(t: AuditedTable, pk: string): string {
  if (t.pk.length === 1) return pk;
  try {
    const v = pkValues(t, pk);
    return t.pk.map((c, i) => `${camel(c)} ${String(v[i])}`).join(', ');
  } catch {
    return pk;
  }
}
