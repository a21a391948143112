import { z } from 'zod';
import { Actor, ActorKind } from './actor';
import { Sha256 } from './attachment';
import {
  DatePrecision, Id, IsoDate, LongText, Marking, MediumText, PartialDate, RequiredName, ShortText,
} from './common';
import { Report } from './report';
import { ScriptureRef, Statement } from './statement';
import { Source, SourceKind } from './source';

/**
 * The import of a published report (issue 10): the Core reads the text or HTML of a report
 * and returns this plan, writing nothing; the user looks at it, makes the few choices it
 * offers, and sends it back to be applied in one transaction. Everything the user may see
 * in the preview is here in plain words, in the order of the published text.
 *
 * Records the import would create are named by planned ids (`key`): the body's references
 * use them ([@KEY], {{quote statement=KEY wording=published}}) and are rewritten to the real
 * ids when the plan is applied.
 */

export const ReportImportFormat = z.enum(['text', 'html']);
export type ReportImportFormat = z.infer<typeof ReportImportFormat>;

export const ImportActorRole = z.enum(['speaker', 'on_behalf_of', 'mentioned']);
export type ImportActorRole = z.infer<typeof ImportActorRole>;

/** An existing actor the report names, by one of its names or aliases. */
export const ImportActorMatch = z.object({
  actorId: Id,
  /** The actor's rev when previewed: a later change is checked again on apply. */
  rev: z.number().int().positive(),
  name: ShortText,
  kind: ActorKind,
  /** The names as they are written in the report that matched this actor. */
  matchedAs: z.array(ShortText).max(50),
  roles: z.array(ImportActorRole).max(3),
  /** Matched through a transliteration variant or a small spelling difference, not letter for letter. */
  fuzzy: z.boolean(),
});
export type ImportActorMatch = z.infer<typeof ImportActorMatch>;

/** An actor the report names that no existing actor matches: created only if the user chooses it. */
export const ImportProposedActor = z.object({
  key: Id,
  kind: ActorKind,
  name: RequiredName,
  roles: z.array(ImportActorRole).max(3),
  /** Where the report names it, e.g. `"Akram Al-Kaabi, Secretary-General of …"`. */
  reason: MediumText,
});
export type ImportProposedActor = z.infer<typeof ImportProposedActor>;

/** A speaker or organisation: an existing actor, a proposed one, or only a name (neither). */
export const ImportActorRef = z.object({
  name: ShortText,
  actorId: Id.nullable(),
  proposedKey: Id.nullable(),
});
export type ImportActorRef = z.infer<typeof ImportActorRef>;

export const ImportGuessedField = z.enum(['kind', 'title', 'author', 'publisher', 'url', 'publishedAt']);

export const ImportPlannedSource = z.object({
  key: Id,
  /** The footnote number in the published text; null for the published report itself. */
  footnote: z.number().int().min(1).max(999).nullable(),
  /** The footnote as it stood in the report's footnote list; null when the copy has no list. */
  footnoteText: MediumText.nullable(),
  /** The sentence that cites it (markers left out), for the preview. */
  context: MediumText,
  kind: SourceKind,
  title: RequiredName,
  author: ShortText.nullable(),
  publisher: ShortText.nullable(),
  url: ShortText.nullable(),
  publishedAt: PartialDate.nullable(),
  notes: MediumText,
  /** Fields guessed from the citing sentence rather than read from a footnote: worth a look. */
  guessed: z.array(ImportGuessedField).max(6),
});
export type ImportPlannedSource = z.infer<typeof ImportPlannedSource>;

/** The quoted statement: its published wording (the original was not captured). */
export const ImportPlannedStatement = z.object({
  key: Id,
  /** Exactly as published, bracketed translator insertions included, without the quotation marks. */
  publishedWording: LongText.pipe(z.string().min(1)),
  publishedWordingLanguage: z.string().max(35).nullable(),
  /** The words that introduce the quotation, e.g. `The statement reads:`. */
  attribution: ShortText,
  speaker: ImportActorRef.nullable(),
  onBehalfOf: ImportActorRef.nullable(),
  saidAt: PartialDate.nullable(),
  datePrecision: DatePrecision,
  platform: ShortText.nullable(),
  summary: MediumText,
  /** Planned keys of the sources the statement cites (its footnote, then the report itself). */
  sourceKeys: z.array(Id).max(1000),
  /** Derived from the wording by the Core when the statement is saved; shown in the preview. */
  hashtags: z.array(ShortText).max(500),
  scriptureRefs: z.array(ScriptureRef).max(500),
});
export type ImportPlannedStatement = z.infer<typeof ImportPlannedStatement>;

/** A body paragraph: as published, and as it will be stored (references by planned id). */
export const ImportParagraph = z.object({
  /** Position in the published text (blocks counted from 0), shared with `dropped`. */
  at: z.number().int().min(0),
  text: LongText,
  markdown: LongText,
});
export type ImportParagraph = z.infer<typeof ImportParagraph>;

/** A line left out of the report: a teaser, promotion, page control or boilerplate. */
export const ImportDroppedLine = z.object({
  at: z.number().int().min(0),
  /** The line as published (cut at 1,000 characters when longer: such a line cannot be kept). */
  text: ShortText,
  reason: ShortText,
  /** Whether the user may keep it as a body paragraph. */
  keepable: z.boolean(),
});
export type ImportDroppedLine = z.infer<typeof ImportDroppedLine>;

export const ReportImportPlan = z.object({
  version: z.literal(1),
  caseId: Id,
  input: z.object({ fileName: ShortText, format: ReportImportFormat, bytes: z.number().int().min(0), sha256: Sha256 }),
  report: z.object({
    headline: RequiredName,
    datelinePlace: ShortText.nullable(),
    datelineDate: IsoDate.nullable(),
    /** The dateline as published, e.g. `November 1, 2023`. */
    datelineText: ShortText,
    lead: MediumText,
    marking: Marking,
    /** Why this marking is proposed (the case's marking; what the page says about itself). */
    markingReason: ShortText,
  }),
  paragraphs: z.array(ImportParagraph).min(1).max(5_000),
  statement: ImportPlannedStatement.nullable(),
  sources: z.array(ImportPlannedSource).max(1_000),
  actors: z.object({
    matched: z.array(ImportActorMatch).max(500),
    proposed: z.array(ImportProposedActor).max(50),
  }),
  dropped: z.array(ImportDroppedLine).max(5_000),
  /** Every hashtag and scripture reference in the body paragraphs. */
  hashtags: z.array(ShortText).max(500),
  scriptureRefs: z.array(ScriptureRef).max(500),
  /** Reports of the case that already had this headline at preview time (a second import is refused as stale). */
  sameHeadlineReports: z.array(z.object({ id: Id, headline: ShortText })).max(100),
  warnings: z.array(ShortText).max(200),
});
export type ReportImportPlan = z.infer<typeof ReportImportPlan>;

/** What the user decided in the preview. */
export const ReportImportChoices = z.object({
  /** Keys of proposed actors to create (the others are left out: the statement names no speaker then). */
  createActors: z.array(Id).max(50).default([]),
  /** `at` of dropped lines to keep as body paragraphs after all. */
  keepDropped: z.array(z.number().int().min(0)).max(5_000).default([]),
  /** The marking of every record the import creates (default: the plan's). */
  marking: Marking.optional(),
});
export type ReportImportChoices = z.infer<typeof ReportImportChoices>;

/** What an applied import created. */
export const ReportImportResult = z.object({
  report: Report,
  statement: Statement.nullable(),
  sources: z.array(Source),
  actorsCreated: z.array(Actor),
  /** How many dropped lines were kept as body paragraphs. */
  keptLines: z.number().int().min(0),
});
export type ReportImportResult = z.infer<typeof ReportImportResult>;
