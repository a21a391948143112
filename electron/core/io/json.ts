/**
 * The whole database as one JSON document, for moving a desk between machines and for
 * backups a person can read. Rows are exported as stored (snake_case columns, JSON columns
 * as their text) and ordered by primary key, with no export timestamp, so that
 * export -> import -> export gives the same bytes. The audit log and the change log travel
 * too, so the hash chain survives the move. Attachment files are not in the document, nor is
 * the search index (it is rebuilt from the records).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ActorRelation, CaseItem, Citation } from '../../../shared/domain';
import { ensureIndex } from '../search';
import { readChainHead, verifyAudit, writeHeadFile } from '../audit/chain';
import { migrate, schemaVersion } from '../db/migrate';
import { openDb, type Db } from '../db/open';
import { withWriteLock } from '../db/lock';
import { TABLES, isEditableType, rowToRecord, snake, tableOf, type TableDef } from '../db/tables';
import { CoreError } from '../errors';
import { brokenApprovals, EditedByJson, SegmentsJson } from '../db/repos/translations';
import type { Core } from '../index';

export const EXPORT_FORMAT = 'casefile-export';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface ExportDoc {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  tables: Record<string, Row[]>;
}

export interface ImportResult {
  /** Rows imported per table. */
  counts: Record<string, number>;
}

interface Column { name: string; type: string; notnull: boolean; pk: number }
interface TableInfo { name: string; columns: Column[]; pk: string[] }

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The search index (FTS5 and its side tables) is derived from the records and rebuilt from
 * them, so it is neither exported nor imported; after an import it is marked for a rebuild.
 */
const DERIVED_PREFIX = 'search_';

/** Every table that holds data of its own (SQLite's, virtual, shadow and derived ones excluded), by name. */
function tablesOf(db: Db): TableInfo[] {
  const names = (db.pragma('table_list') as { schema: string; name: string; type: string }[])
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_') && !t.name.startsWith(DERIVED_PREFIX))
    .map((t) => t.name)
    .sort();
  return names.map((name) => {
    const cols = (db.pragma(`table_info(${quote(name)})`) as { name: string; type: string; notnull: number; pk: number }[])
      .map((c) => ({ name: c.name, type: c.type.toUpperCase(), notnull: c.notnull === 1, pk: c.pk }));
    const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    return { name, columns: cols, pk };
  });
}

/** Asks for the search index to be rebuilt from the imported records on its next use. */
function markSearchStale(db: Db): void {
  const hasState = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_state'").get();
  if (hasState) db.prepare("INSERT OR REPLACE INTO search_state (key, value) VALUES ('needs_rebuild', '1')").run();
}

function orderBy(t: TableInfo): string {
  return t.pk.length ? t.pk.map(quote).join(', ') : 'rowid';
}

export function exportJson(core: Core): ExportDoc {
  const db = core.state.db;
  // One read transaction: every table from the same moment.
  return db.transaction(() => {
    const tables: Record<string, Row[]> = {};
    for (const t of tablesOf(db)) {
      tables[t.name] = db.prepare(`SELECT * FROM ${quote(t.name)} ORDER BY ${orderBy(t)}`).all() as Row[];
    }
    return { format: EXPORT_FORMAT, schemaVersion: schemaVersion(db), tables } satisfies ExportDoc;
  })();
}

// --- import --------------------------------------------------------------------------------

const wellFormed = (s: string) => s.isWellFormed();

function cellSchema(c: Column): z.ZodType {
  let s: z.ZodType;
  switch (c.type) {
    case 'TEXT': s = z.string().refine(wellFormed, 'contains invalid Unicode (an unpaired surrogate)'); break;
    case 'INTEGER': s = z.number().int().refine(Number.isSafeInteger, 'is too large'); break;
    case 'REAL': s = z.number(); break;
    case 'ANY': s = z.union([z.string(), z.number()]); break;
    default: s = z.never({ error: `has column type ${c.type}, which the JSON format cannot carry` });
  }
  // STRICT tables: a PRIMARY KEY column is never NULL.
  return c.notnull || c.pk > 0 ? s : s.nullable();
}

function rowSchema(t: TableInfo) {
  return z.strictObject(Object.fromEntries(t.columns.map((c) => [c.name, cellSchema(c)])));
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Link tables that have a domain schema but no editable-record mapping. */
const LINK_SCHEMAS: Record<string, z.ZodObject> = {
  actor_relations: ActorRelation,
  citations: Citation,
  case_items: CaseItem,
};

/** JSON columns of tables without a record mapping, with what they must hold. */
const JSON_COLUMNS: Record<string, Record<string, z.ZodType>> = {
  translation_revisions: { segments: SegmentsJson, edited_by: EditedByJson },
};

const EDITABLE_BY_TABLE = new Map<string, TableDef>(
  Object.keys(TABLES).filter(isEditableType).map((k) => [tableOf(k).table, tableOf(k)]),
);

/** The record a row holds, in domain terms (camelCase, JSON columns parsed), or the column that cannot be read. */
function domainRecord(table: string, row: Row): { schema: z.ZodObject; rec: Record<string, unknown> } | { badColumn: string; message: string } | null {
  const d = EDITABLE_BY_TABLE.get(table);
  if (d) {
    for (const key of d.json) {
      const v = row[snake(key)];
      if (typeof v === 'string') {
        try { JSON.parse(v); } catch { return { badColumn: snake(key), message: 'is not valid JSON text' }; }
      }
    }
    return { schema: d.schema, rec: rowToRecord(d, row) };
  }
  const json = JSON_COLUMNS[table];
  if (json) {
    for (const [col, schema] of Object.entries(json)) {
      const v = row[col];
      if (typeof v !== 'string') continue;
      let parsed: unknown;
      try { parsed = JSON.parse(v); } catch { return { badColumn: col, message: 'is not valid JSON text' }; }
      const ok = schema.safeParse(parsed);
      if (!ok.success) return { badColumn: col, message: `does not hold what it should: ${ok.error.issues[0]?.path.join('.') ?? ''} ${ok.error.issues[0]?.message ?? ''}`.trim() };
    }
    return null;
  }
  const link = LINK_SCHEMAS[table];
  if (link) return { schema: link, rec: Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])) };
  return null;
}

interface Issue { path: string; message: string }

function rowLabel(t: TableInfo, i: number, row: unknown): string {
  const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
  const key = t.pk.map((k) => r[k]).filter((v) => typeof v === 'string' || typeof v === 'number');
  return `${t.name}[${i}]${key.length === t.pk.length && key.length ? ` (${t.pk.join(', ')} ${key.join(', ')})` : ''}`;
}

function zodPath(path: PropertyKey[], toColumn: (k: string) => string): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${i === 0 ? toColumn(String(p)) : String(p)}`)).join('');
}

const MAX_ISSUES = 10;

function refuse(issues: Issue[]): never {
  const shown = issues.slice(0, MAX_ISSUES).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  throw new CoreError('invalid_input', `The import was refused and nothing was written. ${shown.join('; ')}${more}`, {
    field: issues[0]?.path,
  });
}

/** Checks the whole document against the live schema and the domain before anything is written. */
function validateDoc(db: Db, doc: unknown): ExportDoc {
  const current = schemaVersion(db);
  const envelope = z.strictObject({
    format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}" (this is not a Casefile JSON export)` }),
    schemaVersion: z.number().int(),
    tables: z.record(z.string(), z.array(z.unknown(), { error: 'must be an array of rows' })),
  }).safeParse(doc);
  if (!envelope.success) {
    refuse(envelope.error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'document', message: i.message })));
  }
  const env = envelope.data;
  if (env.schemaVersion !== current) {
    refuse([{
      path: 'schemaVersion',
      message: `the export is from database schema ${env.schemaVersion}, this Casefile uses schema ${current}; import it with the Casefile version that wrote it`,
    }]);
  }

  const issues: Issue[] = [];
  const live = new Map(tablesOf(db).map((t) => [t.name, t]));
  for (const name of Object.keys(env.tables)) {
    if (!live.has(name)) issues.push({ path: `tables.${name}`, message: 'is not a table of this database schema' });
  }
  for (const name of live.keys()) {
    if (!(name in env.tables)) issues.push({ path: `tables.${name}`, message: 'is missing (an export lists every table, empty or not)' });
  }
  if (issues.length) refuse(issues);

  for (const t of live.values()) {
    const schema = rowSchema(t);
    const rows = env.tables[t.name] ?? [];
    rows.forEach((row, i) => {
      if (issues.length > MAX_ISSUES) return;
      const label = rowLabel(t, i, row);
      const parsed = schema.safeParse(row);
      if (!parsed.success) {
        for (const is of parsed.error.issues) {
          issues.push({ path: `${label}${is.path.length ? '.' : ''}${zodPath(is.path, (k) => k)}`, message: is.message });
        }
        return;
      }
      const dom = domainRecord(t.name, row as Row);
      if (!dom) return;
      if ('badColumn' in dom) { issues.push({ path: `${label}.${dom.badColumn}`, message: dom.message }); return; }
      const checked = dom.schema.safeParse(dom.rec);
      if (!checked.success) {
        for (const is of checked.error.issues) issues.push({ path: `${label}.${zodPath(is.path, snake)}`, message: is.message });
      }
    });
  }
  if (issues.length) refuse(issues);
  return env as ExportDoc;
}

/** Typed references the schema cannot hold as foreign keys: (table, type column, id column). */
const POLYMORPHIC: [table: string, typeCol: string, idCol: string][] = [
  ['case_items', 'item_type', 'item_id'],
  ['citations', 'citing_type', 'citing_id'],
  ['notes', 'target_type', 'target_id'],
  ['attachments', 'owner_type', 'owner_id'],
];

function danglingReferences(db: Db, tables: Map<string, TableInfo>): Issue[] {
  const issues: Issue[] = [];
  for (const [table, typeCol, idCol] of POLYMORPHIC) {
    const t = tables.get(table);
    if (!t) continue;
    const types = (db.prepare(`SELECT DISTINCT ${typeCol} AS type FROM ${table}`).all() as { type: string }[]).map((r) => r.type);
    for (const type of types) {
      if (!isEditableType(type)) continue;
      const target = tableOf(type).table;
      const rows = db.prepare(
        `SELECT x.* FROM ${table} x WHERE x.${typeCol} = ? AND NOT EXISTS (SELECT 1 FROM ${target} WHERE id = x.${idCol}) LIMIT ${MAX_ISSUES}`,
      ).all(type) as Row[];
      for (const r of rows) {
        issues.push({ path: `${table} (${t.pk.map((k) => r[k]).join(', ')}).${idCol}`, message: `points at ${type} ${String(r[idCol])}, which is not in the document` });
      }
    }
  }
  return issues;
}

function foreignKeyIssues(db: Db): Issue[] {
  const found = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string; fkid: number }[];
  return found.slice(0, MAX_ISSUES).map((f) => {
    const fk = (db.pragma(`foreign_key_list(${quote(f.table)})`) as { id: number; from: string }[]).find((x) => x.id === f.fkid);
    const row = db.prepare(`SELECT * FROM ${quote(f.table)} WHERE rowid = ?`).get(f.rowid) as Row | undefined;
    const col = fk?.from ?? '?';
    const key = row && 'id' in row ? ` (id ${String(row.id)})` : '';
    return { path: `${f.table}${key}.${col}`, message: `points at ${f.parent} row ${String(row?.[col] ?? '')}, which is not in the document` };
  });
}

/** Inserts a validated document into an empty database and checks what only the rows together can show. */
function loadAndCheck(db: Db, live: Map<string, TableInfo>, valid: ExportDoc, counts: Record<string, number>): void {
  db.transaction(() => {
    // Rows arrive in table order, not dependency order: foreign keys are checked at commit.
    db.pragma('defer_foreign_keys = ON');
    for (const t of live.values()) {
      const rows = valid.tables[t.name] ?? [];
      const cols = t.columns.map((c) => c.name);
      const insert = db.prepare(`INSERT INTO ${quote(t.name)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      rows.forEach((row, i) => {
        try {
          insert.run(...cols.map((c) => row[c] ?? null));
        } catch (err) {
          refuse([{ path: rowLabel(t, i, row), message: (err as Error).message }]);
        }
      });
      counts[t.name] = rows.length;
    }
    const refs = [...danglingReferences(db, live), ...foreignKeyIssues(db)];
    if (refs.length) refuse(refs);
    // An approval must still match its text: a forged one does not travel.
    const forged = brokenApprovals(db);
    if (forged.length) {
      refuse(forged.map((b) => ({ path: `translation_revisions (id ${b.revision.id})`, message: b.problem })));
    }
    const audit = verifyAudit(db, null);
    if (!audit.ok) refuse([{ path: `audit_log${audit.firstBroken?.seq != null ? ` (seq ${audit.firstBroken.seq})` : ''}`, message: audit.firstBroken?.message ?? 'the chain is broken' }]);
  }).immediate();
}

/**
 * Loads an export into an empty data folder, all or nothing: the document is validated as a
 * whole first, then loaded into a staging database beside the live one, where references, the
 * approvals and the audit chain are checked, all without touching the live database. Only a
 * document that passes is copied in, table by table in one short transaction (SQLite's own
 * INSERT ... SELECT), so another Casefile on the same folder never waits on the checks. The
 * import itself is not audited: the log arrives as it was written.
 */
export function importJson(core: Core, doc: unknown, opts: { afterStaging?: () => void } = {}): ImportResult {
  const db = core.state.db;
  const live = new Map(tablesOf(db).map((t) => [t.name, t]));
  const requireEmpty = () => {
    const nonEmpty = [...live.keys()].filter((name) => db.prepare(`SELECT 1 FROM ${quote(name)} LIMIT 1`).get());
    if (!nonEmpty.length) return;
    const which = nonEmpty.length > 3 ? `${nonEmpty.slice(0, 3).join(', ')} and ${nonEmpty.length - 3} more tables` : nonEmpty.join(', ');
    throw new CoreError('failed', `The data folder already holds records (in ${which}); import into an empty folder. Nothing was written.`);
  };
  requireEmpty();
  const valid = validateDoc(db, doc);

  // Staging files an import left when it was stopped (killed, a power cut) go first.
  for (const f of fs.readdirSync(core.dataDir)) if (/^\.import-[0-9a-f-]+\.sqlite/.test(f)) fs.rmSync(path.join(core.dataDir, f), { force: true });
  const stagedFile = path.join(core.dataDir, `.import-${crypto.randomUUID()}.sqlite`);
  const counts: Record<string, number> = {};
  try {
    const staged = openDb(stagedFile);
    try {
      // A scratch copy, never the desk: durability does not matter here, speed does.
      staged.pragma('synchronous = OFF');
      migrate(staged);
      loadAndCheck(staged, live, valid, counts);
    } finally {
      staged.close();
    }
    opts.afterStaging?.();
    db.prepare('ATTACH DATABASE ? AS staged').run(stagedFile);
    try {
      withWriteLock(() => db.transaction(() => {
        // Again under the write lock: another process may have written while the document was checked.
        requireEmpty();
        db.pragma('defer_foreign_keys = ON');
        for (const t of live.values()) {
          const cols = t.columns.map((c) => quote(c.name)).join(', ');
          db.exec(`INSERT INTO main.${quote(t.name)} (${cols}) SELECT ${cols} FROM staged.${quote(t.name)}`);
        }
        markSearchStale(db);
      }).immediate());
    } finally {
      db.exec('DETACH DATABASE staged');
    }
  } finally {
    for (const f of [stagedFile, `${stagedFile}-wal`, `${stagedFile}-shm`, `${stagedFile}-journal`]) fs.rmSync(f, { force: true });
  }
  writeHeadFile(core.dataDir, readChainHead(db));
  // The index is derived, so it does not travel: build it now, so the imported desk is
  // searchable and passes `check` straight away.
  ensureIndex(db);
  return { counts };
}
