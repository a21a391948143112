// A published report, whatever it came as, is read as a list of blocks (a line of plain text,
// a paragraph or heading of a page) in reading order, plus what the page says about itself.

export interface Block {
  /** The text as published (a page's white space collapsed as a browser shows it). */
  text: string;
  /** 1-6 for a page's <h1>-<h6>. */
  heading?: number;
  /** http(s) addresses of the links in the block. */
  links: string[];
}

export interface PageMeta {
  title: string | null;
  siteName: string | null;
  url: string | null;
  /** The page's own publication date, e.g. from article:published_time. */
  publishedTime: string | null;
  /** The primary language subtag of <html lang>. */
  lang: string | null;
}

export const NO_META: PageMeta = { title: null, siteName: null, url: null, publishedTime: null, lang: null };

const SENTENCE_END = /[.!?:;"”’'»)\]]$/;

/**
 * Plain text: one block per line. A line is joined to the one before only when that one was
 * evidently wrapped (long, no closing punctuation) and this one goes on in lower case, so a
 * hard-wrapped paragraph is read whole while the sample's short lines stay apart.
 */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let prev: string | null = null;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') { prev = null; continue; }
    if (prev !== null && prev.length >= 50 && !SENTENCE_END.test(prev) && /^\p{Ll}/u.test(line)) {
      const last = blocks[blocks.length - 1] as Block;
      last.text = `${last.text} ${line}`;
      prev = last.text;
      continue;
    }
    blocks.push({ text: line, links: [] });
    prev = line;
  }
  return blocks;
}
