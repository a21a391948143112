// MHTML, as Chromium's "Save as… Webpage, Single File" writes it: one MIME multipart/related
// message whose first text/html part is the page (quoted-printable or base64), beside its
// images and styles, which are never looked at. The address and time are the message's
// Snapshot-Content-Location and Date headers.
import { htmlText } from './html';
import { contentType, decodeBody, decodeText, decodeWords, multipartParts, readHeaders } from './mime';
import { httpUrl, isoDate, PageReadError, type PageText } from './types';

const MAX_PARTS = 10_000;

export function mhtmlText(bytes: Uint8Array): PageText {
  const top = readHeaders(bytes);
  if (!top) throw new PageReadError('it has no MIME header block (is it really an MHTML file?)');
  const ct = contentType(top.headers.get('content-type'));
  if (!ct.type.startsWith('multipart/')) throw new PageReadError(`its Content-Type is "${ct.type || 'missing'}", not multipart/related`);
  const boundary = ct.params.boundary;
  if (!boundary) throw new PageReadError('its Content-Type names no boundary between parts');
  const parts = multipartParts(bytes.subarray(top.bodyStart), boundary, MAX_PARTS);
  const html = parts.find((p) => contentType(p.headers.get('content-type')).type === 'text/html');
  if (!html) throw new PageReadError(`none of its ${parts.length} parts is an HTML page`);
  const pct = contentType(html.headers.get('content-type'));
  const page = htmlText(decodeText(decodeBody(html.body, html.headers.get('content-transfer-encoding')), pct.params.charset));
  const subject = top.headers.get('subject');
  return {
    text: page.text,
    title: page.title ?? (subject ? decodeWords(subject) : null),
    url: httpUrl(top.headers.get('snapshot-content-location')) ?? httpUrl(html.headers.get('content-location')) ?? page.url,
    capturedAt: isoDate(top.headers.get('date')),
  };
}
