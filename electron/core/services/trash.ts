import { formatAnchor } from '../audit/anchor';
import { readChainHead, rowToEntry } from '../audit/chain';
import { headMessage } from '../audit/head';
import { verifyAudit } from '../audit/verify';
import type { AuditEntry } from '../../../shared/domain';
import { deleteRecord, getRecord, listTrashed } from '../db/repos/records';
import { getTranslation } from '../db/repos/translations';
import { TABLES, tableOf, isEditableType, type EditableType } from '../db/tables';
import { CoreError } from '../errors';
import { diff } from './diff';
import { record } from './record';
import { requirePermission } from './permissions';
import { write } from './write';
import type { CoreState } from './state';
import { mustGet } from './entity';
import { handlerGroup } from './types';

/** Link rows that mean nothing once their record is gone. */
const DEPENDENTS: Partial<Record<EditableType, string[]>> = {
  case: ['DELETE FROM case_items WHERE case_id = @id'],
  statement: [
    "DELETE FROM case_items WHERE item_type = 'statement' AND item_id = @id",
    'DELETE FROM statement_relations WHERE statement_id = @id OR related_id = @id',
    "DELETE FROM citations WHERE citing_type = 'statement' AND citing_id = @id",
  ],
  source: ["DELETE FROM case_items WHERE item_type = 'source' AND item_id = @id"],
  report: [
    "DELETE FROM case_items WHERE item_type = 'report' AND item_id = @id",
    "DELETE FROM citations WHERE citing_type = 'report' AND citing_id = @id",
  ],
  actor: ['DELETE FROM actor_relations WHERE from_actor_id = @id OR to_actor_id = @id'],
};

/** Records that still point at the one to purge; purging would leave them dangling. */
function blockers(s: CoreState, type: EditableType, id: string): string[] {
  const checks: [string, string][] = [];
  if (type === 'actor') checks.push(['statements that name it as speaker or organisation', 'SELECT count(*) n FROM statements WHERE speaker_id = @id OR on_behalf_of_id = @id']);
  if (type === 'source') checks.push(['citations of it', 'SELECT count(*) n FROM citations WHERE source_id = @id']);
  if (type === 'case') checks.push(['timeline events', 'SELECT count(*) n FROM events WHERE case_id = @id']);
  if (type === 'statement') checks.push(['translations', 'SELECT count(*) n FROM translations WHERE statement_id = @id']);
  if (type === 'statement') checks.push(['reports that quote it', "SELECT count(*) n FROM reports WHERE instr(body, 'statement=' || @id) > 0"]);
  // What went out stays: a published report is never purged.
  if (type === 'report') checks.push(['published versions', 'SELECT count(*) n FROM report_versions WHERE report_id = @id']);
  if (type === 'profile') checks.push(['sources it captured', 'SELECT count(*) n FROM sources WHERE captured_by = @id']);
  // Trashed notes count too: purging past them would leave a restorable note about nothing.
  checks.push(['notes (including any in the trash)', 'SELECT count(*) n FROM notes WHERE target_id = @id']);
  checks.push(['attachments', 'SELECT count(*) n FROM attachments WHERE owner_id = @id']);
  return checks.filter(([, sql]) => (s.db.prepare(sql).get({ id }) as { n: number }).n > 0).map(([what]) => what);
}

function caseRecordIds(s: CoreState, caseId: string): string[] {
  const items = (s.db.prepare('SELECT item_id FROM case_items WHERE case_id = ?').all(caseId) as { item_id: string }[]).map((r) => r.item_id);
  const events = (s.db.prepare('SELECT id FROM events WHERE case_id = ?').all(caseId) as { id: string }[]).map((r) => r.id);
  const owners = [caseId, ...items, ...events];
  const ph = owners.map(() => '?').join(',');
  const notes = (s.db.prepare(`SELECT id FROM notes WHERE target_id IN (${ph})`).all(...owners) as { id: string }[]).map((r) => r.id);
  const atts = (s.db.prepare(`SELECT id FROM attachments WHERE owner_id IN (${ph})`).all(...owners) as { id: string }[]).map((r) => r.id);
  // Submissions, approvals and change requests are entries of the statement's translations.
  const translations = (s.db.prepare(`SELECT id FROM translations WHERE statement_id IN (${ph})`).all(...owners) as { id: string }[]).map((r) => r.id);
  return [...owners, ...notes, ...atts, ...translations];
}

/** The name an audit entry's record goes by (see AuditListEntry.title); cached per listing. */
function titler(s: CoreState): (recordType: string, recordId: string) => string | null {
  const cache = new Map<string, string | null>();
  const title = (recordType: string, recordId: string): string | null => {
    const key = `${recordType}:${recordId}`;
    if (cache.has(key)) return cache.get(key) as string | null;
    let out: string | null = null;
    if (recordType === 'translation') {
      const t = getTranslation(s.db, recordId);
      const of = t ? title('statement', t.statementId) : null;
      out = t && of !== null ? `${of} (${t.targetLang})` : null;
    } else if (isEditableType(recordType)) {
      const rec = getRecord(s.db, recordType, recordId);
      out = rec ? tableOf(recordType).titleOf(rec as never) : null;
    }
    cache.set(key, out);
    return out;
  };
  return title;
}

/** For a case's add_item / remove_item, the record added or removed ("statement:ID" is the change's key). */
function subjectOf(e: AuditEntry): [string, string] | null {
  if (e.action !== 'case.add_item' && e.action !== 'case.remove_item') return null;
  const key = Object.keys(e.changes)[0] ?? '';
  const at = key.indexOf(':');
  return at > 0 ? [key.slice(0, at), key.slice(at + 1)] : null;
}

export const trashHandlers = handlerGroup({
  'trash.list': (s, _a, { recordType }) => {
    const types = (recordType ? [recordType] : Object.keys(TABLES)).filter(isEditableType);
    return types
      .flatMap((t) => listTrashed(s.db, t).map((r) => {
        const rec = r as unknown as { id: string; deletedAt: string; rev: number };
        return { recordType: t, id: rec.id, title: tableOf(t).titleOf(r as never), deletedAt: rec.deletedAt, rev: rec.rev };
      }))
      .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  },

  'trash.purge': (s, actor, { recordType, id, rev }) => {
    requirePermission(actor, 'trash.purge');
    if (!isEditableType(recordType)) throw CoreError.invalid('recordType', `${recordType} records are not kept in the trash`);
    let orphanBlob: string | null = null;
    write(s, () => {
      const current = mustGet(s, recordType, id, { allowTrashed: true }) as unknown as Record<string, unknown>;
      if (!current.deletedAt) throw CoreError.invalid('id', `the ${tableOf(recordType).label} is not in the trash: trash it first`);
      if (current.rev !== rev) throw new CoreError('conflict', 'This record changed since you looked at it; nothing was purged.', { current });
      const blocking = blockers(s, recordType, id);
      if (blocking.length) {
        throw new CoreError('failed', `Cannot purge this ${tableOf(recordType).label}: it still has ${blocking.join(', ')}. Remove or purge those first.`);
      }
      for (const sql of DEPENDENTS[recordType] ?? []) s.db.prepare(sql).run({ id });
      deleteRecord(s.db, recordType, id);
      record(s, actor, `${recordType}.purge`, recordType, id, diff(current, null), 'delete');
      if (recordType === 'attachment') {
        const sha = current.sha256 as string;
        const still = s.db.prepare('SELECT 1 FROM attachments WHERE sha256 = ?').get(sha);
        if (!still) orphanBlob = sha;
      }
    });
    if (orphanBlob) s.store.remove(orphanBlob);
    return { ok: true as const };
  },

  'audit.list': (s, _a, q) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.recordType) { where.push('record_type = ?'); params.push(q.recordType); }
    if (q.recordId) { where.push('record_id = ?'); params.push(q.recordId); }
    if (q.actorId) { where.push('actor_id = ?'); params.push(q.actorId); }
    if (q.beforeSeq) { where.push('seq < ?'); params.push(q.beforeSeq); }
    if (q.caseId) {
      const ids = caseRecordIds(s, q.caseId);
      where.push(`record_id IN (${ids.map(() => '?').join(',')})`);
      params.push(...ids);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ?`;
    const title = titler(s);
    return (s.db.prepare(sql).all(...params, q.limit) as Parameters<typeof rowToEntry>[0][]).map(rowToEntry).map((e) => {
      const [type, id] = subjectOf(e) ?? [e.recordType, e.recordId];
      return { ...e, title: title(type, id) };
    });
  },

  'audit.verify': (s) => verifyAudit(s.db, s.dataDir),

  'audit.anchor': (s) => {
    // An anchor vouches for the history it names: never for a broken one.
    const v = verifyAudit(s.db, s.dataDir);
    if (!v.ok) throw new CoreError('failed', `The audit trail cannot be anchored while it is broken: ${v.firstBroken?.message ?? 'unknown problem'} Run "casefile check".`);
    const head = readChainHead(s.db);
    if (head.seq === 0 || !head.at) throw new CoreError('failed', 'The audit trail is empty: there is nothing to anchor yet.');
    const line = formatAnchor(s.key.fingerprint, head, s.key.sign(headMessage(head)));
    return { line, fingerprint: s.key.fingerprint, seq: head.seq, hash: head.hash, at: head.at };
  },
});
