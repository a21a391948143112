// The bytes of an import file, checked before anything reads them as a report: the user is
// told exactly what is wrong with the file (empty, too large, binary, not UTF-8).
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { ReportImportFormat } from '../../../../shared/domain';
import { CoreError } from '../../errors';
import { invalidUtf8Offset } from '../utf8';

/** A published report's page, with its scripts and styles, is well under this. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface DecodedImport {
  text: string;
  format: ReportImportFormat;
  bytes: number;
  sha256: string;
}

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

function refuse(name: string, why: string): never {
  throw CoreError.invalid('data', `the import file ${name} ${why}; nothing was imported.`);
}

export async function decodeImport(data: Uint8Array, fileName: string): Promise<DecodedImport> {
  const name = JSON.stringify(fileName || 'standard input');
  if (data.length > MAX_IMPORT_BYTES) {
    throw new CoreError('too_large', `The import file ${name} is ${mb(data.length)}; a published report's text or page is at most ${mb(MAX_IMPORT_BYTES)}. Nothing was imported.`, { field: 'data' });
  }
  if (data.length === 0) refuse(name, 'is empty');

  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    refuse(name, 'is UTF-16 text: save it as UTF-8 and import it again');
  }
  let found: { mime: string } | undefined;
  try {
    found = await fileTypeFromBuffer(data.subarray(0, 64 * 1024));
  } catch {
    // A malformed container can make a detector throw; the checks below still apply.
  }
  // An XHTML page is detected as XML: text all the same.
  if (found && !/^text\/|^application\/(xhtml\+)?xml$/.test(found.mime)) refuse(name, `is binary (${found.mime}), not the text or HTML of a report: save the report's page as HTML or copy its text into a .txt file`);
  const control = firstControlByte(data);
  if (control >= 0) {
    refuse(name, `is binary (a control byte 0x${(data[control] as number).toString(16).padStart(2, '0')} at byte offset ${control}), not the text or HTML of a report`);
  }
  const bad = invalidUtf8Offset(data);
  if (bad >= 0) {
    const line = data.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    refuse(name, `is not valid UTF-8 (byte 0x${(data[bad] as number).toString(16).padStart(2, '0')} at byte offset ${bad}, line ${line}): save it as UTF-8 and import it again`);
  }
  let text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') refuse(name, 'holds only white space');
  return {
    text,
    format: looksLikeHtml(text, fileName) ? 'html' : 'text',
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

/** Index of the first C0 control byte other than tab, line feed, vertical tab, form feed and carriage return; -1 if none. */
function firstControlByte(data: Uint8Array): number {
  for (let i = 0; i < data.length; i++) {
    const c = data[i] as number;
    if ((c < 0x20 && !(c >= 0x09 && c <= 0x0d)) || c === 0x7f) return i;
  }
  return -1;
}

/** An .html/.htm file, or text that starts like a page or a fragment of one. */
export function looksLikeHtml(text: string, fileName = ''): boolean {
  if (/\.x?html?$/i.test(fileName)) return true;
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<article[\s>]|<main[\s>])/.test(head)) return true;
  return /^<(p|div|h[1-6]|section)[\s>]/.test(head) && /<\/(p|div|h[1-6]|section)>/.test(head);
}
