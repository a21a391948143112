// Reading MIME (RFC 2045/2046/2047) as web archives use it: MHTML is a multipart/related
// message, WARC records carry HTTP headers in the same shape. Only what text extraction needs:
// headers, the boundary, quoted-printable and base64 bodies, and charsets.
import { PageReadError } from './types';

export type Headers = Map<string, string>;

/** Header block (up to the first blank line) → lower-cased names, unfolded values, and where the body starts. */
export function readHeaders(bytes: Uint8Array, from = 0, maxBytes = 64 * 1024): { headers: Headers; bodyStart: number } | null {
  const end = Math.min(bytes.length, from + maxBytes);
  let i = from;
  let stop = -1;
  let skip = 0;
  for (; i < end; i++) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) { stop = i; skip = 2; break; }
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a && bytes[i + 2] === 0x0d && bytes[i + 3] === 0x0a) { stop = i; skip = 4; break; }
  }
  if (stop < 0) return null;
  const text = latin1(bytes.subarray(from, stop));
  const headers: Headers = new Map();
  let name = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name) {
      headers.set(name, `${headers.get(name) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, bodyStart: stop + skip };
}

export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** `text/html; charset="utf-8"` → { type: 'text/html', params: { charset: 'utf-8' } } */
export function contentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type = '', ...rest] = (value ?? '').split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/s, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

export function decodeQuotedPrintable(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let o = 0;
  const hex = (c: number | undefined) => (c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1);
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c !== 0x3d) { out[o++] = c; continue; }
    // A soft line break (=\r\n or =\n) joins lines; =XX is a byte; anything else is kept as written.
    if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) { i += 2; continue; }
    if (b[i + 1] === 0x0a) { i += 1; continue; }
    const h = hex(b[i + 1]);
    const l = hex(b[i + 2]);
    if (h >= 0 && l >= 0) { out[o++] = h * 16 + l; i += 2; } else out[o++] = c;
  }
  return out.subarray(0, o);
}

export function decodeBody(body: Uint8Array, encoding: string | undefined): Uint8Array {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  if (enc === 'base64') return new Uint8Array(Buffer.from(latin1(body).replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  return body;
}

/** Bytes in a declared charset as text; an unknown label is named in the error. UTF-8 when none is declared. */
export function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').trim() || 'utf-8';
  let decoder: { decode(b: Uint8Array): string };
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new PageReadError(`its text is in the character set "${label.slice(0, 40)}", which Casefile cannot read`);
  }
  return decoder.decode(bytes);
}

/** RFC 2047 encoded words in a header (`=?utf-8?Q?...?=`, `=?UTF-8?B?...?=`) as text. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_m, cs: string, enc: string, data: string) => {
    try {
      const bytes = enc.toUpperCase() === 'B'
        ? new Uint8Array(Buffer.from(data, 'base64'))
        : decodeQuotedPrintable(new Uint8Array(Buffer.from(data.replace(/_/g, ' '), 'latin1')));
      return decodeText(bytes, cs);
    } catch {
      return data;
    }
  });
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength), from);
}

/** The parts of a multipart body, each as its header block and body bytes (without the CRLF before the next boundary). */
export function multipartParts(body: Uint8Array, boundary: string, maxParts: number): { headers: Headers; body: Uint8Array }[] {
  const delim = new Uint8Array(Buffer.from(`--${boundary}`, 'latin1'));
  const parts: { headers: Headers; body: Uint8Array }[] = [];
  let at = indexOf(body, delim, 0);
  while (at >= 0) {
    const afterDelim = at + delim.length;
    if (body[afterDelim] === 0x2d && body[afterDelim + 1] === 0x2d) break;
    const next = indexOf(body, delim, afterDelim);
    let lineEnd = afterDelim;
    while (lineEnd < body.length && body[lineEnd] !== 0x0a) lineEnd++;
    const partEnd = next < 0 ? body.length : next;
    const h = readHeaders(body.subarray(0, partEnd), lineEnd + 1);
    if (h) {
      let end = partEnd;
      if (body[end - 1] === 0x0a) end--;
      if (body[end - 1] === 0x0d) end--;
      parts.push({ headers: h.headers, body: body.subarray(h.bodyStart, Math.max(h.bodyStart, end)) });
    }
    if (parts.length >= maxParts) throw new PageReadError(`it has more than ${maxParts} parts`);
    at = next;
  }
  return parts;
}
