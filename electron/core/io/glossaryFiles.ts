/**
 * Glossary files in and out: CSV (one term per row) and TBX (written as TBX v3 in the TBX-Basic
 * dialect: tbx / conceptEntry / langSec / termSec; read also in the 2008 form memoQ and Trados
 * still write: martif / termEntry / langSet / tig). Reading never trusts the file: XML goes through the repo's
 * saxes reader (xml.ts: no DOCTYPE, so no entities), and every bad row or entry is named with
 * its line before anything is written.
 */
import type { GlossaryTerm } from '../../../shared/domain';
import { attr, childElements, escapeAttr, escapeText, parseXml, XmlError, type XmlElement } from './xml';
import type { TermFields } from '../services/glossary';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const CSV_HEADER = ['source_lang', 'target_lang', 'term', 'renderings', 'forbidden', 'notes'] as const;
/** Between several renderings in one CSV cell. */
const LIST_SEP = ' | ';

export interface ParsedTerm { fields: TermFields; line: number }

export class GlossaryFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

// --- CSV (RFC 4180) ------------------------------------------------------------------------------
// A few lines rather than a dependency: quoted fields with doubled quotes and line breaks are the
// whole format, and the rows need their line numbers for the messages.

interface CsvRow { cells: string[]; line: number }

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else if (ch === '\r' && src[i + 1] === '\n') continue;
    else if (ch === '\n' || ch === '\r') {
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = []; cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new GlossaryFileError([`line ${rowLine}: a quoted field is never closed`]);
  if (cell !== '' || cells.length) { cells.push(cell); rows.push({ cells, line: rowLine }); }
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const splitList = (v: string) => v.split('|').map((x) => x.trim()).filter(Boolean);

export function termsFromCsv(text: string): ParsedTerm[] {
  const rows = parseCsv(text);
  const header = rows.shift();
  const names = header?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const missing = ['term', 'renderings'].filter((n) => !names.includes(n));
  if (!header || missing.length) {
    throw new GlossaryFileError([`line 1: the header must name the columns ${CSV_HEADER.join(', ')} (missing: ${missing.join(', ') || 'all'})`]);
  }
  const col = (r: CsvRow, name: string) => { const i = names.indexOf(name); return i < 0 ? '' : (r.cells[i] ?? '').trim(); };
  const problems: string[] = [];
  const out: ParsedTerm[] = [];
  for (const r of rows) {
    if (r.cells.length > names.length) { problems.push(`line ${r.line}: ${r.cells.length} fields, but the header names ${names.length}`); continue; }
    const fields = {
      sourceLang: col(r, 'source_lang'), targetLang: col(r, 'target_lang'), term: col(r, 'term'),
      renderings: splitList(col(r, 'renderings')), forbidden: splitList(col(r, 'forbidden')), notes: col(r, 'notes'),
    };
    if (!fields.term) { problems.push(`line ${r.line}: the term is empty`); continue; }
    if (fields.renderings.length === 0) { problems.push(`line ${r.line}: “${fields.term}” has no approved rendering`); continue; }
    out.push({ fields, line: r.line });
  }
  if (problems.length) throw new GlossaryFileError(problems);
  return out;
}

export function termsToCsv(terms: readonly GlossaryTerm[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const t of terms) {
    lines.push([t.sourceLang, t.targetLang, t.term, t.renderings.join(LIST_SEP), t.forbidden.join(LIST_SEP), t.notes].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

// --- TBX ---------------------------------------------------------------------------------------

const APPROVED = new Set(['preferredTerm-admn-sts', 'admittedTerm-admn-sts', 'preferred', 'admitted']);
const FORBIDDEN = new Set(['deprecatedTerm-admn-sts', 'supersededTerm-admn-sts', 'deprecated', 'superseded', 'notRecommended']);

const descendants = (el: XmlElement): XmlElement[] => childElements(el).flatMap((c) => [c, ...descendants(c)]);
const byLocal = (el: XmlElement, name: string) => childElements(el).filter((c) => c.local === name);
const textOf = (el: XmlElement): string => el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
const langOf = (el: XmlElement) => attr(el, 'lang', XML_NS) ?? attr(el, 'lang') ?? '';
const primary = (t: string) => (t.split('-')[0] as string).toLowerCase();

/** Entries of a TBX file. `sourceLang`: the language whose terms are the source (default: the file's xml:lang). */
export function termsFromTbx(xml: string, sourceLang?: string): ParsedTerm[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw new GlossaryFileError([`the file is not well-formed XML: ${e.message}`]);
    throw e;
  }
  if (root.local !== 'martif' && root.local !== 'tbx') {
    throw new GlossaryFileError([`this is not a TBX file: the root element is <${root.name}> (expected <martif> or <tbx>)`]);
  }
  const src = sourceLang ?? langOf(root);
  if (!src) throw new GlossaryFileError(['the file does not say its source language (xml:lang on the root); name it with the source language']);
  const entries: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    for (const c of childElements(el)) {
      if (c.local === 'termEntry' || c.local === 'conceptEntry') entries.push(c);
      else walk(c);
    }
  };
  walk(root);
  if (entries.length === 0) throw new GlossaryFileError(['the file holds no termEntry (or conceptEntry)']);
  const problems: string[] = [];
  const out: ParsedTerm[] = [];
  for (const e of entries) {
    const where = `line ${e.line}, entry ${attr(e, 'id') ?? ''}`.replace(/, entry $/, '');
    const notes = descendants(e).filter((c) => c.local === 'note').map((n) => textOf(n).trim()).filter(Boolean).join('\n');
    const langSecs = byLocal(e, 'langSec').concat(byLocal(e, 'langSet'));
    const terms = (ls: XmlElement) => byLocal(ls, 'termSec').concat(byLocal(ls, 'tig'), byLocal(ls, 'ntig')).map((ts) => {
      const termEl = childElements(ts).find((c) => c.local === 'term') ?? childElements(ts).flatMap((c) => childElements(c)).find((c) => c.local === 'term');
      const status = [...childElements(ts), ...childElements(ts).flatMap(childElements)]
        .find((c) => c.local === 'termNote' && attr(c, 'type') === 'administrativeStatus');
      return { text: termEl ? textOf(termEl).trim() : '', status: status ? textOf(status).trim() : '', line: ts.line };
    }).filter((t) => t.text);
    const sources = langSecs.filter((ls) => primary(langOf(ls)) === primary(src));
    const targets = langSecs.filter((ls) => langOf(ls) && primary(langOf(ls)) !== primary(src));
    const sourceTerms = sources.flatMap(terms).filter((t) => !FORBIDDEN.has(t.status));
    if (sourceTerms.length === 0) { problems.push(`${where}: no ${src} term`); continue; }
    if (targets.length === 0) { problems.push(`${where}: no langSec in another language than ${src}`); continue; }
    for (const ls of targets) {
      const ts = terms(ls);
      const renderings = ts.filter((t) => !FORBIDDEN.has(t.status) && (t.status === '' || APPROVED.has(t.status))).map((t) => t.text);
      const forbidden = ts.filter((t) => FORBIDDEN.has(t.status)).map((t) => t.text);
      if (renderings.length === 0) { problems.push(`${where}: no approved ${langOf(ls)} rendering of “${sourceTerms[0]!.text}”`); continue; }
      for (const st of sourceTerms) {
        out.push({ fields: { sourceLang: src, targetLang: langOf(ls), term: st.text, renderings, forbidden, notes }, line: e.line });
      }
    }
  }
  if (problems.length) throw new GlossaryFileError(problems);
  return out;
}

/** TBX v3, TBX-Basic dialect (tbx, conceptEntry, langSec, termSec): one entry per term and target language. */
export function termsToTbx(terms: readonly GlossaryTerm[]): string {
  const srcLang = terms[0]?.sourceLang ?? 'und';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<tbx type="TBX-Basic" style="dca" xml:lang="${escapeAttr(srcLang)}" xmlns="urn:iso:std:iso:30042:ed-2">`,
    '  <tbxHeader><fileDesc><sourceDesc><p>Casefile glossary</p></sourceDesc></fileDesc></tbxHeader>',
    '  <text>',
    '    <body>',
  ];
  const termSec = (text: string, status: string, note = '') =>
    `          <termSec><term>${escapeText(text)}</term><termNote type="administrativeStatus">${status}</termNote>${note ? `<note>${escapeText(note)}</note>` : ''}</termSec>`;
  for (const t of terms) {
    lines.push(`      <conceptEntry id="${escapeAttr(`t-${t.id}`)}">`);
    lines.push(`        <langSec xml:lang="${escapeAttr(t.sourceLang)}">`, termSec(t.term, 'preferredTerm-admn-sts', t.notes), '        </langSec>');
    lines.push(`        <langSec xml:lang="${escapeAttr(t.targetLang)}">`);
    t.renderings.forEach((r, i) => lines.push(termSec(r, i === 0 ? 'preferredTerm-admn-sts' : 'admittedTerm-admn-sts')));
    for (const f of t.forbidden) lines.push(termSec(f, 'deprecatedTerm-admn-sts'));
    lines.push('        </langSec>', '      </conceptEntry>');
  }
  lines.push('    </body>', '  </text>', '</tbx>', '');
  return lines.join('\n');
}
