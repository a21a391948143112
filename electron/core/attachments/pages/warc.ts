// WARC (ISO 28500), as Webrecorder, ArchiveWeb.page, wget --warc-file and Heritrix write it: a
// sequence of records, each a header block (WARC/1.0 or 1.1), a Content-Length body and two
// line breaks; gzipped as a whole or record by record (.warc.gz). The page is the first
// response or resource record whose payload is HTML; its address and time are that record's
// WARC-Target-URI and WARC-Date. Only record headers are trusted for lengths, and every
// length is checked against what is there.
import zlib from 'node:zlib';
import { htmlText } from './html';
import { contentType, decodeText, latin1, readHeaders, type Headers } from './mime';
import { httpUrl, isoDate, PageReadError, type PageText } from './types';

const MAX_RECORDS = 100_000;

function gunzip(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    // gunzipSync reads every member of a multi-member file (one per record) in turn.
    return new Uint8Array(zlib.gunzipSync(bytes, { maxOutputLength: maxBytes }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new PageReadError(`it unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    throw new PageReadError(`it looks gzipped but cannot be unpacked (${(err as Error).message})`);
  }
}

interface Rec { headers: Headers; body: Uint8Array }

function* records(bytes: Uint8Array): Generator<Rec> {
  let at = 0;
  let n = 0;
  while (at < bytes.length) {
    while (at < bytes.length && (bytes[at] === 0x0d || bytes[at] === 0x0a)) at++;
    if (at >= bytes.length) return;
    if (latin1(bytes.subarray(at, at + 5)) !== 'WARC/') throw new PageReadError(`record ${n + 1} does not start with a WARC/ version line (byte ${at})`);
    const h = readHeaders(bytes, at);
    if (!h) throw new PageReadError(`record ${n + 1} has no end to its header block`);
    const len = Number(h.headers.get('content-length'));
    if (!Number.isSafeInteger(len) || len < 0) throw new PageReadError(`record ${n + 1} has no valid Content-Length`);
    if (h.bodyStart + len > bytes.length) throw new PageReadError(`record ${n + 1} says it is ${len} bytes long but the file ends before that (truncated?)`);
    yield { headers: h.headers, body: bytes.subarray(h.bodyStart, h.bodyStart + len) };
    at = h.bodyStart + len;
    if (++n >= MAX_RECORDS) throw new PageReadError(`it has more than ${MAX_RECORDS} records`);
  }
}

/** A response record's body is an HTTP message: status line, headers, then the payload (chunked or not). */
function httpPayload(body: Uint8Array): { type: string; charset?: string; payload: Uint8Array } | null {
  const h = readHeaders(body);
  if (!h) return null;
  const ct = contentType(h.headers.get('content-type'));
  let payload = body.subarray(h.bodyStart);
  if ((h.headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked')) payload = unchunk(payload);
  const enc = (h.headers.get('content-encoding') ?? '').toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') payload = gunzip(payload, 64 * 1024 * 1024);
  else if (enc === 'br') payload = new Uint8Array(zlib.brotliDecompressSync(payload, { maxOutputLength: 64 * 1024 * 1024 }));
  else if (enc === 'deflate') payload = new Uint8Array(zlib.inflateSync(payload, { maxOutputLength: 64 * 1024 * 1024 }));
  return { type: ct.type, charset: ct.params.charset, payload };
}

function unchunk(b: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < b.length) {
    let eol = at;
    while (eol < b.length && b[eol] !== 0x0a) eol++;
    const size = parseInt(latin1(b.subarray(at, eol)).trim().split(';')[0] ?? '', 16);
    if (!Number.isFinite(size)) throw new PageReadError('its HTTP response is chunked but a chunk size cannot be read');
    if (size === 0) break;
    out.push(b.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 2;
  }
  return new Uint8Array(Buffer.concat(out));
}

export function warcText(input: Uint8Array, maxBytes: number): PageText {
  const bytes = input[0] === 0x1f && input[1] === 0x8b ? gunzip(input, maxBytes) : input;
  let seen = 0;
  for (const r of records(bytes)) {
    seen++;
    const kind = (r.headers.get('warc-type') ?? '').toLowerCase();
    let page: { type: string; charset?: string; payload: Uint8Array } | null = null;
    if (kind === 'response' && contentType(r.headers.get('content-type')).type === 'application/http') page = httpPayload(r.body);
    else if (kind === 'resource') {
      const ct = contentType(r.headers.get('content-type'));
      page = { type: ct.type, charset: ct.params.charset, payload: r.body };
    }
    if (!page || page.type !== 'text/html') continue;
    const html = htmlText(decodeText(page.payload, page.charset));
    return {
      text: html.text, title: html.title,
      url: httpUrl(r.headers.get('warc-target-uri')?.replace(/^<(.*)>$/, '$1')) ?? html.url,
      capturedAt: isoDate(r.headers.get('warc-date')),
    };
  }
  throw new PageReadError(`none of its ${seen} records is an HTML response or resource`);
}
