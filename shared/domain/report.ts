import { z } from 'zod';
import { LongText, Marking, RecordMeta, RequiredName, ShortText } from './common';

/** A publication draft. Only draft content for now; publishing formats come later. */
export const Report = z.object({
  ...RecordMeta,
  headline: RequiredName,
  dateline: ShortText,
  body: LongText,
  marking: Marking,
});
export type Report = z.infer<typeof Report>;
