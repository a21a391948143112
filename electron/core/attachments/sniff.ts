// Media-type sniffing for attachments. The type is always derived from the
// first bytes of the content, never from a file name or extension.
import { fileTypeFromBuffer } from 'file-type';

/** How many leading bytes the store keeps aside for sniffing. */
export const SNIFF_BYTES = 64 * 1024;

export const OCTET_STREAM = 'application/octet-stream';

/**
 * Sniff the media type of content from its first bytes.
 *
 * @param head the first bytes of the content (at most SNIFF_BYTES are looked at)
 * @param truncated true when `head` is only a prefix of the content, so a
 *   multi-byte UTF-8 sequence cut off at the end is not counted as invalid
 */
export async function sniffMediaType(head: Uint8Array, truncated = false): Promise<string> {
  if (head.length === 0) return OCTET_STREAM;
  const sample = head.length > SNIFF_BYTES ? head.subarray(0, SNIFF_BYTES) : head;
  const cut = truncated || sample.length < head.length;

  try {
    const found = await fileTypeFromBuffer(sample);
    if (found) return found.mime;
  } catch {
    // A malformed container can make a detector throw; fall through to the text checks.
  }

  const text = decodeUtf8(sample, cut);
  if (text === undefined || !looksLikeText(text)) return OCTET_STREAM;
  const lower = text.toLowerCase();
  if (lower.includes('<html') || lower.includes('<!doctype html')) return 'text/html';
  return 'text/plain';
}

/** Strict UTF-8 decode; undefined when the bytes are not valid UTF-8. */
function decodeUtf8(bytes: Uint8Array, truncated: boolean): string | undefined {
  try {
    // With `stream: true` an incomplete sequence at the very end is held back
    // instead of being reported, which is what we want for a cut-off prefix.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return undefined;
  }
}

/**
 * Valid UTF-8 is not enough to call something text: a run of zero bytes is
 * valid UTF-8 too. Reject C0 control characters other than the usual
 * whitespace (tab, LF, VT, FF, CR) and ESC (ANSI colour codes in logs).
 */
function looksLikeText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) return false;
    if (c === 0x7f) return false;
  }
  return true;
}
