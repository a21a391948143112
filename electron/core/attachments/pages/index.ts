// Saved web pages as evidence (issue 14): the text of an HTML, MHTML or WARC file or a PDF,
// read in the Core from the stored bytes. Nothing is executed and nothing fetched: markup is
// parsed into a tree only to take its text (html.ts), archives are unpacked only to find the
// page in them. Sizes, counts and time are bounded, and a file that cannot be read says why.
import { htmlText } from './html';
import { decodeText, latin1 } from './mime';
import { mhtmlText } from './mhtml';
import { pdfText } from './pdf';
import { PageReadError, type PageFormat, type PageText } from './types';
import { warcText } from './warc';

export { PageReadError, type PageFormat, type PageText };

export const PAGE_LIMITS = {
  /** Larger files are kept as evidence but their text is not read. */
  maxBytes: 32 * 1024 * 1024,
  /** What is kept of the text (a book-length page is still searchable by its first part). */
  maxChars: 1_000_000,
  maxPdfPages: 500,
  timeMs: 20_000,
};

/** Which kind of saved page these bytes are, from their content (and the sniffed type); null: not a page. */
export function pageFormatOf(bytes: Uint8Array, mediaType: string): PageFormat | null {
  // Archives first: the sniffer calls a WARC or MHTML file text/html when it sees markup inside.
  const head = latin1(bytes.subarray(0, 4096));
  if (head.startsWith('WARC/')) return 'warc';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b && mediaType === 'application/gzip') return 'warc';
  if (/^mime-version:/im.test(head) && /^content-type:\s*multipart\/related/im.test(head)) return 'mhtml';
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (mediaType === 'text/plain' && /^\s*(<!--[\s\S]*?-->\s*)?<(!doctype html|html)/i.test(head)) return 'html';
  return null;
}

export interface ReadPage extends PageText { format: PageFormat; truncated: boolean }

/**
 * The page in these bytes, or null when they are not a saved page at all. Throws PageReadError
 * (its message finishes "The file … could not be read: …") for a page that cannot be read.
 */
export async function readSavedPage(bytes: Uint8Array, mediaType: string, limits = PAGE_LIMITS): Promise<ReadPage | null> {
  const format = pageFormatOf(bytes, mediaType);
  if (!format) return null;
  if (bytes.length > limits.maxBytes) {
    throw new PageReadError(`it is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; text is read from saved pages up to ${Math.round(limits.maxBytes / 1024 / 1024)} MB`);
  }
  const deadline = Date.now() + limits.timeMs;
  let page: PageText;
  switch (format) {
    case 'html': {
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      const charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(latin1(bytes.subarray(0, 2048)))?.[1];
      page = htmlText(decodeText(bytes, bom ? 'utf-8' : charset));
      break;
    }
    case 'mhtml': page = mhtmlText(bytes); break;
    case 'warc': page = warcText(bytes, limits.maxBytes * 4); break;
    case 'pdf': page = await pdfText(bytes, { maxPages: limits.maxPdfPages, deadline }); break;
  }
  if (Date.now() > deadline) throw new PageReadError(`reading its text took longer than ${limits.timeMs / 1000} s`);
  const truncated = page.text.length > limits.maxChars;
  return { ...page, format, text: truncated ? page.text.slice(0, limits.maxChars) : page.text, truncated };
}
