/**
 * Image previews, keyed by SHA-256: the bytes of a stored file never change, so one blob URL
 * per hash serves for the whole session. Filled from the bytes of a file just dropped, or from
 * `attachments.read` for one stored earlier.
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

/** Images small enough to fetch for a preview; SVG is left out (it is a document, not pixels). */
export const PREVIEW_MAX_BYTES = 25 * 1024 * 1024;
export function wantsPreview(mediaType: string, size: number): boolean {
  return mediaType.startsWith('image/') && mediaType !== 'image/svg+xml' && size <= PREVIEW_MAX_BYTES;
}
