import { verifyAudit } from '../audit/chain';
import { checkIndexDb } from '../search/check';
import { brokenApprovals } from '../db/repos/translations';
import type { CoreState } from './state';
import { outdatedApprovals } from './translations';
import { checkPublishedFiles } from './reportOutput';

export interface CheckReport {
  ok: boolean;
  /** Things that are wrong: `casefile check` exits 1 when there are any. */
  problems: string[];
  /** Worth knowing, not wrong (e.g. a stored file no record uses). */
  notes: string[];
  counts: { auditEntries: number; attachments: number; blobs: number };
}

/** Database integrity, foreign keys, the audit chain and every attachment's hash. */
export async function runChecks(s: CoreState): Promise<CheckReport> {
  const problems: string[] = [];
  const notes: string[] = [];
  const integrity = s.db.pragma('integrity_check') as { integrity_check: string }[];
  for (const r of integrity) if (r.integrity_check !== 'ok') problems.push(`SQLite integrity: ${r.integrity_check}`);
  const fks = s.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const f of fks) problems.push(`Foreign key: a row in ${f.table} (rowid ${f.rowid}) points at a missing ${f.parent} record`);

  const audit = verifyAudit(s.db, s.dataDir);
  if (!audit.ok && audit.firstBroken) problems.push(`Audit trail: ${audit.firstBroken.message}`);

  // An approval is pinned to the SHA-256 of the exact approved text: text changed behind the
  // Core's back (or an approval written without a review) must never pass as approved.
  for (const b of brokenApprovals(s.db)) {
    problems.push(`Translation of statement ${b.statementId} into ${b.targetLang}, revision ${b.revision.number} (${b.revision.id}), ${b.problem}`);
  }

  // Not damage but work to do: an approval given to text the original no longer has (it was
  // corrected since) must not pass unnoticed as a current approval.
  for (const { translation: t, outdated } of outdatedApprovals(s)) {
    const ids = outdated.segmentIds;
    notes.push(`Translation of statement ${t.statementId} into ${t.targetLang}: revision ${outdated.number} was approved before the original was corrected (segment${ids.length === 1 ? '' : 's'} ${ids.join(', ')} changed since); it needs review again.`);
  }

  // The search index must agree with the records: a planted, missing or rewritten row is a problem.
  problems.push(...checkIndexDb(s.db));

  const hashes = (s.db.prepare('SELECT DISTINCT sha256 FROM attachments').all() as { sha256: string }[]).map((r) => r.sha256);
  for (const sha of hashes) {
    if (!s.store.has(sha)) { problems.push(`Attachment ${sha}: the stored file is missing`); continue; }
    const v = await s.store.verify(sha);
    if (!v.ok) problems.push(`Attachment ${sha}: the stored file was modified (its bytes now hash to ${v.actual ?? 'nothing'})`);
  }
  // A published report's files are kept byte-exact: each must still hash to what was published.
  const published = await checkPublishedFiles(s);
  problems.push(...published.problems);
  const referenced = new Set([...hashes, ...published.hashes]);
  const blobs = s.store.list();
  const orphans = blobs.filter((b) => !referenced.has(b));
  if (orphans.length) notes.push(`${orphans.length} stored file(s) are not used by any attachment or published report (left by an interrupted attach or publication; harmless).`);
  return { ok: problems.length === 0, problems, notes, counts: { auditEntries: audit.entries, attachments: hashes.length, blobs: blobs.length } };
}
