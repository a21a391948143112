import { z } from 'zod';
import { Id, IsoDateTime, RecordMeta, ShortText } from './common';

export const AttachmentOwnerType = z.enum(['source', 'statement', 'case', 'note', 'report', 'event']);
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

export const Attachment = z.object({
  ...RecordMeta,
  ownerType: AttachmentOwnerType,
  ownerId: Id,
  sha256: Sha256,
  size: z.number().int().min(0),
  mediaType: z.string(),
  /** As the file was named when captured: metadata only, never used as a path. */
  originalName: ShortText,
  capturedAt: IsoDateTime,
  description: ShortText,
});
export type Attachment = z.infer<typeof Attachment>;

export const PageFormat = z.enum(['html', 'mhtml', 'warc', 'pdf']);
/**
 * A saved web page's text, read from an attachment's bytes in the Core (never executed, nothing
 * fetched), and what the file says about itself: offered to fill the source, never applied
 * without the user.
 */
export const SavedPage = z.object({
  format: PageFormat,
  title: z.string().nullable(),
  /** The address the file says the page was saved from (http or https only). */
  url: z.string().nullable(),
  /** When the file says it was captured (MHTML Date, WARC-Date, PDF CreationDate); HTML carries none. */
  capturedAt: IsoDateTime.nullable(),
  /** Plain text: shown as text, never as markup. */
  text: z.string(),
  /** The text was longer than what is kept. */
  truncated: z.boolean(),
  /** Why the text could not be read, when it could not. */
  problem: z.string().nullable(),
});
export type SavedPage = z.infer<typeof SavedPage>;
