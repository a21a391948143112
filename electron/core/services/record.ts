import { appendAudit, type Changes } from '../audit/chain';
import { takeCaptured } from '../audit/capture';
import { prepared } from '../db/prepared';
import { actorId, type Actor } from './acting';
import type { CoreState } from './state';

export type ChangeOp = 'insert' | 'update' | 'delete';

/**
 * What every change leaves behind, in its write's transaction: the audit entry (who, what,
 * before and after, and the images of every row the write changed since the previous entry:
 * capture.ts) and a change-log row (what changed, in order: the search index follows it, see
 * write.ts). Outside a transaction there is no write to belong to, so it is refused.
 */
export function record(
  s: CoreState, actor: Actor, action: string, recordType: string, recordId: string, changes: Changes, op: ChangeOp,
): void {
  if (!s.db.inTransaction) throw new Error(`record(${action}) outside a write transaction`);
  const at = s.now();
  appendAudit(s.db, { actorId: actorId(actor), action, recordType, recordId, changes, at }, takeCaptured(s.db));
  prepared(s.db, 'INSERT INTO change_log (record_type, record_id, op, at) VALUES (?, ?, ?, ?)').run(recordType, recordId, op, at);
}
