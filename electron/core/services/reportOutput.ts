// Rendering, exporting and publishing reports. One intermediate document is built from the
// record (io/report/document.ts) and every format is written from it; a published version keeps
// the document, the exact Markdown and each file's bytes (in the content-addressed store) so it
// is exported exactly as it went out, and `check` can verify it.
import crypto from 'node:crypto';
import { AttachmentIntegrityError } from '../attachments/store';
import {
  ReportDocument, type ExportFormat, type MarkingException, type Report, type ReportNotice, type ReportVersion,
  type ReportVersionDetail, type ResolvedQuotation,
} from '../../../shared/domain';
import { getRevision, getTranslation, isApproved } from '../db/repos/translations';
import { CoreError } from '../errors';
import { buildDocument, type DocumentInput } from '../io/report/document';
import { findCslDir, loadCitationStyle } from '../io/report/citations';
import { writeDocx } from '../io/report/docx';
import { writeHtml } from '../io/report/html';
import { writeMarkdown } from '../io/report/markdown';
import { PdfUnavailableError, NO_CHROMIUM } from '../io/report/pdf';
import { enforceMarking, type MarkedRecord } from '../io/policy';
import { actorId, type Actor } from './acting';
import { requirePermission } from './permissions';
import { record } from './record';
import type { CoreState } from './state';
import { write } from './write';
import { mustGet } from './entity';
import { resolveBody } from './reportResolve';
import { publishRevision } from './translations';
import { handlerGroup } from './types';

export const MEDIA_TYPE: Readonly<Record<ExportFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

export interface Rendered {
  document: ReportDocument;
  notices: ReportNotice[];
  records: MarkedRecord[];
}

/** The document and the notices for a report's fields (saved or not). */
export function renderFields(s: CoreState, fields: DocumentInput): Rendered {
  const resolved = resolveBody(s, fields.body, fields.marking);
  const style = loadCitationStyle(findCslDir(s.cslDir), s.dataDir);
  const built = buildDocument(fields, () => resolved.resolutions, style);
  const notices = [...resolved.notices];
  if (built.droppedImages) {
    notices.push({ kind: 'image_dropped', severity: 'info', message: `${built.droppedImages === 1 ? 'An image' : `${built.droppedImages} images`} in the body ${built.droppedImages === 1 ? 'is' : 'are'} left out of the exports (they would load from outside the file); the image text is kept.` });
  }
  return { document: built.document, notices, records: resolved.records };
}

const fieldsOf = (r: Report): DocumentInput => ({
  headline: r.headline, dateline: r.dateline, datelineDate: r.datelineDate, showHijri: r.showHijri, lead: r.lead, body: r.body, marking: r.marking,
});

/** Refuses an export or a publication while anything blocks it, listing every offending item. */
function refuseBlocked(what: string, notices: ReportNotice[]): void {
  const blocking = notices.filter((n) => n.severity === 'blocks');
  if (blocking.length === 0) return;
  throw new CoreError('conflict', `${what} is refused: ${blocking.map((n) => n.message).join(' ')}`, { current: { notices: blocking } });
}

export function fileNameFor(r: Pick<Report, 'headline'>, version: number, format: ExportFormat): string {
  const slug = r.headline.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'report';
  return `${slug}-v${version}.${format}`;
}

async function printPdf(s: CoreState, html: string): Promise<Uint8Array> {
  if (!s.pdfEngine) throw new PdfUnavailableError(NO_CHROMIUM);
  return s.pdfEngine(html);
}

function pdfError(e: unknown): never {
  if (e instanceof PdfUnavailableError) throw new CoreError('failed', e.message);
  throw e;
}

/** Every format's bytes for one document (the PDF only when asked, and only from the same HTML). */
async function writeFormats(s: CoreState, d: ReportDocument, formats: readonly ExportFormat[]): Promise<Partial<Record<ExportFormat, Uint8Array>>> {
  const out: Partial<Record<ExportFormat, Uint8Array>> = {};
  const html = writeHtml(d);
  for (const f of formats) {
    if (f === 'md') out.md = utf8(writeMarkdown(d));
    else if (f === 'html') out.html = utf8(html);
    else if (f === 'docx') out.docx = await writeDocx(d);
    else out.pdf = await printPdf(s, html);
  }
  return out;
}

// --- published versions ---------------------------------------------------------------------

interface VersionRow {
  id: string; report_id: string; version: number; headline: string; marking: string; record: string; document: string;
  markdown: string; quotations: string; allowed_records: string; published_at: string; published_by: string | null;
}
interface FileRow { version_id: string; format: ExportFormat; sha256: string; size: number; media_type: string }

function filesOf(s: CoreState, versionId: string): FileRow[] {
  return s.db.prepare("SELECT * FROM report_version_files WHERE version_id = ? ORDER BY CASE format WHEN 'md' THEN 1 WHEN 'html' THEN 2 WHEN 'docx' THEN 3 ELSE 4 END").all(versionId) as FileRow[];
}

function rowToVersion(s: CoreState, r: VersionRow): ReportVersion {
  return {
    id: r.id, reportId: r.report_id, version: r.version, headline: r.headline, marking: r.marking as ReportVersion['marking'],
    publishedAt: r.published_at, publishedBy: r.published_by,
    files: filesOf(s, r.id).map((f) => ({ format: f.format, sha256: f.sha256, size: f.size, mediaType: f.media_type })),
    quotations: JSON.parse(r.quotations) as ResolvedQuotation[],
    allowedRecords: JSON.parse(r.allowed_records) as MarkingException[],
  };
}

function versionRow(s: CoreState, reportId: string, version: number): VersionRow {
  const row = s.db.prepare('SELECT * FROM report_versions WHERE report_id = ? AND version = ?').get(reportId, version) as VersionRow | undefined;
  if (!row) {
    const have = s.db.prepare('SELECT version FROM report_versions WHERE report_id = ? ORDER BY version').pluck().all(reportId) as number[];
    throw new CoreError('not_found', `Report ${reportId} has no published version ${version}${have.length ? ` (published: ${have.join(', ')})` : ' (it has not been published)'}.`, { field: 'version' });
  }
  return row;
}

/** A stored file's bytes (decrypted on an encrypted desk), refused when they no longer hash to what was published. */
async function storedBytes(s: CoreState, f: FileRow, what: string): Promise<Uint8Array> {
  if (!s.store.has(f.sha256)) throw new CoreError('failed', `${what}: the stored ${f.format} file is missing from the data folder (run casefile check).`);
  try {
    return await s.store.readAll(f.sha256);
  } catch (err) {
    if (!(err instanceof AttachmentIntegrityError)) throw err;
    throw new CoreError('failed', `${what}: the stored ${f.format} file was modified (it no longer hashes to the published SHA-256 ${f.sha256}); it is not exported (run casefile check).`);
  }
}

function auditExport(s: CoreState, actor: Actor, r: Report, format: ExportFormat, version: number, published: boolean, hash: string, allowed: MarkedRecord[]): void {
  write(s, () => record(s, actor, 'report.export', 'report', r.id, {
    export: [null, { format, version, published, sha256: hash, marking: r.marking }],
    ...(allowed.length ? { allowedMarking: [null, allowed.map(({ recordType, id, title, marking }) => ({ recordType, id, title, marking }))] } : {}),
  }, 'update'));
}

// --- publishing -------------------------------------------------------------------------------

const PUBLISH_FORMATS: readonly ExportFormat[] = ['md', 'html', 'docx'];

/** Whoever wrote or edited the report's text. */
function isAuthor(actor: Actor, r: Report): boolean {
  const me = actorId(actor);
  return me !== null && (r.createdBy === me || r.editors.includes(me));
}

/**
 * An export or publication that lets more restricted records through (allowMarking) is a
 * distribution decision: the report's author may take it, otherwise a case manager (the rule
 * table in permissions.ts says so to the UI).
 */
function mayOverrideMarking(actor: Actor, r: Report, allowed: readonly MarkedRecord[]): void {
  if (allowed.length === 0 || isAuthor(actor, r)) return;
  requirePermission(actor, 'reports.overrideMarking');
}

/** Four eyes: whoever wrote or edited the report's text does not publish it. */
function fourEyes(s: CoreState, actor: Actor, r: Report): void {
  const me = actorId(actor);
  if (!me) return;
  if (isAuthor(actor, r)) {
    const name = (s.db.prepare('SELECT name FROM profiles WHERE id = ?').pluck().get(me) as string | undefined) ?? me;
    throw new CoreError('forbidden', `${name} cannot publish this report: they ${r.createdBy === me ? 'wrote' : 'edited'} its text. Four eyes: a report is published by a reviewer or case manager who did not write or edit it.`);
  }
}

/** The quoted revisions as they are now: publishing refuses if any changed since the render. */
function quotationStates(s: CoreState, qs: readonly ResolvedQuotation[]): string {
  return JSON.stringify(qs.map((q) => {
    if (!q.revisionId) return [q.statementId, 'published', q.sha256];
    const r = getRevision(s.db, q.revisionId);
    return [q.revisionId, r?.state ?? null, r?.approvedSha256 ?? null, r ? isApproved(r) : false];
  }));
}

async function publish(s: CoreState, actor: Actor, input: { id: string; rev: number; allowMarking: boolean }) {
  requirePermission(actor, 'reports.publish');
  const r = mustGet(s, 'report', input.id);
  if (r.rev !== input.rev) {
    throw new CoreError('conflict', `This report was changed since you opened it (you have revision ${input.rev}, the saved one is ${r.rev}). Nothing was published.`, { current: r });
  }
  fourEyes(s, actor, r);
  if (r.publishedVersion === r.version) {
    throw new CoreError('conflict', `Version ${r.version} of this report is already published and nothing changed since; edit the draft to publish a new version.`);
  }
  const { document, notices, records } = renderFields(s, fieldsOf(r));
  refuseBlocked('Publishing this report', notices);
  const allowed = enforceMarking('This report', r.marking, records, input.allowMarking);
  mayOverrideMarking(actor, r, allowed);

  const notes: string[] = [];
  const bytes = await writeFormats(s, document, PUBLISH_FORMATS);
  try {
    bytes.pdf = await printPdf(s, writeHtml(document));
  } catch (e) {
    if (!(e instanceof PdfUnavailableError)) throw e;
    notes.push(`No PDF was stored with this version (${e.message}) A PDF export of it is printed from its stored HTML.`);
  }
  // The bytes go into the store first (outside the transaction, like attachments); a failure
  // below leaves only deduplicated blobs behind.
  const files: FileRow[] = [];
  for (const [format, data] of Object.entries(bytes) as [ExportFormat, Uint8Array][]) {
    const blob = await s.store.put(data);
    files.push({ version_id: '', format, sha256: blob.sha256, size: blob.size, media_type: MEDIA_TYPE[format] });
  }
  const before = quotationStates(s, document.quotations);

  return write(s, () => {
    const now = mustGet(s, 'report', r.id);
    if (now.rev !== r.rev || quotationStates(s, document.quotations) !== before) {
      throw new CoreError('conflict', 'The report or a translation it quotes changed while it was being published. Nothing was published; publish again.', { current: now });
    }
    const versionId = s.newId();
    const at = s.now();
    const me = actorId(actor);
    const allowedRecords: MarkingException[] = allowed.map(({ recordType, id, title, marking }) => ({ recordType, id, title, marking }));
    const markdown = writeMarkdown(document);
    s.db.prepare(`INSERT INTO report_versions (id, report_id, version, headline, marking, record, document, markdown, quotations, allowed_records, published_at, published_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      versionId, r.id, r.version, r.headline, r.marking, JSON.stringify(fieldsOf(r)), JSON.stringify(document), markdown,
      JSON.stringify(document.quotations), JSON.stringify(allowedRecords), at, me,
    );
    const ins = s.db.prepare('INSERT INTO report_version_files (version_id, format, sha256, size, media_type) VALUES (?, ?, ?, ?, ?)');
    for (const f of files) ins.run(versionId, f.format, f.sha256, f.size, f.media_type);

    // The quoted approved revisions went out: approved -> final, each audited on its translation.
    const done = new Set<string>();
    for (const q of document.quotations) {
      if (!q.revisionId || done.has(q.revisionId)) continue;
      done.add(q.revisionId);
      const rev = getRevision(s.db, q.revisionId);
      const t = rev ? getTranslation(s.db, rev.translationId) : undefined;
      if (rev && t && rev.state === 'approved') publishRevision(s, actor, t, rev);
    }

    const next: Report = { ...now, publishedVersion: r.version, rev: now.rev + 1, updatedAt: at, updatedBy: me };
    s.db.prepare('UPDATE reports SET published_version = ?, rev = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(next.publishedVersion, next.rev, at, me, r.id);
    record(s, actor, 'report.publish', 'report', r.id, {
      publishedVersion: [r.publishedVersion, r.version],
      files: [null, Object.fromEntries(files.map((f) => [f.format, f.sha256]))],
      quotations: [null, document.quotations.map((q) => ({ statementId: q.statementId, revisionId: q.revisionId, wording: q.wording, sha256: q.sha256 }))],
      ...(allowedRecords.length ? { allowedMarking: [null, allowedRecords] } : {}),
    }, 'update');
    const version = rowToVersion(s, versionRow(s, r.id, r.version));
    return { report: next, version, notes };
  });
}

// --- exporting --------------------------------------------------------------------------------

async function exportReport(s: CoreState, actor: Actor, input: { id: string; version?: number; format: ExportFormat; allowMarking: boolean }) {
  const r = mustGet(s, 'report', input.id, { allowTrashed: true });
  // No version named and nothing changed since publishing: the published files are the export.
  const version = input.version ?? (r.publishedVersion === r.version ? r.version : undefined);
  if (version !== undefined) {
    const row = versionRow(s, r.id, version);
    const what = `Report "${r.headline}" version ${version}`;
    const file = filesOf(s, row.id).find((f) => f.format === input.format);
    const notices: ReportNotice[] = [];
    let data: Uint8Array;
    if (file) data = await storedBytes(s, file, what);
    else if (input.format === 'pdf') {
      const html = filesOf(s, row.id).find((f) => f.format === 'html');
      if (!html) throw new CoreError('failed', `${what} has no stored HTML to print a PDF from.`);
      data = await printPdf(s, Buffer.from(await storedBytes(s, html, what)).toString('utf8')).catch(pdfError);
      notices.push({ kind: 'printed_from_html', severity: 'info', message: `No PDF was stored when version ${version} was published; this one is printed from its stored HTML.` });
    } else throw new CoreError('failed', `${what} has no stored ${input.format} file.`);
    const hash = sha256(data);
    auditExport(s, actor, r, input.format, version, true, hash, []);
    return { data: data as Uint8Array<ArrayBuffer>, fileName: fileNameFor(row, version, input.format), mediaType: MEDIA_TYPE[input.format], sha256: hash, version, published: true, notices };
  }
  if (r.deletedAt) throw new CoreError('not_found', `The report ${r.id} is in the trash; restore it to export its draft.`, { field: 'id' });
  const { document, notices, records } = renderFields(s, fieldsOf(r));
  refuseBlocked(`Exporting this report (${input.format})`, notices);
  const allowed = enforceMarking('This report', r.marking, records, input.allowMarking);
  mayOverrideMarking(actor, r, allowed);
  const bytes = await writeFormats(s, document, [input.format]).catch(pdfError);
  const data = bytes[input.format] as Uint8Array;
  const hash = sha256(data);
  auditExport(s, actor, r, input.format, r.version, false, hash, allowed);
  return { data: data as Uint8Array<ArrayBuffer>, fileName: fileNameFor(r, r.version, input.format), mediaType: MEDIA_TYPE[input.format], sha256: hash, version: r.version, published: false, notices };
}

export const reportOutputHandlers = handlerGroup({
  'reports.render': (s, _a, { id, version, draft }) => {
    const r = mustGet(s, 'report', id, { allowTrashed: true });
    if (version !== undefined) {
      const row = versionRow(s, r.id, version);
      return { document: ReportDocument.parse(JSON.parse(row.document)), notices: [], version, published: true };
    }
    const fields = { ...fieldsOf(r), ...Object.fromEntries(Object.entries(draft ?? {}).filter(([, v]) => v !== undefined)) } as DocumentInput;
    const { document, notices } = renderFields(s, fields);
    return { document, notices, version: r.version, published: false };
  },
  'reports.export': (s, actor, input) => exportReport(s, actor, input),
  'reports.publish': (s, actor, input) => publish(s, actor, input),
  'reports.versions': (s, _a, { id }) => {
    mustGet(s, 'report', id, { allowTrashed: true });
    return (s.db.prepare('SELECT * FROM report_versions WHERE report_id = ? ORDER BY version DESC').all(id) as VersionRow[]).map((row) => rowToVersion(s, row));
  },
  'reports.getVersion': (s, _a, { id, version }) => {
    mustGet(s, 'report', id, { allowTrashed: true });
    const row = versionRow(s, id, version);
    const detail: ReportVersionDetail = {
      ...rowToVersion(s, row),
      record: JSON.parse(row.record) as ReportVersionDetail['record'],
      document: ReportDocument.parse(JSON.parse(row.document)),
      markdown: row.markdown,
    };
    return detail;
  },
});

/** For `check`: every published file's hash against the stored bytes. */
export async function checkPublishedFiles(s: CoreState): Promise<{ problems: string[]; hashes: string[] }> {
  const rows = s.db.prepare(`SELECT f.*, v.version, v.report_id, r.headline FROM report_version_files f
    JOIN report_versions v ON v.id = f.version_id JOIN reports r ON r.id = v.report_id ORDER BY r.id, v.version, f.format`).all() as (FileRow & { version: number; report_id: string; headline: string })[];
  const problems: string[] = [];
  for (const f of rows) {
    const what = `Report "${f.headline}" (${f.report_id}), published version ${f.version}, ${f.format} file`;
    if (!s.store.has(f.sha256)) { problems.push(`${what}: the stored file is missing (SHA-256 ${f.sha256})`); continue; }
    const v = await s.store.verify(f.sha256);
    if (!v.ok) problems.push(`${what}: the stored file was modified (published SHA-256 ${f.sha256}, its bytes now hash to ${v.actual ?? 'nothing'})`);
  }
  return { problems, hashes: [...new Set(rows.map((r) => r.sha256))] };
}
