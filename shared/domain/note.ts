import { z } from 'zod';
import { Id, LongText, MediumText, PartialDate, DatePrecision, RecordMeta, RequiredName } from './common';

/** A note on a translation is about the whole translation (every revision), not one revision. */
export const NoteTargetType = z.enum(['case', 'statement', 'source', 'actor', 'report', 'event', 'translation']);
export const Note = z.object({
  ...RecordMeta,
  targetType: NoteTargetType,
  targetId: Id,
  body: LongText,
  pinned: z.boolean(),
});
export type Note = z.infer<typeof Note>;

/** A dated entry on a case timeline added by an analyst (a strike, an arrest). */
export const Event = z.object({
  ...RecordMeta,
  caseId: Id,
  occurredAt: PartialDate,
  datePrecision: DatePrecision,
  title: RequiredName,
  description: MediumText,
});
export type Event = z.infer<typeof Event>;
