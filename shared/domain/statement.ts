import { z } from 'zod';
import { titleLine } from '../text/opening';
import {
  Credibility, DatePrecision, Id, LongText, Marking, MediumText, PartialDate, RecordMeta, Reliability, ShortText, TimeZone,
} from './common';

export const OriginalStatus = z.enum(['captured', 'not_captured']);

export const ScriptureRef = z.object({
  book: z.literal('quran'),
  chapter: z.number().int().min(1).max(114),
  verse: z.number().int().min(1),
  verseEnd: z.number().int().min(1).optional(),
  text: z.string(),
});

export const Statement = z.object({
  ...RecordMeta,
  speakerId: Id.nullable(),
  onBehalfOfId: Id.nullable(),
  saidAt: PartialDate.nullable(),
  datePrecision: DatePrecision,
  timezone: TimeZone.nullable(),
  platform: ShortText.nullable(),
  handle: ShortText.nullable(),
  url: ShortText.nullable(),
  language: z.string().max(35).nullable(),
  /** The verbatim original exactly as captured; changed only through a recorded correction. */
  originalText: LongText.nullable(),
  originalStatus: OriginalStatus,
  /** Wording as published elsewhere (e.g. an English quotation) when the original was not captured. */
  publishedWording: LongText.nullable(),
  publishedWordingLanguage: z.string().max(35).nullable(),
  summary: MediumText,
  hashtags: z.array(z.string()),
  mentions: z.array(z.string()),
  links: z.array(z.string()),
  scriptureRefs: z.array(ScriptureRef),
  reliability: Reliability.nullable(),
  credibility: Credibility.nullable(),
  marking: Marking,
});
export type Statement = z.infer<typeof Statement>;

/** What a user edits; hashtags, mentions, links and scripture refs are derived from the texts. */
export const StatementFields = Statement.pick({
  speakerId: true, onBehalfOfId: true, saidAt: true, datePrecision: true, timezone: true, platform: true, handle: true,
  url: true, language: true, originalText: true, originalStatus: true, publishedWording: true,
  publishedWordingLanguage: true, summary: true, reliability: true, credibility: true, marking: true,
});

/**
 * How a statement is named wherever it is listed (lists, search hits, the trash, the review
 * queue, activity, the CLI): the first line of its summary, else the line that names its
 * original text, else its published wording, once the basmala and other formulaic openings are
 * left out (titleLine), else its date. Long lines are cut at `max` characters.
 */
export function statementTitle(s: Pick<Statement, 'summary' | 'originalText' | 'publishedWording' | 'saidAt'>, max = 120): string {
  const line = (s.summary.trim().split('\n')[0] as string).trim() || titleLine(s.originalText ?? '') || titleLine(s.publishedWording ?? '');
  if (line) return line.length > max ? `${line.slice(0, max)}…` : line;
  return s.saidAt ? `Statement of ${s.saidAt}` : 'Untitled statement';
}

/**
 * The verbatim original is evidence: once captured, any change to it is a correction, which
 * is recorded with its reason. True when `next` (undefined: not being changed) would change a
 * captured original.
 */
export function isCorrection(captured: string | null, next: string | null | undefined): boolean {
  return captured != null && next !== undefined && next !== captured;
}

/** A correction needs a reason that says something. */
export function correctionReasonGiven(reason: unknown): boolean {
  return typeof reason === 'string' && reason.trim() !== '';
}
