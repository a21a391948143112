// Rows of the translation tables (migration 0003) as domain records: plain (db, args) => rows.
import crypto from 'node:crypto';
import { z } from 'zod';
import {
  APPROVED_STATES, Id, TranslationSegment, TranslationState, XLIFF_STATE,
  type Translation, type TranslationComment, type TranslationRevision,
} from '../../../../shared/domain';
import { approvalText, nextSegmentId } from '../../../../shared/text/segment';
import type { Db } from '../open';

type Row = Record<string, unknown>;

export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The SHA-256 an approval pins: of approvalText(segments), as UTF-8. */
export function approvalHash(segments: readonly { target: string }[]): string {
  return sha256Hex(approvalText(segments));
}

export const SegmentsJson = z.array(TranslationSegment);
export const EditedByJson = z.array(Id);

export function rowToTranslation(r: Row): Translation {
  return {
    id: r.id as string, statementId: r.statement_id as string, sourceLang: (r.source_lang as string | null) ?? null,
    targetLang: r.target_lang as string, rev: r.rev as number, createdAt: r.created_at as string,
    createdBy: (r.created_by as string | null) ?? null, updatedAt: r.updated_at as string, updatedBy: (r.updated_by as string | null) ?? null,
  };
}

export function rowToRevision(r: Row): TranslationRevision {
  const segments = JSON.parse(r.segments as string) as TranslationRevision['segments'];
  const state = r.state as TranslationRevision['state'];
  const sha = (r.approved_sha256 as string | null) ?? null;
  return {
    id: r.id as string,
    translationId: r.translation_id as string,
    number: r.number as number,
    state,
    xliffState: XLIFF_STATE[state],
    segments,
    text: approvalText(segments),
    translatorId: (r.translator_id as string | null) ?? null,
    editedBy: JSON.parse(r.edited_by as string) as string[],
    basedOnId: (r.based_on_id as string | null) ?? null,
    origin: r.origin as TranslationRevision['origin'],
    createdAt: r.created_at as string,
    submittedAt: (r.submitted_at as string | null) ?? null,
    submittedBy: (r.submitted_by as string | null) ?? null,
    reviewedBy: (r.reviewed_by as string | null) ?? null,
    reviewedAt: (r.reviewed_at as string | null) ?? null,
    approvedSha256: sha,
    approvalValid: sha === null ? null : sha === approvalHash(segments),
    publishedAt: (r.published_at as string | null) ?? null,
    publishedBy: (r.published_by as string | null) ?? null,
    publishedWithoutOriginal: r.published_without_original === 1,
  };
}

export function rowToComment(r: Row): TranslationComment {
  return {
    id: r.id as string, revisionId: r.revision_id as string, segmentId: (r.segment_id as string | null) ?? null,
    authorId: (r.author_id as string | null) ?? null, kind: r.kind as TranslationComment['kind'], body: r.body as string,
    createdAt: r.created_at as string,
  };
}

/** A revision shown as approved must have a pinned hash that its text still matches. */
export function isApproved(r: TranslationRevision): boolean {
  return APPROVED_STATES.includes(r.state) && r.approvalValid === true;
}

export function getTranslation(db: Db, id: string): Translation | undefined {
  const r = db.prepare('SELECT * FROM translations WHERE id = ?').get(id) as Row | undefined;
  return r ? rowToTranslation(r) : undefined;
}

export function getTranslationFor(db: Db, statementId: string, targetLang: string): Translation | undefined {
  const r = db.prepare('SELECT * FROM translations WHERE statement_id = ? AND target_lang = ?').get(statementId, targetLang) as Row | undefined;
  return r ? rowToTranslation(r) : undefined;
}

export function listTranslationsByStatement(db: Db, statementId: string): Translation[] {
  return (db.prepare('SELECT * FROM translations WHERE statement_id = ? ORDER BY target_lang').all(statementId) as Row[]).map(rowToTranslation);
}

export function getRevision(db: Db, id: string): TranslationRevision | undefined {
  const r = db.prepare('SELECT * FROM translation_revisions WHERE id = ?').get(id) as Row | undefined;
  return r ? rowToRevision(r) : undefined;
}

export function latestRevision(db: Db, translationId: string): TranslationRevision {
  const r = db.prepare('SELECT * FROM translation_revisions WHERE translation_id = ? ORDER BY number DESC LIMIT 1').get(translationId) as Row | undefined;
  if (!r) throw new Error(`translation ${translationId} has no revision`);
  return rowToRevision(r);
}

export function listRevisions(db: Db, translationId: string): TranslationRevision[] {
  return (db.prepare('SELECT * FROM translation_revisions WHERE translation_id = ? ORDER BY number').all(translationId) as Row[]).map(rowToRevision);
}

/** Every segment id any revision of the translation ever used (so a new one is never a reused id). */
export function segmentIdsEverUsed(db: Db, translationId: string): string[] {
  return db.prepare(
    'SELECT DISTINCT json_extract(j.value, \'$.id\') FROM translation_revisions r, json_each(r.segments) j WHERE r.translation_id = ?',
  ).pluck().all(translationId) as string[];
}

export function listComments(db: Db, translationId: string): TranslationComment[] {
  return (db.prepare(
    `SELECT c.* FROM translation_comments c JOIN translation_revisions r ON r.id = c.revision_id
     WHERE r.translation_id = ? ORDER BY c.created_at, c.id`,
  ).all(translationId) as Row[]).map(rowToComment);
}

/** `segments`: how many segments it starts with (s1..sN), so later ids continue after them. */
export function insertTranslation(db: Db, t: Translation, segments: number): void {
  db.prepare(`INSERT INTO translations (id, statement_id, source_lang, target_lang, last_segment, rev, created_at, created_by, updated_at, updated_by)
    VALUES (@id, @statementId, @sourceLang, @targetLang, @lastSegment, @rev, @createdAt, @createdBy, @updatedAt, @updatedBy)`).run({ ...t, lastSegment: segments });
}

/** Takes the next segment id of a translation: never one any revision had, even one merged away in place. */
export function takeSegmentId(db: Db, translationId: string): string {
  const last = db.prepare('SELECT last_segment FROM translations WHERE id = ?').pluck().get(translationId) as number;
  const id = nextSegmentId([`s${last}`, ...segmentIdsEverUsed(db, translationId)]);
  db.prepare('UPDATE translations SET last_segment = ? WHERE id = ?').run(Number(id.slice(1)), translationId);
  return id;
}

/** Moves the translation's rev on and stamps who changed it. */
export function touchTranslation(db: Db, t: Translation, at: string, by: string | null): Translation {
  const next = { ...t, rev: t.rev + 1, updatedAt: at, updatedBy: by };
  db.prepare('UPDATE translations SET rev = @rev, updated_at = @updatedAt, updated_by = @updatedBy WHERE id = @id').run(next);
  return next;
}

function revisionRow(r: TranslationRevision): Row {
  return {
    id: r.id, translation_id: r.translationId, number: r.number, state: TranslationState.parse(r.state),
    segments: JSON.stringify(SegmentsJson.parse(r.segments)), translator_id: r.translatorId, edited_by: JSON.stringify(r.editedBy),
    based_on_id: r.basedOnId, origin: r.origin, created_at: r.createdAt, submitted_at: r.submittedAt, submitted_by: r.submittedBy,
    reviewed_by: r.reviewedBy, reviewed_at: r.reviewedAt, approved_sha256: r.approvedSha256, published_at: r.publishedAt,
    published_by: r.publishedBy, published_without_original: r.publishedWithoutOriginal ? 1 : 0,
  };
}

const REVISION_COLS = [
  'id', 'translation_id', 'number', 'state', 'segments', 'translator_id', 'edited_by', 'based_on_id', 'origin', 'created_at',
  'submitted_at', 'submitted_by', 'reviewed_by', 'reviewed_at', 'approved_sha256', 'published_at', 'published_by',
  'published_without_original',
];

export function insertRevision(db: Db, r: TranslationRevision): void {
  db.prepare(`INSERT INTO translation_revisions (${REVISION_COLS.join(', ')}) VALUES (${REVISION_COLS.map((c) => '@' + c).join(', ')})`)
    .run(revisionRow(r));
}

export function updateRevision(db: Db, r: TranslationRevision): void {
  const cols = REVISION_COLS.filter((c) => c !== 'id' && c !== 'translation_id' && c !== 'number');
  db.prepare(`UPDATE translation_revisions SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run(revisionRow(r));
}

export function insertComment(db: Db, c: TranslationComment): void {
  db.prepare(`INSERT INTO translation_comments (id, revision_id, segment_id, author_id, kind, body, created_at)
    VALUES (@id, @revisionId, @segmentId, @authorId, @kind, @body, @createdAt)`).run(c);
}

export interface MemoryRow {
  id: string; source_folded: string; source: string; target: string; source_lang: string; target_lang: string;
  revision_id: string; segment_id: string; created_at: string;
}

export function insertMemory(db: Db, m: MemoryRow): void {
  db.prepare(`INSERT OR IGNORE INTO translation_memory (id, source_folded, source, target, source_lang, target_lang, revision_id, segment_id, created_at)
    VALUES (@id, @source_folded, @source, @target, @source_lang, @target_lang, @revision_id, @segment_id, @created_at)`).run(m);
}

/** Memory rows of a language pair, matched on the primary language subtags (ar matches ar-IQ). */
export function memoryRowsFor(db: Db, sourceLang: string, targetLang: string): (MemoryRow & { translation_id: string; statement_id: string; number: number; reviewed_by: string | null; reviewed_at: string | null })[] {
  const p = (l: string) => (l.split('-')[0] as string).toLowerCase();
  return db.prepare(
    `SELECT m.*, r.translation_id, r.number, r.reviewed_by, r.reviewed_at, t.statement_id
     FROM translation_memory m JOIN translation_revisions r ON r.id = m.revision_id JOIN translations t ON t.id = r.translation_id
     WHERE (lower(m.source_lang) = @s OR lower(m.source_lang) LIKE @s || '-%') AND (lower(m.target_lang) = @t OR lower(m.target_lang) LIKE @t || '-%')
     ORDER BY m.created_at DESC, m.id`,
  ).all({ s: p(sourceLang), t: p(targetLang) }) as never;
}

/** Every revision whose approval no longer matches its text, or that an approval is missing from. */
export function brokenApprovals(db: Db, onRow?: () => void): { revision: TranslationRevision; statementId: string; targetLang: string; problem: string }[] {
  // Row by row: a desk of a million statements has about as many approvals.
  const rows = db.prepare(
    `SELECT r.*, t.statement_id AS _statement_id, t.target_lang AS _target_lang FROM translation_revisions r
     JOIN translations t ON t.id = r.translation_id
     WHERE r.state IN ('approved','final') ORDER BY r.translation_id, r.number`,
  ).iterate() as IterableIterator<Row>;
  const out: ReturnType<typeof brokenApprovals> = [];
  for (const row of rows) {
    onRow?.();
    let rev: TranslationRevision;
    try {
      rev = rowToRevision(row);
      SegmentsJson.parse(rev.segments);
    } catch {
      out.push({ revision: { id: row.id, number: row.number } as TranslationRevision, statementId: row._statement_id as string, targetLang: row._target_lang as string, problem: 'its segments cannot be read' });
      continue;
    }
    const where = { revision: rev, statementId: row._statement_id as string, targetLang: row._target_lang as string };
    if (rev.approvalValid !== true) {
      out.push({ ...where, problem: `is marked ${rev.state} but its text now hashes to ${approvalHash(rev.segments)}, not to the approved ${rev.approvedSha256 ?? '(none)'}: the approval is forged or the text was changed outside Casefile` });
      continue;
    }
    if (!rev.publishedWithoutOriginal) {
      if (!rev.reviewedBy) out.push({ ...where, problem: `is marked ${rev.state} but names no reviewer` });
      else if (rev.reviewedBy === rev.translatorId || rev.editedBy.includes(rev.reviewedBy)) {
        out.push({ ...where, problem: `was approved by ${rev.reviewedBy}, who translated or edited it (four eyes)` });
      }
    }
  }
  return out;
}
