import { checkAnchor, type AnchorCheck } from '../audit/anchor';
import { replayTrail, type ReplayResult } from '../audit/replay';
import { verifyAudit } from '../audit/verify';
import { checkIndexDb } from '../search/check';
import { brokenApprovals } from '../db/repos/translations';
import type { AuditVerification } from '../../../shared/domain';
import { quietJob, type Job } from '../job';
import type { CoreState } from './state';
import { damagedDatabase, isDamage } from '../db/failures';
import { outdatedApprovals } from './translations';
import { checkPublishedFiles } from './reportOutput';
import { checkImportedAudit } from '../io/bundle/verifyImported';

export interface CheckReport {
  ok: boolean;
  /** Things that are wrong: `casefile check` exits 1 when there are any. */
  problems: string[];
  /** Worth knowing, not wrong (e.g. a stored file no record uses). */
  notes: string[];
  /** What was checked; null when the database could not be read at all. */
  counts: { auditEntries: number; records: number; attachments: number; blobs: number } | null;
  /** The desk key the trail is signed with (null when the desk could not be opened); an unprotected desk is worth a note (NOT_PROTECTED_NOTE), not a problem. */
  desk: { id: string; fingerprint: string; protectedAtRest: boolean } | null;
  /** With an anchor line: whether the desk still holds that history. */
  anchor?: AnchorCheck;
}

export interface CheckOptions {
  /** An anchor line (`casefile audit anchor`) to check the desk against. */
  anchor?: string;
}

/** What `check` says of a desk created unencrypted (a note, not a problem). */
export const NOT_PROTECTED_NOTE = 'This desk is not protected at rest: its database and attachments are not encrypted. Encrypt it with "casefile encrypt" (or from the app).';

const count = (s: CoreState, sql: string) => s.db.prepare(sql).pluck().get() as number;

/** "Records against the audit trail" problems, one per difference. */
export function replayProblems(r: ReplayResult): string[] {
  const out = r.differences.map((d) => `Records against the audit trail: ${d.message}`);
  if (r.more) out.push(`Records against the audit trail: and ${r.more} more differences.`);
  return out;
}

/**
 * The audit chain and its signed head, and every record against the trail: what must hold
 * before anything is rebuilt from the records (reindex). Empty when the desk is intact.
 */
export async function custodyProblems(s: CoreState, job: Job = quietJob()): Promise<{ problems: string[]; audit: AuditVerification; replay: ReplayResult }> {
  const entries = count(s, 'SELECT count(*) FROM audit_log');
  job.progress('verifying the audit trail', 0, entries);
  const audit = verifyAudit(s.db, s.dataDir, (n) => { if (n % 1000 === 0) job.progress('verifying the audit trail', n, entries); });
  await job.breathe();
  const replay = await replayTrail(s.db, { onProgress: (done, total) => job.progress('comparing records with the audit trail', done, total), signal: job.signal });
  const problems = audit.ok || !audit.firstBroken ? [] : [`Audit trail: ${audit.firstBroken.message}`];
  return { problems: [...problems, ...replayProblems(replay)], audit, replay };
}

/**
 * Database integrity, foreign keys, the signed audit chain, every record against it,
 * translations, the search index and every attachment's hash. Read-only: a cancelled check
 * leaves the data folder as it was. Rows are read a few at a time (never a whole table in
 * memory), so a check's memory does not grow with the desk. A damaged database is reported as
 * one problem that says what to do (SQLite's own words mean nothing to the person at the
 * desk), and the checks that would read the damaged pages are not run.
 */
export async function runChecks(s: CoreState, dbFile: string, job: Job = quietJob(), opts: CheckOptions = {}): Promise<CheckReport> {
  try {
    job.progress('checking the database file', 0, 0);
    const integrity = (s.db.pragma('integrity_check') as { integrity_check: string }[]).filter((r) => r.integrity_check !== 'ok');
    if (integrity.length) return damaged(s, dbFile, `SQLite's integrity check found ${integrity.length === 1 ? 'a problem' : `${integrity.length} problems`}`);
    await job.breathe();
    return await checkContents(s, job, opts);
  } catch (err) {
    if (isDamage(err)) return damaged(s, dbFile, 'parts of it cannot be read');
    throw err;
  }
}

function deskOf(s: CoreState): CheckReport['desk'] {
  return { id: s.key.deskId, fingerprint: s.key.fingerprint, protectedAtRest: !s.key.methods.includes('none') };
}

function damaged(s: CoreState, dbFile: string, what: string): CheckReport {
  return { ok: false, problems: [damagedDatabase(dbFile, what).message], notes: [], counts: null, desk: deskOf(s) };
}

async function checkContents(s: CoreState, job: Job, opts: CheckOptions): Promise<CheckReport> {
  const problems: string[] = [];
  const notes: string[] = [];
  job.progress('checking references between records', 0, 0);
  const fks = s.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const f of fks) problems.push(`Foreign key: a row in ${f.table} (rowid ${f.rowid}) points at a missing ${f.parent} record`);
  await job.breathe();

  const custody = await custodyProblems(s, job);
  problems.push(...custody.problems);
  await job.breathe();
  const imported = count(s, 'SELECT count(*) FROM imported_audit');
  if (imported) {
    job.progress('verifying audit entries of other desks', 0, imported);
    problems.push(...checkImportedAudit(s.db, (n) => { if (n % 1000 === 0) job.progress('verifying audit entries of other desks', n, imported); }).problems);
    await job.breathe();
  }

  // An approval is pinned to the SHA-256 of the exact approved text: text changed behind the
  // Core's back (or an approval written without a review) must never pass as approved.
  const approvals = count(s, "SELECT count(*) FROM translation_revisions WHERE state IN ('approved','final')");
  let seen = 0;
  job.progress('checking approved translations', 0, approvals);
  for (const b of brokenApprovals(s.db, () => { if (++seen % 1000 === 0) job.progress('checking approved translations', seen, approvals); })) {
    problems.push(`Translation of statement ${b.statementId} into ${b.targetLang}, revision ${b.revision.number} (${b.revision.id}), ${b.problem}`);
  }
  await job.breathe();

  // Not damage but work to do: an approval given to text the original no longer has (it was
  // corrected since) must not pass unnoticed as a current approval.
  const translations = count(s, 'SELECT count(*) FROM translations');
  for (const { translation: t, outdated } of outdatedApprovals(s, (done) => job.progress('checking approvals against corrected originals', done, translations))) {
    const ids = outdated.segmentIds;
    notes.push(`Translation of statement ${t.statementId} into ${t.targetLang}: revision ${outdated.number} was approved before the original was corrected (segment${ids.length === 1 ? '' : 's'} ${ids.join(', ')} changed since); it needs review again.`);
  }
  await job.breathe();

  // The search index must agree with the records: a planted, missing or rewritten row is a problem.
  job.progress('checking the search index', 0, 0);
  problems.push(...checkIndexDb(s.db, { signal: job.signal, onProgress: (done, total) => job.progress('checking the search index', done, total) }));
  await job.breathe();

  const hashes = s.db.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all() as string[];
  const bytes = count(s, 'SELECT coalesce(sum(size), 0) FROM (SELECT sha256, max(size) AS size FROM attachments GROUP BY sha256)');
  let hashed = 0;
  job.progress('hashing attachment files', 0, bytes);
  for (const sha of hashes) {
    if (!s.store.has(sha)) { problems.push(`Attachment ${sha}: the stored file is missing`); continue; }
    const before = hashed;
    let v: Awaited<ReturnType<typeof s.store.verify>>;
    try {
      v = await s.store.verify(sha, (done) => job.progress('hashing attachment files', before + done, bytes), job.signal);
    } catch (err) {
      // Stopped inside a file: the cancel is the check's own, said the way every cancel is.
      if (job.signal.aborted) job.check();
      throw err;
    }
    hashed = before + sizeOf(s, sha);
    if (!v.ok) problems.push(`Attachment ${sha}: ${v.problem ?? 'the stored file does not match its hash'}`);
    await job.breathe();
  }
  // A published report's files are kept byte-exact: each must still hash to what was published.
  const published = await checkPublishedFiles(s);
  problems.push(...published.problems);
  const referenced = new Set([...hashes, ...published.hashes]);
  const blobs = s.store.list();
  const orphans = blobs.filter((b) => !referenced.has(b));
  if (!s.store.encrypted) notes.push(NOT_PROTECTED_NOTE);
  if (orphans.length) notes.push(`${orphans.length} stored file(s) are not used by any attachment or published report (left by an interrupted attach or publication; harmless).`);

  let anchor: AnchorCheck | undefined;
  if (opts.anchor !== undefined) {
    anchor = checkAnchor(s.db, s.key.publicKey, opts.anchor, custody.audit);
    if (!anchor.ok) problems.push(`Anchor: ${anchor.message}`);
  }
  job.finished();
  return {
    ok: problems.length === 0, problems, notes,
    counts: { auditEntries: custody.audit.entries, records: custody.replay.records, attachments: hashes.length, blobs: blobs.length },
    desk: deskOf(s),
    ...(anchor ? { anchor } : {}),
  };
}

function sizeOf(s: CoreState, sha: string): number {
  return s.db.prepare('SELECT max(size) FROM attachments WHERE sha256 = ?').pluck().get(sha) as number;
}
