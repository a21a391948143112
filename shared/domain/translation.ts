import { z } from 'zod';
import { Id, IsoDateTime, LongText, MediumText } from './common';

/**
 * The workflow of domain.md, "Translation workflow":
 *   draft --submit--> in_review --approve--> approved --publish--> final
 *   in_review --request changes--> changes_requested --edit--> (a new) draft
 *   any edit of approved, final or changes_requested text --> a new draft revision
 */
export const TranslationState = z.enum(['draft', 'in_review', 'changes_requested', 'approved', 'final']);
export type TranslationState = z.infer<typeof TranslationState>;

/** XLIFF 2.0 segment states (core, `state` attribute of <segment>). */
export const XliffState = z.enum(['initial', 'translated', 'reviewed', 'final']);
export type XliffState = z.infer<typeof XliffState>;

/**
 * Casefile state -> XLIFF 2.0 state. changes_requested maps to `initial`: the text goes back
 * to the translator and is not a finished translation any more (XLIFF 2.0 has no "rejected").
 */
export const XLIFF_STATE: Readonly<Record<TranslationState, XliffState>> = {
  draft: 'initial',
  in_review: 'translated',
  changes_requested: 'initial',
  approved: 'reviewed',
  final: 'final',
};

/** States whose text carries an approval (and so a pinned SHA-256). */
export const APPROVED_STATES: readonly TranslationState[] = ['approved', 'final'];

/** A BCP 47 language tag: en, ar, fa-IR, zh-Hant. */
export const LangTag = z.string().max(35).regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as en, ar or fa-IR');

export const SegmentId = z.string().max(12).regex(/^s[1-9]\d{0,9}$/, 'must be a segment id such as s1');

export const TranslationSegment = z.object({
  id: SegmentId,
  /** Exactly originalText.slice(sourceStart, sourceEnd); empty when there is no aligned original. */
  source: LongText,
  target: MediumText,
  /** The translator's note (e.g. why a bracketed insertion was made); not part of the approved text. */
  note: MediumText,
  sourceStart: z.number().int().min(0),
  sourceEnd: z.number().int().min(0),
  /**
   * Present when a correction of the original changed this segment's source after it was
   * translated: the source the target was written against ('' for a sentence the correction
   * added). Not part of the approved text.
   */
  previousSource: LongText.optional(),
});
export type TranslationSegment = z.infer<typeof TranslationSegment>;

/** One translation of a statement into one target language. `rev` moves on every change to it or its revisions. */
export const Translation = z.object({
  id: Id,
  statementId: Id,
  /** The statement's language when the translation started (null when it was not known). */
  sourceLang: z.string().nullable(),
  targetLang: z.string(),
  rev: z.number().int().positive(),
  createdAt: IsoDateTime,
  createdBy: Id.nullable(),
  updatedAt: IsoDateTime,
  updatedBy: Id.nullable(),
});
export type Translation = z.infer<typeof Translation>;

/** How a revision came to be. */
export const RevisionOrigin = z.enum(['start', 'edit', 'xliff', 'published_wording']);

export const TranslationRevision = z.object({
  id: Id,
  translationId: Id,
  /** 1, 2, 3... within the translation. */
  number: z.number().int().positive(),
  state: TranslationState,
  /** The XLIFF 2.0 equivalent of `state`. */
  xliffState: XliffState,
  segments: z.array(TranslationSegment),
  /** The approved text form of the segments (targets joined by "\n"): what approvedSha256 pins. */
  text: z.string(),
  /** Who started this revision (the translator of record). */
  translatorId: Id.nullable(),
  /** Everyone whose words are in it: who wrote or edited its segments, carried over from the revision it came from. */
  editedBy: z.array(Id),
  basedOnId: Id.nullable(),
  origin: RevisionOrigin,
  createdAt: IsoDateTime,
  submittedAt: IsoDateTime.nullable(),
  submittedBy: Id.nullable(),
  /** The reviewer who approved it or requested changes. */
  reviewedBy: Id.nullable(),
  reviewedAt: IsoDateTime.nullable(),
  approvedSha256: z.string().nullable(),
  /**
   * true when the approval pinned on this revision still matches its text; false when it does
   * not (the text was changed outside Casefile: never show it as approved); null when there is
   * no approval on it.
   */
  approvalValid: z.boolean().nullable(),
  publishedAt: IsoDateTime.nullable(),
  publishedBy: Id.nullable(),
  /** Published wording kept as the translation without an aligned original (one segment, empty source). */
  publishedWithoutOriginal: z.boolean(),
});
export type TranslationRevision = z.infer<typeof TranslationRevision>;

export const TranslationCommentKind = z.enum(['comment', 'change_request']);

export const TranslationComment = z.object({
  id: Id,
  revisionId: Id,
  /** null: about the whole revision. */
  segmentId: SegmentId.nullable(),
  authorId: Id.nullable(),
  kind: TranslationCommentKind,
  body: MediumText,
  createdAt: IsoDateTime,
});
export type TranslationComment = z.infer<typeof TranslationComment>;

/** What the translation pane needs: the translation, its latest revision, the approved one. */
export const TranslationView = z.object({
  translation: Translation,
  latest: TranslationRevision,
  /** The latest revision whose approval still matches its text (approved or final), if any. */
  approved: TranslationRevision.nullable(),
  /** Every comment on every revision of the translation, oldest first. */
  comments: z.array(TranslationComment),
  /** Integrity problems worth showing (e.g. an approval whose text no longer hashes to it). */
  problems: z.array(z.string()),
  /**
   * The approval of `approved` was given to a translation of text the original no longer has
   * (it was corrected since): it needs review again. `segmentIds`: the approved revision's
   * segments whose original text is gone. null when the approval still holds, or there is none.
   */
  approvalOutdated: z.object({ revisionId: Id, number: z.number().int().positive(), segmentIds: z.array(SegmentId) }).nullable(),
});
export type TranslationView = z.infer<typeof TranslationView>;

export const ReviewQueueItem = z.object({
  translationId: Id,
  /** Pass this back with approve / requestChanges. */
  rev: z.number().int().positive(),
  statementId: Id,
  statementTitle: z.string(),
  caseIds: z.array(Id),
  revisionId: Id,
  number: z.number().int().positive(),
  sourceLang: z.string().nullable(),
  targetLang: z.string(),
  translatorId: Id.nullable(),
  editedBy: z.array(Id),
  submittedAt: IsoDateTime,
  submittedBy: Id.nullable(),
  segments: z.number().int(),
  /** The acting profile wrote or edited it, so four eyes keep them from approving it. */
  ownWork: z.boolean(),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const MemoryMatch = z.object({
  kind: z.enum(['exact', 'fuzzy']),
  /** Similarity in percent on folded text (100 for exact). */
  score: z.number().int().min(0).max(100),
  source: z.string(),
  target: z.string(),
  sourceLang: z.string(),
  targetLang: z.string(),
  /** How many approved segments carry this same pair. */
  uses: z.number().int().positive(),
  /** Where the (most recent) pair was approved. */
  from: z.object({
    statementId: Id,
    translationId: Id,
    revisionId: Id,
    revisionNumber: z.number().int(),
    segmentId: SegmentId,
    approvedAt: z.string(),
    approvedBy: Id.nullable(),
  }),
});
export type MemoryMatch = z.infer<typeof MemoryMatch>;

export const XliffFile = z.object({
  /** A suggested file name: statement-<id>.<trg>.xlf or case-<id>.<src>-<trg>.xlf */
  name: z.string(),
  srcLang: z.string(),
  trgLang: z.string(),
  statements: z.number().int(),
  segments: z.number().int(),
  xml: z.string(),
});

export const XliffImported = z.object({
  translationId: Id,
  statementId: Id,
  targetLang: z.string(),
  /** The new draft revision, or null when the file changed nothing. */
  revision: TranslationRevision.nullable(),
  unchanged: z.boolean(),
  warnings: z.array(z.string()),
});
