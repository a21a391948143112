/**
 * The whole database as one JSON document, for moving a desk between machines and for
 * backups a person can read. Rows are exported as stored (snake_case columns, JSON columns
 * as their text) and ordered by primary key, with no export timestamp, so that
 * export -> import -> export gives the same tables. The audit log (with its row images) and
 * the change log travel too, so the hash chain survives the move, and so does the head of the
 * chain signed by the exporting desk's key: an import refuses a document whose rows disagree
 * with its trail or whose trail that desk did not sign. Attachment files are not in the
 * document, nor is the search index (it is rebuilt from the records).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import { z } from 'zod';
import { ActorRelation, CaseItem, Citation } from '../../../shared/domain';
import { ensureIndex } from '../search';
import { readChainHead } from '../audit/chain';
import { headMessage, writeSignedHead } from '../audit/head';
import { replayTrailSync } from '../audit/replay';
import { verifyAudit } from '../audit/verify';
import { fingerprintOf, verifySignature } from '../keys';
import { migrate, schemaVersion } from '../db/migrate';
import { openDb, rawKeyLiteral, type Db } from '../db/open';
import { withWriteLock } from '../db/lock';
import { TABLES, isEditableType, rowToRecord, snake, tableOf, type TableDef } from '../db/tables';
import { CoreError } from '../errors';
import { showDifference } from '../audit/replay';
import { brokenApprovals, EditedByJson, SegmentsJson } from '../db/repos/translations';
import type { Core } from '../index';
import { quietJob, type Job } from '../job';

export const EXPORT_FORMAT = 'casefile-export';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** The head of the document's audit chain, signed by the desk that exported it. */
export const SignedHead = z.strictObject({
  deskId: z.string(),
  deskName: z.string(),
  /** Raw Ed25519 public key of the exporting desk, base64. */
  publicKey: z.string(),
  seq: z.number().int().min(0),
  hash: z.string(),
  at: z.string().nullable(),
  /** Ed25519 signature of the head (audit/head.ts headMessage), base64. */
  signature: z.string(),
});
export type SignedHead = z.infer<typeof SignedHead>;

export interface ExportDoc {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  head: SignedHead;
  tables: Record<string, Row[]>;
}

export interface ImportResult {
  /** Rows imported per table. */
  counts: Record<string, number>;
  /** The desk whose key signed the imported history. */
  signedBy: { deskId: string; deskName: string; fingerprint: string };
}

export interface ImportOptions {
  /** Refuse unless the history is signed by the desk key with this fingerprint. */
  expectFingerprint?: string;
  /** For tests: runs once the document is staged and checked, before it is copied in. */
  afterStaging?: () => void;
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

const EXPORT_CHUNK_CHARS = 1 << 20;

/**
 * The export document as text, about a megabyte at a time: the same bytes as
 * `JSON.stringify(doc, null, 2) + '\n'`, without ever holding the document (a desk of a
 * million statements is gigabytes of JSON, past V8's longest string). One read transaction,
 * open until the generator finishes, so every table is from the same moment; nothing else may
 * use this connection meanwhile (the CLI and the Core host's job worker have theirs alone).
 * `counts` is filled in as tables are written.
 */
export function* exportChunks(core: Core, job: Job = quietJob(), counts: Record<string, number> = {}): Generator<string, void, undefined> {
  const db = core.state.db;
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  try {
    const tables = tablesOf(db);
    const total = tables.reduce((n, t) => n + (db.prepare(`SELECT count(*) FROM ${quote(t.name)}`).pluck().get() as number), 0);
    let done = 0;
    job.progress('exporting records', 0, total);
    // The head of the trail as of this read, signed by this desk (Ed25519 signatures are
    // deterministic: the same history signs the same).
    const key = core.state.key;
    const last = readChainHead(db);
    const head: SignedHead = {
      deskId: key.deskId, deskName: key.deskName, publicKey: key.publicKey, ...last, signature: key.sign(headMessage(last)).toString('base64'),
    };
    let buf = `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "schemaVersion": ${schemaVersion(db)},\n  "head": ${JSON.stringify(head, null, 2).replace(/\n/g, '\n  ')},\n  "tables": {`;
    for (const [i, t] of tables.entries()) {
      buf += `${i ? ',' : ''}\n    ${JSON.stringify(t.name)}: [`;
      let n = 0;
      for (const row of db.prepare(`SELECT * FROM ${quote(t.name)} ORDER BY ${orderBy(t)}`).iterate()) {
        // Rows are flat and a JSON string never holds a raw newline: re-indenting is safe.
        buf += `${n ? ',' : ''}\n      ${JSON.stringify(row, null, 2).replace(/\n/g, '\n      ')}`;
        n++;
        if (buf.length >= EXPORT_CHUNK_CHARS) {
          job.progress('exporting records', done + n, total);
          yield buf;
          buf = '';
        }
      }
      buf += n ? '\n    ]' : ']';
      counts[t.name] = n;
      done += n;
    }
    buf += `${tables.length ? '\n  ' : ''}}\n}\n`;
    job.progress('exporting records', total, total);
    yield buf;
  } finally {
    if (own) db.exec('COMMIT');
  }
}

/** The export as one object, for small desks and tests: the same document exportChunks() writes. */
export function exportJson(core: Core): ExportDoc {
  return JSON.parse([...exportChunks(core)].join('')) as ExportDoc;
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

class NotJson extends Error {}

/**
 * Loads an export into an empty data folder, all or nothing, reading it a chunk at a time: a
 * desk of a million statements never has to fit in memory. The rows go into a staging
 * database beside the live one, each checked against the live schema and the domain as it
 * arrives; after the last, references, approvals and the audit chain are checked there. Only
 * a document that passes is copied in, table by table in one short transaction (SQLite's own
 * INSERT ... SELECT), so another Casefile on the same folder never waits on the reading and
 * the checks. Any problem (up to MAX_ISSUES are gathered, so several are named at once), a
 * cancel, or a failure leaves the live database untouched. The import itself is not audited:
 * the log arrives as it was written. Use importJsonFrom() for a stream, importJson() for an object.
 */
export class JsonImport {
  /** The staging database the document is read into. */
  private readonly db: Db;
  private readonly liveDb: Db;
  private readonly stagedFile: string;
  /** The desk's database key (null on a plain desk): the staging database is encrypted with it. */
  private readonly dbKey: Buffer | null;
  private readonly live: Map<string, TableInfo>;
  private readonly schemas = new Map<string, { row: z.ZodType; insert: Database.Statement; cols: string[] }>();
  private readonly issues: Issue[] = [];
  private readonly counts: Record<string, number> = {};
  private readonly present = new Set<string>();
  private readonly tokenizer = new Tokenizer();
  private readonly parser = new TokenParser({ paths: ['$.format', '$.schemaVersion', '$.head', '$.tables.*.*'], keepStack: false });
  /** Where the tokens are: one frame per open object or array. */
  private readonly frames: { object: boolean; key: string | null; expectKey: boolean }[] = [];
  private format: unknown = undefined;
  private version: unknown = undefined;
  private head: unknown = undefined;
  private open = false;
  private ended = false;

  constructor(private readonly core: Core, private readonly job: Job = quietJob(), private readonly opts: ImportOptions = {}) {
    this.liveDb = core.state.db;
    this.live = new Map(tablesOf(this.liveDb).map((t) => [t.name, t]));
    this.requireEmpty();
    // Staging files an import left when it was stopped (killed, a power cut) go first.
    for (const f of fs.readdirSync(core.dataDir)) if (/^\.import-[0-9a-f-]+\.sqlite/.test(f)) fs.rmSync(path.join(core.dataDir, f), { force: true });
    this.stagedFile = path.join(core.dataDir, `.import-${crypto.randomUUID()}.sqlite`);
    // Encrypted like the desk it is copied into: a plain staging copy beside an encrypted desk
    // would leave its records readable on the disk.
    this.dbKey = core.state.dbKey;
    this.db = openDb(this.stagedFile, { key: this.dbKey });
    this.open = true;
    try {
      // A scratch copy, never the desk: durability does not matter here, speed does.
      this.db.pragma('synchronous = OFF');
      migrate(this.db);
      this.db.exec('BEGIN');
    } catch (err) {
      this.abort();
      throw err;
    }
    // Rows arrive in table order, not dependency order: foreign keys are checked at commit.
    this.db.pragma('defer_foreign_keys = ON');
    this.tokenizer.onToken = (t) => {
      this.track(t.token, t.value);
      this.parser.write(t);
    };
    this.parser.onEnd = () => { this.ended = true; };
    this.parser.onValue = ({ value, key, stack }) => {
      if (stack.length === 1) {
        if (key === 'format') this.format = value;
        else if (key === 'head') this.head = value;
        else this.version = value;
        if (key === 'schemaVersion') this.checkVersion();
        if (key === 'format' && value !== EXPORT_FORMAT) refuse([{ path: 'format', message: FORMAT_MESSAGE }]);
        return;
      }
      const table = stack[2]?.key;
      if (typeof table === 'string' && typeof key === 'number') this.row(table, key, value);
    };
  }

  private requireEmpty(): void {
    const nonEmpty = [...this.live.keys()].filter((name) => this.liveDb.prepare(`SELECT 1 FROM ${quote(name)} LIMIT 1`).get());
    if (!nonEmpty.length) return;
    const which = nonEmpty.length > 3 ? `${nonEmpty.slice(0, 3).join(', ')} and ${nonEmpty.length - 3} more tables` : nonEmpty.join(', ');
    throw new CoreError('failed', `The data folder already holds records (in ${which}); import into an empty folder. Nothing was written.`);
  }

  private checkVersion(): void {
    const current = schemaVersion(this.db);
    if (typeof this.version !== 'number' || !Number.isInteger(this.version)) {
      refuse([{ path: 'schemaVersion', message: 'Invalid input: expected an integer' }]);
    }
    if (this.version !== current) {
      refuse([{
        path: 'schemaVersion',
        message: `the export is from database schema ${String(this.version)}, this Casefile uses schema ${current}; import it with the Casefile version that wrote it`,
      }]);
    }
  }

  /** Follows the document's structure token by token: the envelope's keys and the tables' names. */
  private track(token: TokenType, value: unknown): void {
    const top = this.frames[this.frames.length - 1];
    if (top?.object && top.expectKey && token === TokenType.STRING) {
      top.key = value as string;
      top.expectKey = false;
      return;
    }
    if (token === TokenType.COMMA) {
      if (top?.object) top.expectKey = true;
      return;
    }
    if (token === TokenType.COLON) return;
    if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      this.frames.pop();
      return;
    }
    // A value starts here.
    const isObject = token === TokenType.LEFT_BRACE;
    const isArray = token === TokenType.LEFT_BRACKET;
    this.valueAt(this.frames.length, top?.object ? top.key : null, isObject ? 'object' : isArray ? 'array' : 'value');
    if (isObject || isArray) this.frames.push({ object: isObject, key: null, expectKey: isObject });
  }

  private valueAt(depth: number, key: string | null, kind: 'object' | 'array' | 'value'): void {
    if (depth === 0 && kind !== 'object') refuse([{ path: 'document', message: 'Invalid input: expected an object' }]);
    if (depth === 1 && key !== 'format' && key !== 'schemaVersion' && key !== 'head' && key !== 'tables') {
      this.issue({ path: 'document', message: `Unrecognized key: ${JSON.stringify(key)}` });
    }
    if (depth === 1 && key === 'tables' && kind !== 'object') this.issue({ path: 'tables', message: 'Invalid input: expected an object of tables' });
    if (depth === 2 && this.frames[0]?.key === 'tables' && key !== null) {
      if (kind !== 'array') this.issue({ path: `tables.${key}`, message: 'must be an array of rows' });
      else if (!this.live.has(key)) this.issue({ path: `tables.${key}`, message: 'is not a table of this database schema' });
      else if (this.present.has(key)) this.issue({ path: `tables.${key}`, message: 'appears twice' });
      else {
        this.present.add(key);
        this.counts[key] = 0;
      }
    }
  }

  private issue(i: Issue): void {
    this.issues.push(i);
    if (this.issues.length > MAX_ISSUES) refuse(this.issues);
  }

  private row(table: string, index: number, row: unknown): void {
    const t = this.live.get(table);
    if (!t || !this.present.has(table) || this.counts[table] !== index) return;
    this.counts[table] = index + 1;
    let schema = this.schemas.get(table);
    if (!schema) {
      const cols = t.columns.map((c) => c.name);
      const insert = this.db.prepare(`INSERT INTO ${quote(t.name)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      schema = { row: rowSchema(t), insert, cols };
      this.schemas.set(table, schema);
    }
    const label = rowLabel(t, index, row);
    const parsed = schema.row.safeParse(row);
    if (!parsed.success) {
      for (const is of parsed.error.issues) this.issue({ path: `${label}${is.path.length ? '.' : ''}${zodPath(is.path, (k) => k)}`, message: is.message });
      return;
    }
    const dom = domainRecord(t.name, row as Row);
    if (dom && 'badColumn' in dom) { this.issue({ path: `${label}.${dom.badColumn}`, message: dom.message }); return; }
    if (dom) {
      const checked = dom.schema.safeParse(dom.rec);
      if (!checked.success) {
        for (const is of checked.error.issues) this.issue({ path: `${label}.${zodPath(is.path, snake)}`, message: is.message });
        return;
      }
    }
    // Once anything is wrong nothing more is written: the rest is only checked, to name more problems.
    if (this.issues.length) return;
    try {
      schema.insert.run(...schema.cols.map((c) => (row as Row)[c] ?? null));
    } catch (err) {
      this.issue({ path: label, message: (err as Error).message });
    }
  }

  /** The next piece of the document (text or UTF-8 bytes; a piece may end anywhere). */
  write(chunk: string | Uint8Array): void {
    if (this.ended) {
      if (typeof chunk === 'string' ? chunk.trim() === '' : chunk.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) return;
      throw new NotJson('there is more after the end of the document');
    }
    try {
      this.tokenizer.write(chunk);
    } catch (err) {
      if (err instanceof CoreError) throw err;
      throw new NotJson((err as Error).message);
    }
  }

  /** After the last piece: the checks that need the whole document, then the commit. */
  finish(): ImportResult {
    const db = this.db;
    if (!this.ended) throw new NotJson('the document ends too early');
    if (this.format !== EXPORT_FORMAT) this.issues.unshift({ path: 'format', message: FORMAT_MESSAGE });
    if (this.version === undefined) this.issues.push({ path: 'schemaVersion', message: 'Invalid input: expected number, received undefined' });
    const head = SignedHead.safeParse(this.head);
    if (!head.success) {
      for (const is of head.error.issues) this.issues.push({ path: `head${is.path.length ? '.' : ''}${zodPath(is.path, (k) => k)}`, message: is.message });
    }
    for (const name of this.live.keys()) {
      if (!this.present.has(name)) this.issues.push({ path: `tables.${name}`, message: 'is missing (an export lists every table, empty or not)' });
    }
    if (this.issues.length) refuse(this.issues);
    // The trail first: an entry taken out leaves its row images pointing at nothing, and the
    // chain says what happened.
    const entries = this.counts.audit_log ?? 0;
    const audit = verifyAudit(db, null, (n) => { if (n % 1000 === 0) this.job.progress('verifying the audit trail', n, entries); });
    if (!audit.ok) refuse([{ path: `audit_log${audit.firstBroken?.seq != null ? ` (seq ${audit.firstBroken.seq})` : ''}`, message: audit.firstBroken?.message ?? 'the chain is broken' }]);
    this.job.progress('checking references', 0, 0);
    const refs = [...danglingReferences(db, this.live), ...foreignKeyIssues(db)];
    if (refs.length) refuse(refs);
    // An approval must still match its text: a forged one does not travel.
    const forged = brokenApprovals(db, () => this.job.check());
    if (forged.length) {
      refuse(forged.map((b) => ({ path: `translation_revisions (id ${b.revision.id})`, message: b.problem })));
    }
    const signed = head.data as SignedHead;
    const headProblem = headIssue(signed, readChainHead(db), this.opts);
    if (headProblem) refuse([{ path: 'head', message: headProblem }]);
    // Every row must be what its (intact, signed) trail says: a role grant or an original
    // edited into the document without its own entry does not travel.
    this.job.progress('comparing records with the audit trail', 0, 0);
    const replay = replayTrailSync(db, { limit: MAX_ISSUES, onProgress: (done, total) => this.job.progress('comparing records with the audit trail', done, total), signal: this.job.signal });
    if (replay.differences.length) {
      const issues = replay.differences.map((d) => {
        const [want, have] = showDifference(d.expected, d.found);
        return {
          path: `${d.table} (${d.compositeKey ? '' : 'id '}${d.id})${d.field ? `.${snake(d.field)}` : ''}`,
          message: d.field ? `differs from its audit trail: expected ${want} (audit entry ${d.seq ?? '?'}), found ${have}` : d.message,
        };
      });
      if (replay.more) issues.push({ path: 'records', message: `and ${replay.more} more records differ from the audit trail` });
      refuse(issues);
    }
    // The last moment a cancel can take effect: after the copy the import is whole.
    this.job.check();
    db.exec('COMMIT');
    db.close();
    this.opts.afterStaging?.();
    const live = this.liveDb;
    this.job.progress('copying into the desk', 0, 0);
    if (this.dbKey) live.prepare('ATTACH DATABASE ? AS staged KEY ?').run(this.stagedFile, rawKeyLiteral(this.dbKey));
    else live.prepare('ATTACH DATABASE ? AS staged').run(this.stagedFile);
    try {
      withWriteLock(() => live.transaction(() => {
        // Again under the write lock: another process may have written while the document was read.
        this.requireEmpty();
        live.pragma('defer_foreign_keys = ON');
        for (const t of this.live.values()) {
          const cols = t.columns.map((c) => quote(c.name)).join(', ');
          live.exec(`INSERT INTO main.${quote(t.name)} (${cols}) SELECT ${cols} FROM staged.${quote(t.name)}`);
        }
        markSearchStale(live);
      }).immediate());
    } finally {
      live.exec('DETACH DATABASE staged');
      this.removeStaging();
    }
    writeSignedHead(this.core.dataDir, this.core.state.key, readChainHead(live));
    // The index is derived, so it does not travel: build it now, so the imported desk is
    // searchable and passes `check` straight away.
    this.job.progress('building the search index', 0, 0);
    ensureIndex(live);
    return { counts: { ...this.counts }, signedBy: { deskId: signed.deskId, deskName: signed.deskName, fingerprint: fingerprintOf(signed.publicKey) } };
  }

  /** Drops the staging database (a refusal, a cancel, a failure): the live one was never touched. */
  abort(): void {
    if (this.open) {
      if (this.db.open) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.db.close();
      }
      this.removeStaging();
    }
  }

  private removeStaging(): void {
    this.open = false;
    const f = this.stagedFile;
    for (const x of [f, `${f}-wal`, `${f}-shm`, `${f}-journal`]) fs.rmSync(x, { force: true });
  }
}

const FORMAT_MESSAGE = `must be "${EXPORT_FORMAT}" (this is not a Casefile JSON export)`;

function notJson(err: NotJson): CoreError {
  return new CoreError('invalid_input', `The import was refused and nothing was written. The document is not valid JSON: ${err.message}`);
}

/** Imports a document already in memory (small desks, tests). */
export function importJson(core: Core, doc: unknown, opts: ImportOptions = {}): ImportResult {
  const imp = new JsonImport(core, quietJob(), opts);
  try {
    imp.write(JSON.stringify(doc) ?? '');
    return imp.finish();
  } catch (err) {
    imp.abort();
    throw err instanceof NotJson ? notJson(err) : err;
  }
}

/**
 * Imports a document read piece by piece (a file stream, standard input). `totalBytes`, when
 * known, makes the progress a fraction. Cancelling through the job rolls everything back.
 */
export async function importJsonFrom(
  core: Core, source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, opts: { totalBytes?: number; job?: Job } & ImportOptions = {},
): Promise<ImportResult> {
  const job = opts.job ?? quietJob();
  const imp = new JsonImport(core, job, { expectFingerprint: opts.expectFingerprint });
  try {
    let read = 0;
    for await (const chunk of source) {
      imp.write(chunk);
      read += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
      job.progress('reading and checking the document', read, opts.totalBytes ?? 0);
      await job.breathe();
    }
    return imp.finish();
  } catch (err) {
    imp.abort();
    throw err instanceof NotJson ? notJson(err) : err;
  }
}

/** Why the document's signed head does not vouch for its trail, or null. */
function headIssue(head: SignedHead, last: { seq: number; hash: string; at: string | null }, opts: ImportOptions): string | null {
  if (head.seq !== last.seq || head.hash !== last.hash || head.at !== last.at) {
    return `names audit entry ${head.seq} (${head.hash.slice(0, 16)}…), but the document's trail ends at entry ${last.seq} (${last.hash.slice(0, 16)}…): the trail was changed after it was signed`;
  }
  let publicKeyOk = false;
  try {
    publicKeyOk = Buffer.from(head.publicKey, 'base64').length === 32;
  } catch {
    publicKeyOk = false;
  }
  const fingerprint = publicKeyOk ? fingerprintOf(head.publicKey) : '(not a key)';
  if (!publicKeyOk || !verifySignature(head.publicKey, headMessage(head), Buffer.from(head.signature, 'base64'))) {
    return `is not signed by the desk key it names (${fingerprint}): the trail was rewritten by someone without that desk's key`;
  }
  if (opts.expectFingerprint !== undefined && opts.expectFingerprint !== fingerprint) {
    return `is signed by the desk key ${fingerprint}, not by ${opts.expectFingerprint} as expected: the document comes from another desk, or was re-signed`;
  }
  return null;
}
