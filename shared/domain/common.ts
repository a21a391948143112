import { z } from 'zod';
import { partialDateProblem, timeZoneProblem } from './calendar';

// Strings crossing a door must be well-formed Unicode: a lone surrogate is what invalid
// UTF-8 becomes once it reaches JavaScript, and SQLite would store it mangled.
const wellFormed = (s: string) => s.isWellFormed();
const WELL_FORMED = { message: 'contains invalid Unicode (an unpaired surrogate): re-save the text as UTF-8' };

export const LIMITS = {
  shortText: 1_000,
  mediumText: 20_000,
  longText: 2_000_000,
} as const;

export const ShortText = z.string().max(LIMITS.shortText).refine(wellFormed, WELL_FORMED);
export const MediumText = z.string().max(LIMITS.mediumText).refine(wellFormed, WELL_FORMED);
export const LongText = z.string().max(LIMITS.longText).refine(wellFormed, WELL_FORMED);
export const RequiredName = z.string().trim().min(1, 'must not be empty').max(LIMITS.shortText).refine(wellFormed, WELL_FORMED);

export const Id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a record id (UUID)');
export type Id = z.infer<typeof Id>;

export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();
/** A date that may be known only to the month or year: 2023, 2023-11, 2023-11-01, or a full timestamp. */
export const PartialDate = z.string().regex(
  /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/,
  'must be a date like 2023, 2023-11, 2023-11-01 or 2023-11-01T14:30Z',
).superRefine((value, ctx) => {
  // The pattern gives the shape; a shape can still name a day no calendar has.
  const problem = partialDateProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `${value} is not a real date: ${problem}` });
});
/** An IANA time zone name (Asia/Baghdad, UTC): what Intl and the Hijri calendar display can use. */
export const TimeZone = z.string().max(64, { abort: true }).superRefine((value, ctx) => {
  const problem = timeZoneProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export const DatePrecision = z.enum(['year', 'month', 'day', 'minute']);
export type DatePrecision = z.infer<typeof DatePrecision>;

export const Marking = z.enum(['public', 'subscribers', 'internal', 'restricted']);
export type Marking = z.infer<typeof Marking>;
export const MARKING_ORDER: readonly Marking[] = ['public', 'subscribers', 'internal', 'restricted'];

export const Role = z.enum(['analyst', 'case_manager', 'reviewer', 'admin']);
export type Role = z.infer<typeof Role>;

/** Admiralty (NATO) code: reliability of the source A-F, credibility of the information 1-6. */
export const Reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export const Credibility = z.enum(['1', '2', '3', '4', '5', '6']);

export const Tag = z.string().trim().min(1).max(100).refine(wellFormed, WELL_FORMED);

/** Fields every editable record carries. */
export const RecordMeta = {
  id: Id,
  rev: z.number().int().positive(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  createdBy: Id.nullable(),
  updatedBy: Id.nullable(),
  deletedAt: IsoDateTime.nullable(),
};

export const Paging = {
  limit: z.number().int().min(1).max(10_000).default(100),
  offset: z.number().int().min(0).default(0),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

export const RecordType = z.enum([
  'profile', 'case', 'actor', 'actor_relation', 'statement', 'source', 'citation', 'attachment', 'note', 'event', 'report',
]);
export type RecordType = z.infer<typeof RecordType>;
