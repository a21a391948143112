// Source records as CSL-JSON (citationstyles.org, csl-data.json), written once: report footnotes
// go through it to citeproc-js, and a CSL-JSON export of sources reuses it as it is.
import type { Source } from '../../../shared/domain';

export interface CslDate { 'date-parts': [number, ...number[]][] }
export interface CslName { literal: string }

/** The CSL-JSON fields Casefile fills; other CSL variables stay absent. */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  publisher?: string;
  'container-title'?: string;
  genre?: string;
  URL?: string;
  issued?: CslDate;
  accessed?: CslDate;
  note?: string;
}

/** Source kind -> CSL item type (CSL 1.0.2 types). */
export const CSL_TYPE: Readonly<Record<Source['kind'], string>> = {
  social_post: 'post',
  video: 'motion_picture',
  audio: 'song',
  web_page: 'webpage',
  document: 'document',
  image: 'graphic',
  broadcast: 'broadcast',
  press_release: 'document',
};

/** Kinds where the publisher is the platform or site the item appeared on. */
const IN_CONTAINER = new Set<Source['kind']>(['social_post', 'web_page', 'broadcast']);

/** "2023", "2023-11", "2023-11-01" or a timestamp -> CSL date parts; null when unreadable. */
export function cslDate(value: string | null | undefined): CslDate | undefined {
  const m = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value) : null;
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2]) parts.push(Number(m[2]));
  if (m[3]) parts.push(Number(m[3]));
  return { 'date-parts': [parts as [number, ...number[]]] };
}

export function sourceToCsl(src: Source): CslItem {
  const item: CslItem = { id: src.id, type: CSL_TYPE[src.kind], title: src.title };
  // Authors are often organisations or handles: literal names, never split into given/family.
  if (src.author) item.author = [{ literal: src.author }];
  if (src.publisher) {
    if (IN_CONTAINER.has(src.kind)) item['container-title'] = src.publisher;
    else item.publisher = src.publisher;
  }
  if (src.kind === 'press_release') item.genre = 'press release';
  if (src.url) item.URL = src.url;
  const issued = cslDate(src.publishedAt);
  if (issued) item.issued = issued;
  const accessed = cslDate(src.accessedAt);
  if (accessed) item.accessed = accessed;
  return item;
}
