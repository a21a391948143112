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
