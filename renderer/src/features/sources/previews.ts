/**
 * Image previews for files dropped in this session, made from the bytes already in hand.
 * The Core has no method to read an attachment back yet, so older ones show no preview.
 */
const urls = new Map<string, string>();

export function rememberPreview(sha256: string, data: Uint8Array, mediaType: string): void {
  if (!mediaType.startsWith('image/') || mediaType === 'image/svg+xml' || urls.has(sha256)) return;
  if (typeof URL.createObjectURL !== 'function') return;
  urls.set(sha256, URL.createObjectURL(new Blob([data as BlobPart], { type: mediaType })));
}

export function previewOf(sha256: string): string | undefined {
  return urls.get(sha256);
}
