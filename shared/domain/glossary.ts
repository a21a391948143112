import { z } from 'zod';
import { Id, IsoDateTime, LIMITS, MediumText, RequiredName } from './common';
import { LangTag } from './translation';

/** One rendering (approved or forbidden) of a glossary term: a short phrase, not a paragraph. */
const Rendering = z.string().trim().min(1, 'must not be empty').max(LIMITS.shortText).refine((s) => s.isWellFormed(), 'contains invalid Unicode');

/**
 * A desk's termbase entry: how the desk renders one source term into one target language.
 * Matching in segments goes through the search folding (shared/text/glossary.ts), so the term
 * is stored as written and found with or without diacritics, with the article or a clitic.
 */
export const GlossaryTerm = z.object({
  id: Id,
  rev: z.number().int().positive(),
  sourceLang: LangTag,
  targetLang: LangTag,
  term: RequiredName,
  /** Approved renderings, preferred first; at least one. */
  renderings: z.array(Rendering).min(1, 'needs at least one approved rendering').max(20),
  /** Renderings the desk has ruled out (flagged by the QA checks when a target uses one). */
  forbidden: z.array(Rendering).max(20),
  notes: MediumText,
  createdAt: IsoDateTime,
  createdBy: Id.nullable(),
  updatedAt: IsoDateTime,
  updatedBy: Id.nullable(),
  deletedAt: IsoDateTime.nullable(),
});
export type GlossaryTerm = z.infer<typeof GlossaryTerm>;

export const GlossaryFields = z.strictObject({
  sourceLang: LangTag,
  targetLang: LangTag,
  term: RequiredName,
  renderings: GlossaryTerm.shape.renderings,
  forbidden: GlossaryTerm.shape.forbidden.default([]),
  notes: MediumText.default(''),
});

export const GlossaryFormat = z.enum(['csv', 'tbx']);
export type GlossaryFormat = z.infer<typeof GlossaryFormat>;

/** The QA checks run on a revision before it is submitted (shared/text/qa.ts). */
export const QaCheck = z.enum([
  'empty', 'untranslated', 'numbers', 'hashtags', 'mentions', 'links', 'scripture', 'glossary', 'forbidden', 'brackets',
]);
export type QaCheck = z.infer<typeof QaCheck>;

export const QaOverride = z.object({ reason: z.string(), by: Id.nullable(), at: IsoDateTime });

export const QaFinding = z.object({
  segmentId: z.string(),
  check: QaCheck,
  /** What the finding is about ("17", "#tag", a glossary term), so an override stays with it. */
  subject: z.string(),
  message: z.string(),
  /** The reason someone gave to let it stand, or null while it blocks submission. */
  override: QaOverride.nullable(),
});
export type QaFinding = z.infer<typeof QaFinding>;
