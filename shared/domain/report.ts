import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, LongText, Marking, MediumText, RecordMeta, RequiredName, ShortText } from './common';
import { Sha256 } from './attachment';

/**
 * A report body is short (the sample is 2 KB); the limit keeps a pasted dump or a runaway
 * paste out of the record and every export built from it.
 */
export const REPORT_BODY_MAX = 1_000_000;

export const ReportBody = LongText.max(REPORT_BODY_MAX, {
  error: (iss) => `the report body is ${typeof iss.input === 'string' ? iss.input.length.toLocaleString('en-US') : 'too many'} characters; a report body holds at most ${REPORT_BODY_MAX.toLocaleString('en-US')} (about 1 MB). Move long material into notes or attachments`,
});

/**
 * A publication draft: headline, dateline (place and date), lead and a markdown body whose
 * references (shared/report/references.ts) cite sources and quote statements by id. `version`
 * is the number the draft will be published as; `publishedVersion` the last one published
 * (equal to `version` until the draft is edited again).
 */
export const Report = z.object({
  ...RecordMeta,
  headline: RequiredName,
  /** The dateline's place (e.g. "Baghdad"); may be empty. */
  dateline: ShortText,
  datelineDate: IsoDate.nullable(),
  /** Show the Hijri (Umm al-Qura) date beside the Gregorian dateline. */
  showHijri: z.boolean(),
  lead: MediumText,
  body: ReportBody,
  marking: Marking,
  version: z.number().int().positive(),
  publishedVersion: z.number().int().positive().nullable(),
  /** Everyone who wrote or edited its text (headline, lead, body): four eyes keep them from publishing it. */
  editors: z.array(Id),
});
export type Report = z.infer<typeof Report>;

/** What a user edits; version, publishedVersion and editors are kept by the Core. */
export const ReportFields = Report.pick({
  headline: true, dateline: true, datelineDate: true, showHijri: true, lead: true, body: true, marking: true,
});

export const ExportFormat = z.enum(['md', 'html', 'docx', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

// --- the intermediate document: every format is written from this, so they cannot disagree ----

export const Marks = z.object({ italic: z.boolean().optional(), bold: z.boolean().optional(), code: z.boolean().optional() });

export const Run = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string(), marks: Marks.optional(), href: z.string().optional() }),
  /** A footnote marker; `n` is its number in order of first use. */
  z.object({ type: z.literal('footnote'), n: z.number().int().positive() }),
  /** A quotation inside a paragraph, shown in quotation marks in its own direction. */
  z.object({ type: z.literal('quote'), quotation: z.number().int().min(0), text: z.string(), lang: z.string().nullable() }),
  z.object({ type: z.literal('break') }),
]);
export type Run = z.infer<typeof Run>;

export const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), runs: z.array(Run) }),
  z.object({ type: z.literal('heading'), level: z.number().int().min(1).max(6), runs: z.array(Run) }),
  /** A block quotation of a statement: its paragraphs, in the quoted text's own direction. */
  z.object({ type: z.literal('quotation'), quotation: z.number().int().min(0), paragraphs: z.array(z.string()), lang: z.string().nullable() }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), start: z.number().int().optional(), items: z.array(z.array(Run)) }),
  z.object({ type: z.literal('blockquote'), paragraphs: z.array(z.array(Run)) }),
  z.object({ type: z.literal('code'), text: z.string() }),
  z.object({ type: z.literal('rule') }),
]);
export type Block = z.infer<typeof Block>;

export const Footnote = z.object({
  n: z.number().int().positive(),
  sourceId: Id,
  locator: z.string(),
  /** The house citation style's text for it (CSL), as runs so italics survive. */
  runs: z.array(Run),
  text: z.string(),
});
export type Footnote = z.infer<typeof Footnote>;

/** A quotation as resolved: which text of which statement, and whether it may go out. */
export const ResolvedQuotation = z.object({
  statementId: Id,
  revisionId: Id.nullable(),
  wording: z.enum(['translation', 'published']),
  translationId: Id.nullable(),
  revisionNumber: z.number().int().nullable(),
  state: z.string().nullable(),
  /** The SHA-256 the approval pinned (translation) or of the published wording. */
  sha256: Sha256.nullable(),
  lang: z.string().nullable(),
  text: z.string(),
});
export type ResolvedQuotation = z.infer<typeof ResolvedQuotation>;

export const ReportDocument = z.object({
  headline: z.string(),
  dateline: z.object({
    place: z.string(),
    date: IsoDate.nullable(),
    /** "November 1, 2023" */
    gregorian: z.string().nullable(),
    /** "Rabiʻ II 17, 1445 AH" when the report shows the Hijri date. */
    hijri: z.string().nullable(),
    /** The whole dateline as one line: place, date (Hijri). */
    text: z.string(),
  }),
  lead: z.string(),
  marking: Marking,
  /** The marking as stated at the top of every export. */
  markingLabel: z.string(),
  blocks: z.array(Block),
  footnotes: z.array(Footnote),
  quotations: z.array(ResolvedQuotation),
});
export type ReportDocument = z.infer<typeof ReportDocument>;

/**
 * Something the preview shows and an export may refuse. `blocks`: an export or publish is
 * refused while it stands; `override`: refused unless the export allows it (markings); `info`:
 * worth saying. Offsets point into the body when the notice is about a reference.
 */
export const ReportNotice = z.object({
  kind: z.enum([
    'malformed_reference', 'unknown_source', 'trashed_source', 'unknown_statement', 'trashed_statement', 'revision_mismatch',
    'unapproved_quotation', 'broken_approval', 'no_published_wording', 'published_wording', 'marking', 'image_dropped',
    'printed_from_html',
  ]),
  severity: z.enum(['blocks', 'override', 'info']),
  message: z.string(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
  recordType: z.enum(['source', 'statement', 'translation']).optional(),
  recordId: Id.optional(),
});
export type ReportNotice = z.infer<typeof ReportNotice>;

export const ReportVersionFile = z.object({
  format: ExportFormat,
  sha256: Sha256,
  size: z.number().int().min(0),
  mediaType: z.string(),
});

/** A record an export let through although it is more restricted than the export's marking. */
export const MarkingException = z.object({
  recordType: z.enum(['source', 'statement']),
  id: Id,
  title: z.string(),
  marking: Marking,
});
export type MarkingException = z.infer<typeof MarkingException>;

/** A published version: frozen, exported exactly as it was. */
export const ReportVersion = z.object({
  id: Id,
  reportId: Id,
  version: z.number().int().positive(),
  headline: z.string(),
  marking: Marking,
  publishedAt: IsoDateTime,
  publishedBy: Id.nullable(),
  files: z.array(ReportVersionFile),
  quotations: z.array(ResolvedQuotation),
  /** Records let through by an explicit marking override at publishing. */
  allowedRecords: z.array(MarkingException),
});
export type ReportVersion = z.infer<typeof ReportVersion>;

export const ReportVersionDetail = ReportVersion.extend({
  /** The report's fields as published. */
  record: ReportFields,
  document: ReportDocument,
  markdown: z.string(),
});
export type ReportVersionDetail = z.infer<typeof ReportVersionDetail>;
