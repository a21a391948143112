// Footnote text from one citation style: citeproc-js over the CSL-JSON of the cited sources, with
// the house style and the en-US locale shipped in resources/csl (a desk may put its own style at
// <data folder>/csl/house.csl). Nothing here formats a citation by hand.
import fs from 'node:fs';
import path from 'node:path';
import CSL from 'citeproc';
import type { Run } from '../../../../shared/domain';
import type { CslItem } from '../csl';
import { CoreError } from '../../errors';

export const STYLE_FILE = 'casefile-house.csl';
export const LOCALE_FILE = 'locales-en-US.xml';
/** Where a desk's own style goes, inside the data folder. */
export const DESK_STYLE = path.join('csl', 'house.csl');

export interface CitationStyle {
  style: string;
  locale: string;
  /** The file the style came from, for messages. */
  origin: string;
}

/** The folder holding the shipped style and locale: the one given, else resources/csl above this file. */
export function findCslDir(given?: string): string {
  if (given) return given;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'resources', 'csl');
    if (fs.existsSync(path.join(candidate, STYLE_FILE))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new CoreError('failed', `The citation style files (resources/csl/${STYLE_FILE}) are missing from this installation.`);
}

export function loadCitationStyle(cslDir: string, dataDir: string): CitationStyle {
  const desk = path.join(dataDir, DESK_STYLE);
  const stylePath = fs.existsSync(desk) ? desk : path.join(cslDir, STYLE_FILE);
  try {
    return { style: fs.readFileSync(stylePath, 'utf8'), locale: fs.readFileSync(path.join(cslDir, LOCALE_FILE), 'utf8'), origin: stylePath };
  } catch (e) {
    throw new CoreError('failed', `Cannot read the citation style: ${(e as Error).message}`);
  }
}

export interface FootnoteText { runs: Run[]; text: string }

/** One footnote text per cited (source, locator), in the order given. */
export function formatFootnotes(style: CitationStyle, items: ReadonlyMap<string, CslItem>, cites: readonly { sourceId: string; locator: string }[]): FootnoteText[] {
  if (cites.length === 0) return [];
  let engine: InstanceType<typeof CSL.Engine>;
  try {
    engine = new CSL.Engine({ retrieveLocale: () => style.locale, retrieveItem: (id) => items.get(id) }, style.style, 'en-US', true);
    engine.setOutputFormat('html');
    engine.updateItems([...items.keys()]);
  } catch (e) {
    throw new CoreError('failed', `The citation style ${style.origin} cannot be used: ${(e as Error).message}`);
  }
  return cites.map((c) => {
    const runs = htmlToRuns(engine.makeCitationCluster([{ id: c.sourceId, ...(c.locator ? { locator: c.locator, label: 'page' } : {}) }]));
    return { runs, text: runs.map((r) => (r.type === 'text' ? r.text : '')).join('') };
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * citeproc's HTML output as text runs: italics and bold kept, every other tag dropped, entities
 * decoded. citeproc escapes the field text itself, so a tag here is one the style asked for.
 */
export function htmlToRuns(html: string): Run[] {
  const runs: Run[] = [];
  const stack: ('i' | 'b' | null)[] = [];
  const italic = () => stack.includes('i');
  const bold = () => stack.includes('b');
  for (const part of html.split(/(<[^>]*>)/)) {
    if (part === '') continue;
    if (part.startsWith('<')) {
      const close = part.startsWith('</');
      const name = /^<\/?\s*([a-z0-9]+)/i.exec(part)?.[1]?.toLowerCase() ?? '';
      if (close) { if (['i', 'em', 'b', 'strong', 'span'].includes(name)) stack.pop(); continue; }
      if (name === 'i' || name === 'em') stack.push('i');
      else if (name === 'b' || name === 'strong') stack.push('b');
      else if (name === 'span') stack.push(/font-style:\s*italic/.test(part) ? 'i' : /font-weight:\s*bold/.test(part) ? 'b' : null);
      continue;
    }
    const text = decodeEntities(part);
    const marks = { ...(italic() ? { italic: true } : {}), ...(bold() ? { bold: true } : {}) };
    const last = runs[runs.length - 1];
    if (last?.type === 'text' && JSON.stringify(last.marks ?? {}) === JSON.stringify(marks)) last.text += text;
    else runs.push(Object.keys(marks).length ? { type: 'text', text, marks } : { type: 'text', text });
  }
  return runs;
}
