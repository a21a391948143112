import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import type { AttachmentStore } from '../attachments/store';
import { appendAudit, canonicalJson, GENESIS, HEAD_FILE, readChainHead, readHeadFile, writeHeadFile, type ChainHead, type Changes } from '../audit/chain';
import type { Profile, Role } from '../../../shared/domain';
import { CoreError } from '../errors';
import { indexChange } from '../search/indexer';
import type { PdfEngine } from '../io/report/pdf';

export interface CoreState {
  db: Db;
  dataDir: string;
  store: AttachmentStore;
  version: string;
  now(): string;
  newId(): string;
  /** Prints exported HTML to PDF: Electron's in the app, the system Chromium's on the command line; absent in plain tests. */
  pdfEngine?: PdfEngine;
  /** The folder with the shipped citation style and locale (resources/csl); found beside the code when absent. */
  cslDir?: string;
}

export function makeState(
  db: Db, dataDir: string, store: AttachmentStore, version: string, extra: Pick<CoreState, 'pdfEngine' | 'cslDir'> = {},
): CoreState {
  return { db, dataDir, store, version, now: () => new Date().toISOString(), newId: () => uuidv7(), ...extra };
}

/** Who is acting. `trusted` is only for the Core's own loaders (sample data), never for a door. */
export interface Actor {
  profile: Profile | null;
  trusted?: boolean;
}

export function actorId(a: Actor): string | null {
  return a.profile?.id ?? null;
}

export function hasRole(a: Actor, role: Role): boolean {
  return a.trusted === true || (a.profile?.roles.includes(role) ?? false);
}

export function requireRole(a: Actor, role: Role, action: string): void {
  if (!hasRole(a, role)) throw CoreError.forbidden(action, role);
}

export function requireAnyRole(a: Actor, roles: Role[], action: string): void {
  if (!roles.some((r) => hasRole(a, r))) {
    const names = roles.map((r) => r.replace('_', ' '));
    throw new CoreError('forbidden', `Only a profile with the ${names.join(' or ')} role may ${action}.`, { needsRole: roles[0] });
  }
}

/**
 * Runs one write as one transaction. Every write appends its audit entries and change-log rows
 * inside it; after the outermost commit the audit chain head is written beside the database.
 */
export function write<T>(s: CoreState, fn: () => T): T {
  if (s.db.inTransaction) return fn();
  const recorded = readHeadFile(s.dataDir);
  const result = s.db.transaction(fn).immediate();
  try {
    // Move the head forward only from a head the log still contains: after a cut tail or a
    // rewritten log, overwriting it would erase the evidence that `check` reports.
    if (headInChain(s.db, recorded)) writeHeadFile(s.dataDir, readChainHead(s.db));
  } catch (err) {
    // The write is committed; failing it now would tell the user their work was lost when it
    // was not. The head file stays one step behind and is brought forward on the next open.
    process.emitWarning(`Casefile could not update ${HEAD_FILE}: ${(err as Error).message}`);
  }
  return result;
}

function headInChain(db: Db, head: ChainHead | null): boolean {
  if (!head) return false;
  if (head.seq === 0) return head.hash === GENESIS;
  const at = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(head.seq) as { hash: string } | undefined;
  return at?.hash === head.hash;
}

export type ChangeOp = 'insert' | 'update' | 'delete';

/** The audit entry and the change-log row every write leaves behind. */
export function record(
  s: CoreState, actor: Actor, action: string, recordType: string, recordId: string, changes: Changes, op: ChangeOp,
): void {
  const at = s.now();
  appendAudit(s.db, { actorId: actorId(actor), action, recordType, recordId, changes, at });
  s.db.prepare('INSERT INTO change_log (record_type, record_id, op, at) VALUES (?, ?, ?, ?)').run(recordType, recordId, op, at);
  // The search index follows the record in the same transaction, so it can never drift.
  indexChange(s.db, recordType, recordId, op);
}

const BOOKKEEPING = new Set(['rev', 'updatedAt', 'updatedBy']);

/** field -> [before, after] for every field whose value changed. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Changes = {};
  for (const k of keys) {
    if (BOOKKEEPING.has(k)) continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) out[k] = [b, a];
  }
  return out;
}
