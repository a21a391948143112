/**
 * The two reference forms of a report body (design: issue 10), stored by id, never by number:
 *
 *   [@SOURCE_ID]  [@SOURCE_ID, LOCATOR]                       a citation of a source
 *   {{quote statement=STATEMENT_ID revision=REVISION_ID}}     a quotation of a translation revision
 *   {{quote statement=STATEMENT_ID wording=published}}        a quotation of the published wording
 *
 * A quotation alone on its line is a block quotation; inside a paragraph it is quoted inline.
 * This is the one parser the Core, the importer and the live preview share, so they cannot
 * disagree about what a body refers to. Offsets are UTF-16 indexes into the body, [start, end).
 */

export const LOCATOR_MAX = 200;

export interface CiteRef {
  kind: 'cite';
  sourceId: string;
  /** Free text after the comma (trimmed), e.g. `at 02:13`, `p. 4`; '' when there is none. */
  locator: string;
  start: number;
  end: number;
}

export interface QuoteRef {
  kind: 'quote';
  statementId: string;
  /** The chosen translation revision; null when the quotation uses the published wording. */
  revisionId: string | null;
  wording: 'translation' | 'published';
  /** Alone on its line: rendered as a block quotation. */
  block: boolean;
  start: number;
  end: number;
}

export type Reference = CiteRef | QuoteRef;

/** Text that looks like a reference but is not one: saved bodies may not contain any. */
export interface ReferenceProblem {
  start: number;
  end: number;
  /** The offending text (cut at 80 characters). */
  text: string;
  /** 1-based line of `start`, for messages. */
  line: number;
  message: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_RE = new RegExp(`^${UUID}$`);
// `[@` then an id-like run: hex digits and dashes, at least 8 of them (a handle such as
// [@akram_kaabi] is prose, not a broken citation).
const CITE_START = /\[@(?=[0-9a-fA-F-]{8})/g;
const CITE_RE = new RegExp(`^\\[@(${UUID})(?:,([^\\]\\n]*))?\\]`);
const QUOTE_START = /\{\{\s*quote\b/g;

export function isRecordId(s: string): boolean {
  return UUID_RE.test(s);
}

/** Every reference and every reference-like mistake, in body order. */
export function parseBody(body: string): { references: Reference[]; problems: ReferenceProblem[] } {
  const references: Reference[] = [];
  const problems: ReferenceProblem[] = [];
  const problem = (start: number, end: number, message: string) => {
    problems.push({ start, end, text: body.slice(start, Math.min(end, start + 80)), line: lineOf(body, start), message });
  };

  for (const m of body.matchAll(CITE_START)) {
    const start = m.index;
    const rest = body.slice(start, lineEnd(body, start));
    const c = CITE_RE.exec(rest);
    if (!c) {
      const close = body.indexOf(']', start);
      const end = close === -1 || body.slice(start, close).includes('\n') ? lineEnd(body, start) : close + 1;
      problem(start, end, 'a citation is [@SOURCE_ID] or [@SOURCE_ID, LOCATOR], with the full source id (a UUID) and the locator on the same line');
      continue;
    }
    const locator = (c[2] ?? '').trim();
    const end = start + c[0].length;
    if (c[2] !== undefined && locator === '') { problem(start, end, 'the citation has a comma but no locator after it'); continue; }
    if (locator.length > LOCATOR_MAX) { problem(start, end, `the locator is longer than ${LOCATOR_MAX} characters`); continue; }
    references.push({ kind: 'cite', sourceId: c[1] as string, locator, start, end });
  }

  for (const m of body.matchAll(QUOTE_START)) {
    const start = m.index;
    const close = body.indexOf('}}', start);
    const nl = body.indexOf('\n', start);
    if (close === -1 || (nl !== -1 && nl < close)) {
      problem(start, lineEnd(body, start), 'a quotation is {{quote statement=ID revision=ID}} or {{quote statement=ID wording=published}} on one line, closed by }}');
      continue;
    }
    const end = close + 2;
    const parsed = parseQuoteAttributes(body.slice(m.index + m[0].length, close));
    if (typeof parsed === 'string') { problem(start, end, parsed); continue; }
    references.push({ kind: 'quote', ...parsed, block: aloneOnLine(body, start, end), start, end });
  }

  references.sort((a, b) => a.start - b.start);
  problems.sort((a, b) => a.start - b.start);
  return { references, problems };
}

/** The references of a body, in order (malformed ones are left out: see parseBody). */
export function parseReferences(body: string): Reference[] {
  return parseBody(body).references;
}

function parseQuoteAttributes(inner: string): Omit<QuoteRef, 'kind' | 'block' | 'start' | 'end'> | string {
  const attrs = new Map<string, string>();
  const words = inner.trim().split(/\s+/).filter(Boolean);
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0) return `"${w}" is not an attribute: write name=value (statement=, revision= or wording=)`;
    const key = w.slice(0, eq);
    if (!['statement', 'revision', 'wording'].includes(key)) return `unknown quotation attribute "${key}" (use statement=, revision= or wording=published)`;
    if (attrs.has(key)) return `the quotation gives ${key}= twice`;
    attrs.set(key, w.slice(eq + 1));
  }
  const statementId = attrs.get('statement');
  if (!statementId) return 'the quotation names no statement (statement=ID)';
  if (!isRecordId(statementId)) return `statement=${statementId} is not a statement id (a UUID)`;
  const revision = attrs.get('revision');
  const wording = attrs.get('wording');
  if (revision !== undefined && wording !== undefined) return 'a quotation takes either revision= (a translation) or wording=published, not both';
  if (wording !== undefined) {
    if (wording !== 'published') return `wording=${wording} is not known (only wording=published)`;
    return { statementId, revisionId: null, wording: 'published' };
  }
  if (revision === undefined) return 'the quotation names no translation revision (revision=ID) and is not wording=published';
  if (!isRecordId(revision)) return `revision=${revision} is not a revision id (a UUID)`;
  return { statementId, revisionId: revision, wording: 'translation' };
}

function lineOf(body: string, at: number): number {
  let n = 1;
  for (let i = body.indexOf('\n'); i !== -1 && i < at; i = body.indexOf('\n', i + 1)) n++;
  return n;
}

function lineEnd(body: string, at: number): number {
  const nl = body.indexOf('\n', at);
  return nl === -1 ? body.length : nl;
}

function aloneOnLine(body: string, start: number, end: number): boolean {
  const lineStart = body.lastIndexOf('\n', start - 1) + 1;
  return body.slice(lineStart, start).trim() === '' && body.slice(end, lineEnd(body, end)).trim() === '';
}

// --- writing --------------------------------------------------------------------------------

/** `[@ID]` or `[@ID, LOCATOR]`. */
export function formatCitation(sourceId: string, locator = ''): string {
  const loc = locator.trim();
  if (!isRecordId(sourceId)) throw new RangeError(`${sourceId} is not a source id`);
  if (/[\]\n]/.test(loc)) throw new RangeError('a locator cannot contain "]" or a line break');
  if (loc.length > LOCATOR_MAX) throw new RangeError(`a locator is at most ${LOCATOR_MAX} characters`);
  return loc ? `[@${sourceId}, ${loc}]` : `[@${sourceId}]`;
}

/** `{{quote statement=ID revision=ID}}`, or with `wording: 'published'` the published-wording form. */
export function formatQuotation(q: { statementId: string; revisionId: string } | { statementId: string; wording: 'published' }): string {
  if (!isRecordId(q.statementId)) throw new RangeError(`${q.statementId} is not a statement id`);
  if ('revisionId' in q) {
    if (!isRecordId(q.revisionId)) throw new RangeError(`${q.revisionId} is not a revision id`);
    return `{{quote statement=${q.statementId} revision=${q.revisionId}}}`;
  }
  return `{{quote statement=${q.statementId} wording=published}}`;
}

/**
 * Inserts reference text at a UTF-16 offset (clamped to the body). A block quotation gets a
 * line of its own: line breaks are added around it where the text beside it is not one.
 * Returns the new body and where the reference now sits.
 */
export function insertReference(body: string, at: number, text: string, opts: { block?: boolean } = {}): { body: string; start: number; end: number } {
  const pos = Math.max(0, Math.min(Math.trunc(at), body.length));
  const before = body.slice(0, pos);
  const after = body.slice(pos);
  if (!opts.block) return { body: before + text + after, start: pos, end: pos + text.length };
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const tail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const start = pos + lead.length;
  return { body: before + lead + text + tail + after, start, end: start + text.length };
}
