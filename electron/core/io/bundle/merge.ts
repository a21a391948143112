// Merging a verified bundle into this desk: never replacing. Records match by id. New ones are
// added; equal content is skipped; a record whose version here is one the other desk knew
// (exchange_states) fast-forwards to theirs; one whose incoming version this desk knew is kept;
// anything else is a conflict that keeps both versions and blocks nothing else. A trash done
// there is only a suggestion here. Links, translation revisions, comments and audit entries
// are append-only and unioned. `planImport` only reads; `applyImport` writes all in one
// transaction.
import crypto from 'node:crypto';
import { canonicalJson, entryHash } from '../../audit/chain';
import { getRecord, insertRecord, updateRecord } from '../../db/repos/records';
import { approvalHash } from '../../db/repos/translations';
import { TABLES, tableOf, type EditableType } from '../../db/tables';
import type { Db } from '../../db/open';
import type { Actor } from '../../services/acting';
import { diff } from '../../services/diff';
import { record } from '../../services/record';
import type { CoreState } from '../../services/state';
import { ROW_TABLES } from './collect';
import { contentHash, type AuditLine, type RecordLine } from './format';
import { refused, type OpenedBundle } from './read';
import { replayBundle } from './replayBundle';

type Rec = Record<string, unknown>;
type RecordItem = Extract<RecordLine, { kind: 'record' }>;
type RowItem = Extract<RecordLine, { kind: 'row' }>;

export type MergeAction = 'add' | 'update' | 'same' | 'keep' | 'conflict';

export interface PlannedRecord {
  line: RecordItem;
  action: MergeAction;
  /** Theirs, with the trash state of ours when they trashed it (a trash is only suggested). */
  theirs: Rec;
  theirsHash: string;
  mine: Rec | null;
  trashSuggested: boolean;
}

export interface ImportPlan {
  records: PlannedRecord[];
  rows: RowItem[];
  audit: AuditLine[];
}

const known = (db: Db, type: string, id: string) =>
  new Set(db.prepare('SELECT hash FROM exchange_states WHERE record_type = ? AND record_id = ?').pluck().all(type, id) as string[]);

export function titleOf(type: EditableType, rec: Rec): string {
  try {
    return tableOf(type).titleOf(rec as never);
  } catch {
    return String(rec.id);
  }
}

export function planImport(db: Db, opened: OpenedBundle): ImportPlan {
  checkAuditLines(opened.lines);
  const differences = replayBundle(db, opened.lines, opened.manifest.origin.deskId);
  if (differences.length) {
    const shown = differences.slice(0, 5).map((d) => d.message).join(' ');
    throw refused(`its records disagree with its own audit trail, so they were changed after that desk wrote them. ${shown}${differences.length > 5 ? ` (and ${differences.length - 5} more)` : ''}`);
  }
  const records: PlannedRecord[] = [];
  const rows: RowItem[] = [];
  const audit: AuditLine[] = [];
  for (const line of opened.lines) {
    if (line.kind === 'row') rows.push(line);
    else if (line.kind === 'audit') audit.push(line);
    else records.push(planRecord(db, line));
  }
  return { records, rows, audit };
}

function planRecord(db: Db, line: RecordItem): PlannedRecord {
  const parsed = TABLES[line.type].schema.safeParse(line.record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refused(`its ${line.type} ${String(line.record.id)} is not valid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`);
  }
  const incoming = parsed.data as Rec;
  const mine = (getRecord(db, line.type, incoming.id as string) as Rec | undefined) ?? null;
  if (!mine) return { line, action: 'add', theirs: incoming, theirsHash: contentHash(incoming), mine, trashSuggested: false };
  // A profile here is this desk's own business: an author's name arriving changes nothing.
  if (line.type === 'profile') return { line, action: 'same', theirs: incoming, theirsHash: contentHash(incoming), mine, trashSuggested: false };
  const trashSuggested = !!incoming.deletedAt && !mine.deletedAt;
  const theirs = trashSuggested ? { ...incoming, deletedAt: null } : incoming;
  const theirsHash = contentHash(theirs);
  const mineHash = contentHash(mine);
  let action: MergeAction;
  if (theirsHash === mineHash) action = 'same';
  else if (line.known.includes(mineHash)) action = 'update';
  else if (known(db, line.type, mine.id as string).has(theirsHash) || known(db, line.type, mine.id as string).has(contentHash(incoming))) action = 'keep';
  else action = 'conflict';
  return { line, action, theirs, theirsHash, mine, trashSuggested };
}

export interface ImportCounts {
  added: number; updated: number; same: number; kept: number; conflicts: number; trashSuggestions: number;
  links: number; revisions: number; comments: number; auditEntries: number;
}

/** Writes the plan; must run inside the import's write transaction. */
export function applyImport(
  s: CoreState, actor: Actor, plan: ImportPlan, bundle: { bundleId: string; deskId: string; caseId: string; ownDeskId: string },
  warnings: string[],
): ImportCounts {
  const db = s.db;
  const now = s.now();
  const counts: ImportCounts = { added: 0, updated: 0, same: 0, kept: 0, conflicts: 0, trashSuggestions: 0, links: 0, revisions: 0, comments: 0, auditEntries: 0 };
  const addState = db.prepare('INSERT OR IGNORE INTO exchange_states (record_type, record_id, hash) VALUES (?, ?, ?)');
  const provenance = db.prepare('INSERT OR IGNORE INTO record_provenance (record_type, record_id, bundle_id, desk_id, imported_at) VALUES (?, ?, ?, ?, ?)');
  const conflict = db.prepare(`INSERT OR IGNORE INTO exchange_conflicts
    (id, kind, record_type, record_id, case_id, bundle_id, origin_desk_id, theirs, theirs_hash, theirs_known, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  for (const p of plan.records) {
    const { type } = p.line;
    const id = p.theirs.id as string;
    const remember = (...hashes: string[]) => {
      for (const h of [...p.line.known, ...hashes]) addState.run(type, id, h);
    };
    if (p.trashSuggested) {
      const r = conflict.run(s.newId(), 'trash', type, id, bundle.caseId, bundle.bundleId, bundle.deskId, JSON.stringify(p.line.record), contentHash(p.line.record), JSON.stringify(p.line.known), now);
      counts.trashSuggestions += r.changes;
    }
    switch (p.action) {
      case 'add': {
        const rec = type === 'profile' && !p.theirs.deactivatedAt ? { ...p.theirs, deactivatedAt: now } : p.theirs;
        insertRecord(db, type, rec as never);
        record(s, actor, 'bundle.import', type, id, diff(null, rec), 'insert');
        provenance.run(type, id, bundle.bundleId, bundle.deskId, now);
        remember(p.theirsHash, contentHash(rec));
        counts.added++;
        break;
      }
      case 'update': {
        const mine = p.mine as Rec;
        const next: Rec = { ...p.theirs, rev: Math.max((mine.rev as number) + 1, p.theirs.rev as number) };
        updateRecord(db, type, next as never);
        record(s, actor, 'bundle.import', type, id, diff(mine, next), next.deletedAt && !mine.deletedAt ? 'delete' : 'update');
        provenance.run(type, id, bundle.bundleId, bundle.deskId, now);
        remember(p.theirsHash);
        counts.updated++;
        break;
      }
      case 'same':
        remember(p.theirsHash);
        counts.same++;
        break;
      case 'keep':
        remember(p.theirsHash, contentHash(p.mine as Rec));
        counts.kept++;
        break;
      case 'conflict': {
        const r = conflict.run(s.newId(), 'conflict', type, id, bundle.caseId, bundle.bundleId, bundle.deskId, JSON.stringify(p.theirs), p.theirsHash, JSON.stringify(p.line.known), now);
        if (r.changes) record(s, actor, 'bundle.conflict', type, id, { theirs: [null, p.theirsHash] }, 'update');
        counts.conflicts += r.changes;
        break;
      }
    }
  }

  for (const line of plan.rows) applyRow(s, actor, line, bundle, counts, warnings);
  applyAudit(db, plan.audit, bundle, counts);
  return counts;
}

const columnCache = new WeakMap<Db, Map<string, string[]>>();
function columns(db: Db, table: string): string[] {
  let m = columnCache.get(db);
  if (!m) columnCache.set(db, (m = new Map()));
  let cols = m.get(table);
  if (!cols) m.set(table, (cols = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)));
  return cols;
}

function insertRow(db: Db, table: string, row: Record<string, unknown>): number {
  const cols = columns(db, table);
  const values = cols.map((c) => (row[c] === undefined ? null : row[c]));
  try {
    return db.prepare(`INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values).changes;
  } catch (err) {
    throw refused(`a row of ${table} cannot be stored here (${(err as Error).message}).`);
  }
}

function applyRow(
  s: CoreState, actor: Actor, line: RowItem, bundle: { bundleId: string; deskId: string }, counts: ImportCounts, warnings: string[],
): void {
  const db = s.db;
  const { table, key } = ROW_TABLES[line.type];
  const row = line.row;
  const exists = db.prepare(`SELECT 1 FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`).get(...key.map((k) => row[k] ?? null));
  if (line.type === 'translation') {
    if (exists) {
      // Only when it moves: an update that changes nothing is still a write the trail must describe.
      const moved = db.prepare('UPDATE translations SET last_segment = ? WHERE id = ? AND last_segment < ?').run(row.last_segment ?? 0, row.id, row.last_segment ?? 0);
      if (moved.changes) record(s, actor, 'bundle.import', 'translation', row.id as string, { lastSegment: [null, row.last_segment] }, 'update');
      return;
    }
    const other = db.prepare('SELECT id FROM translations WHERE statement_id = ? AND target_lang = ?').pluck().get(row.statement_id, row.target_lang) as string | undefined;
    if (other) {
      warnings.push(`The ${String(row.target_lang)} translation of statement ${String(row.statement_id)} was started on both desks separately; theirs (${String(row.id)}) was not merged into ours (${other}).`);
      return;
    }
    insertRow(db, table, row);
    record(s, actor, 'bundle.import', 'translation', row.id as string, { translation: [null, row] }, 'insert');
    db.prepare('INSERT OR IGNORE INTO record_provenance (record_type, record_id, bundle_id, desk_id, imported_at) VALUES (?, ?, ?, ?, ?)')
      .run('translation', row.id, bundle.bundleId, bundle.deskId, s.now());
    return;
  }
  if (exists) return;
  if (line.type === 'translation_revision') {
    const t = db.prepare('SELECT id, rev FROM translations WHERE id = ?').get(row.translation_id) as { id: string; rev: number } | undefined;
    if (!t) return; // a translation not merged (see above): its revisions stay with it
    if (row.state === 'approved' || row.state === 'final') {
      let segments: { target: string }[];
      try {
        segments = JSON.parse(String(row.segments)) as { target: string }[];
      } catch {
        throw refused(`translation revision ${String(row.id)} has unreadable segments.`);
      }
      if (approvalHash(segments) !== row.approved_sha256) {
        throw refused(`translation revision ${String(row.id)} is marked ${String(row.state)}, but its text does not hash to the approved ${String(row.approved_sha256)}: the approval does not verify.`);
      }
    }
    // A revision made on each side since the last exchange would take the same number: theirs follows ours.
    const taken = db.prepare('SELECT 1 FROM translation_revisions WHERE translation_id = ? AND number = ?').get(row.translation_id, row.number);
    const number = taken
      ? (db.prepare('SELECT max(number) FROM translation_revisions WHERE translation_id = ?').pluck().get(row.translation_id) as number) + 1
      : row.number;
    insertRow(db, table, { ...row, number });
    db.prepare('UPDATE translations SET rev = rev + 1, updated_at = ? WHERE id = ?').run(s.now(), t.id);
    record(s, actor, 'bundle.import', 'translation', t.id, { revision: [null, { id: row.id, number, state: row.state }] }, 'update');
    counts.revisions++;
    return;
  }
  if (line.type === 'translation_comment') {
    const rev = db.prepare('SELECT translation_id FROM translation_revisions WHERE id = ?').pluck().get(row.revision_id) as string | undefined;
    if (!rev) return;
    insertRow(db, table, row);
    record(s, actor, 'bundle.import', 'translation', rev, { comment: [null, row.id] }, 'update');
    counts.comments++;
    return;
  }
  const n = insertRow(db, table, row);
  if (n) {
    // Filing an existing record into the case changes its search document (its cases): noted on the record.
    const [type, id] = line.type === 'case_item' ? [row.item_type as string, row.item_id as string]
      : line.type === 'citation' ? [row.citing_type as string, row.citing_id as string]
        : line.type === 'statement_relation' ? ['statement', row.statement_id as string] : ['actor', row.from_actor_id as string];
    record(s, actor, 'bundle.import', type, id, { [line.type]: [null, row] }, 'update');
    counts.links++;
  }
}

/** The digest a format-2 entry's hash binds: its row images, one JSON line each (audit/chain.ts digestRows). */
function digestOf(rows: AuditLine['rows']): string {
  const h = crypto.createHash('sha256');
  for (const r of rows) h.update(`${JSON.stringify([r.tbl, r.pk, r.op, r.data])}\n`, 'utf8');
  return h.digest('hex');
}

/** Every entry against its hash (and its images where the bundle carries them all), and each desk's entries against each other. */
function checkAuditLines(lines: readonly RecordLine[]): void {
  const byDesk = new Map<string, Map<number, AuditLine['entry']>>();
  for (const line of lines) {
    if (line.kind !== 'audit') continue;
    const { deskId, entry } = line;
    const { hash, ...body } = entry;
    if (entryHash(body as Parameters<typeof entryHash>[0]) !== hash) throw refused(`audit entry ${entry.seq} of desk ${deskId} does not match its own hash: it was altered.`);
    if (entry.format === 2 && !line.partial && digestOf(line.rows) !== entry.rowsDigest) {
      throw refused(`the row images of audit entry ${entry.seq} of desk ${deskId} do not match its hash: they were altered.`);
    }
    let m = byDesk.get(deskId);
    if (!m) byDesk.set(deskId, (m = new Map()));
    m.set(entry.seq, entry);
  }
  for (const [deskId, entries] of byDesk) {
    for (const e of entries.values()) {
      const before = entries.get(e.seq - 1);
      if (before && before.hash !== e.prevHash) throw refused(`audit entries ${before.seq} and ${e.seq} of desk ${deskId} do not chain: one was altered.`);
    }
  }
}

/** Other desks' audit entries, each desk's chain on its own (checked by planImport); this desk's own entries it has already. */
function applyAudit(db: Db, lines: AuditLine[], bundle: { bundleId: string; ownDeskId: string }, counts: ImportCounts): void {
  const held = db.prepare('SELECT hash FROM imported_audit WHERE desk_id = ? AND seq = ?').pluck();
  const insert = db.prepare(`INSERT INTO imported_audit (desk_id, seq, at, actor_id, action, record_type, record_id, changes, prev_hash, hash, format, rows_digest, bundle_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const { deskId, entry: e } of lines) {
    if (deskId === bundle.ownDeskId) continue;
    const h = held.get(deskId, e.seq) as string | undefined;
    if (h !== undefined) {
      if (h !== e.hash) throw refused(`audit entry ${e.seq} of desk ${deskId} differs from the one this desk already holds: one of them was altered.`);
      continue;
    }
    insert.run(deskId, e.seq, e.at, e.actorId, e.action, e.recordType, e.recordId, canonicalJson(e.changes), e.prevHash, e.hash, e.format, e.rowsDigest ?? null, bundle.bundleId);
    counts.auditEntries++;
  }
}
