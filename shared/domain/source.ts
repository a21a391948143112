import { z } from 'zod';
import { Credibility, Id, IsoDateTime, Marking, MediumText, PartialDate, RecordMeta, Reliability, RequiredName, ShortText } from './common';

export const SourceKind = z.enum(['social_post', 'video', 'audio', 'web_page', 'document', 'image', 'broadcast', 'press_release']);

export const Source = z.object({
  ...RecordMeta,
  kind: SourceKind,
  title: RequiredName,
  author: ShortText.nullable(),
  publisher: ShortText.nullable(),
  url: ShortText.nullable(),
  publishedAt: PartialDate.nullable(),
  accessedAt: IsoDateTime.nullable(),
  capturedBy: Id.nullable(),
  reliability: Reliability.nullable(),
  credibility: Credibility.nullable(),
  gradeRationale: MediumText,
  notes: MediumText,
  marking: Marking,
});
export type Source = z.infer<typeof Source>;
export const SourceFields = Source.pick({
  kind: true, title: true, author: true, publisher: true, url: true, publishedAt: true, accessedAt: true,
  capturedBy: true, reliability: true, credibility: true, gradeRationale: true, notes: true, marking: true,
});

export const CitingType = z.enum(['statement', 'report']);
/** A source cited by a statement or a report, in order, with a locator such as a page or a timestamp. */
export const Citation = z.object({
  id: Id,
  citingType: CitingType,
  citingId: Id,
  sourceId: Id,
  position: z.number().int().min(0),
  locator: ShortText,
  createdAt: z.string(),
  createdBy: Id.nullable(),
});
export type Citation = z.infer<typeof Citation>;
