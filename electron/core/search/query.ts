// The search query language, parsed by hand into a small AST. Nothing the user typed ever
// reaches FTS5 as syntax: compile.ts rebuilds a MATCH expression from the AST with every
// word quoted. Every mistake is reported as invalid_input naming the character it is at.
//
//   kaabi "exact phrase" liber* -excluded  word OR other   type:statement case:"Al-Nujaba"
//   speaker:Kaabi lang:ar platform:telegram from:2023-10 to:2023-11-01 status:open
//   marking:public tag:iraq     (-type:note excludes; type:statement,source lists)
//   translation:approved  translation:latest:draft  translation:en  translation:en:draft
//   translation:en:latest:in_review  translation:any  -translation:any
//   mention:nujaba_official  quran:8:17  quran:8  url:x.com/nujaba/status/1   (pivots)
//
// OR binds tighter than the implicit AND: `a OR b c` is (a OR b) AND c.
//
// translation: keeps statements by their translations. A state (draft, in_review,
// changes_requested, approved, final; a hyphen may stand for the underscore) means "has a
// revision in that state": translation:approved finds a statement whose approved text stands
// while a newer draft is worked on (an approval counts only while the text still hashes to it,
// and published, final, text is approved text too). latest:STATE means "the latest revision is
// in that state" (the revision whose text the index holds): translation:latest:draft is work
// in progress. A target language (en, or en-gb; a primary tag also matches its regional tags),
// LANG:STATE or LANG:latest:STATE for one language, or any (has a translation). A statement
// matches if ANY of its translations does, and a list is alternatives: translation:approved,final.
// -translation:any keeps untranslated records.
import { foldText } from '../../../shared/text/fold';
import { parseQuranValue, pivotName, pivotUrl } from '../../../shared/text/pivots';
import { CoreError } from '../errors';
import { tokens } from './tokens';
import { SEARCH_TYPES, type SearchType } from './documents';
import { TRANSLATION_STATES } from './translations';

export type Term =
  | { kind: 'word'; raw: string; words: string[]; prefix: boolean; pos: number }
  | { kind: 'phrase'; raw: string; words: string[]; pos: number };

/** One AND-ed part of the query: any of its terms matches (OR). */
export interface Clause { terms: Term[]; negated: boolean; pos: number }

export const FILTER_KEYS = [
  'type', 'case', 'speaker', 'lang', 'platform', 'from', 'to', 'status', 'marking', 'tag', 'translation',
  // Pivots: a handle (posted by it or mentioning it), a Quran sura or verse cited, a URL linked.
  'mention', 'quran', 'url',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface Filter { key: FilterKey; values: string[]; negated: boolean; pos: number }

export interface QueryAst { clauses: Clause[]; filters: Filter[] }

export const STATUSES = ['open', 'active', 'on_hold', 'closed', 'archived', 'captured', 'not_captured'] as const;
export const MARKINGS = ['public', 'subscribers', 'internal', 'restricted'] as const;
const MAX_CLAUSES = 32;

function bad(pos: number, message: string): CoreError {
  return CoreError.invalid('q', `${message} (at character ${pos + 1})`);
}

function show(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

type Lexeme =
  | { t: 'term'; term: Term; negated: boolean; pos: number }
  | { t: 'filter'; filter: Filter; pos: number }
  | { t: 'or'; pos: number };

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/** Reads a double-quoted string starting at `i` (on the quote); returns its text and the index after it. */
function readQuoted(q: string, i: number): { text: string; next: number } {
  const close = q.indexOf('"', i + 1);
  if (close < 0) throw bad(i, `Unclosed quote: the phrase "${show(q.slice(i + 1))} has no closing "`);
  return { text: q.slice(i + 1, close), next: close + 1 };
}

function lex(q: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (isSpace(c)) { i++; continue; }
    const start = i;
    let negated = false;
    if (c === '-') {
      if (i + 1 >= q.length || isSpace(q[i + 1])) { i++; continue; } // a lone dash means nothing
      negated = true;
      i++;
    }
    if (q[i] === '"') {
      const { text, next } = readQuoted(q, i);
      i = next;
      out.push({ t: 'term', negated, pos: start, term: { kind: 'phrase', raw: text, words: tokens(foldText(text)), pos: start } });
      continue;
    }
    let j = i;
    while (j < q.length && !isSpace(q[j]) && q[j] !== '"') j++;
    let word = q.slice(i, j);
    const filter = /^([A-Za-z]+):(.*)$/s.exec(word);
    if (filter && !/^\/\//.test(filter[2] as string)) {
      const key = (filter[1] as string).toLowerCase();
      let value = filter[2] as string;
      if (value === '' && q[j] === '"') {
        const { text, next } = readQuoted(q, j);
        value = text;
        j = next;
      }
      if (!(FILTER_KEYS as readonly string[]).includes(key)) {
        if (value === '' && !negated) {
          // "Warning: ..." pasted from a text: a word followed by a colon, not a filter.
          out.push({ t: 'term', negated, pos: start, term: { kind: 'word', raw: word, words: tokens(foldText(word)), prefix: false, pos: start } });
          i = j;
          continue;
        }
        throw bad(start, `Unknown filter "${key}:". Filters are ${FILTER_KEYS.map((k) => `${k}:`).join(' ')}; to search for the text, put it in quotes`);
      }
      if (value.trim() === '') throw bad(start, `The filter "${key}:" needs a value, e.g. ${example(key as FilterKey)}`);
      out.push({ t: 'filter', pos: start, filter: { key: key as FilterKey, values: splitValues(key as FilterKey, value), negated, pos: start } });
      i = j;
      continue;
    }
    i = j;
    if (word === 'OR' && !negated) { out.push({ t: 'or', pos: start }); continue; }
    let prefix = false;
    if (word.endsWith('*')) {
      word = word.replace(/\*+$/, '');
      prefix = true;
    }
    const star = word.indexOf('*');
    if (star >= 0) throw bad(start + (negated ? 1 : 0) + star, 'A * can only end a word (prefix search), as in liber*');
    const ws = tokens(foldText(word));
    if (prefix) {
      if (ws.length === 0) throw bad(start, 'A * must follow the start of a word, as in liber*');
      const last = ws[ws.length - 1] as string;
      if (last.length < 2) throw bad(start, `The prefix "${word}*" is too short: give at least two letters`);
    }
    out.push({ t: 'term', negated, pos: start, term: { kind: 'word', raw: word, words: ws, prefix, pos: start } });
  }
  return out;
}

function example(key: FilterKey): string {
  const ex: Record<FilterKey, string> = {
    type: 'type:statement', case: 'case:"Al-Nujaba"', speaker: 'speaker:Kaabi', lang: 'lang:ar', platform: 'platform:telegram',
    from: 'from:2023-10-01', to: 'to:2023-11', status: 'status:open', marking: 'marking:public', tag: 'tag:iraq',
    translation: 'translation:approved', mention: 'mention:nujaba_official', quran: 'quran:8:17', url: 'url:x.com/nujaba/status/1',
  };
  return ex[key];
}

function splitValues(key: FilterKey, value: string): string[] {
  // Names and titles may contain commas; the enumerated filters take a list.
  const listy = key === 'type' || key === 'status' || key === 'marking' || key === 'lang' || key === 'platform' || key === 'translation' || key === 'quran';
  return (listy ? value.split(',') : [value]).map((v) => v.trim()).filter((v) => v.length > 0);
}

/** Checks and normalises the values of one filter. */
function checkFilter(f: Filter): Filter {
  const low = f.values.map((v) => foldText(v).trim());
  switch (f.key) {
    case 'type': {
      const out = low.map((v) => {
        const t = v.endsWith('s') ? v.slice(0, -1) : v; // statements, cases, notes...
        if (!(SEARCH_TYPES as readonly string[]).includes(t)) {
          throw bad(f.pos, `"type:${v}" is not a record type. Use one of ${SEARCH_TYPES.join(', ')}`);
        }
        return t as SearchType;
      });
      return { ...f, values: out };
    }
    case 'status':
    case 'marking': {
      const allowed: readonly string[] = f.key === 'status' ? STATUSES : MARKINGS;
      for (const v of low) if (!allowed.includes(v)) throw bad(f.pos, `"${f.key}:${v}" is not a ${f.key}. Use one of ${allowed.join(', ')}`);
      return { ...f, values: low };
    }
    case 'lang':
      for (const v of low) if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(v)) throw bad(f.pos, `"lang:${v}" is not a language code such as ar, en or fa`);
      return { ...f, values: low };
    case 'from':
    case 'to':
      return { ...f, values: low.map((v) => checkDate(f, v)) };
    case 'platform':
      return { ...f, values: low };
    case 'translation':
      return { ...f, values: low.map((v) => checkTranslation(f, v)) };
    case 'mention': {
      const out = f.values.map(pivotName);
      if (out.some((v) => v === '')) throw bad(f.pos, 'The filter "mention:" needs a handle, e.g. mention:nujaba_official');
      return { ...f, values: out };
    }
    case 'quran':
      return {
        ...f, values: low.flatMap((v) => {
          const vs = parseQuranValue(v.replace(/^(quran|qur'an)\s*/, ''));
          if (!vs) throw bad(f.pos, `"quran:${v}" is not a Quran reference. Write a sura (quran:8), a verse (quran:8:17) or verses (quran:8:17-19)`);
          return vs;
        }),
      };
    case 'url': {
      const out = f.values.map(pivotUrl);
      if (out.some((v) => v === '')) throw bad(f.pos, 'The filter "url:" needs an address, e.g. url:x.com/nujaba/status/1');
      return { ...f, values: out };
    }
    default:
      return f;
  }
}

const TRANSLATION_LANG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;

/** A `translation:` value: any, [latest:]state, a language, or language:[latest:]state (see the header). */
function checkTranslation(f: Filter, v: string): string {
  const state = (s: string) => s.replace(/-/g, '_');
  const isState = (s: string) => (TRANSLATION_STATES as readonly string[]).includes(state(s));
  // [latest:]STATE, or null when `st` is not one.
  const states = (st: string): string | null => {
    const latest = st.startsWith('latest:');
    const bare = latest ? st.slice('latest:'.length) : st;
    if (!isState(bare)) {
      if (latest || st === 'latest') throw bad(f.pos, `"translation:${v}": "${bare}" is not a translation state. Use latest: with one of ${TRANSLATION_STATES.join(', ')}`);
      return null;
    }
    return `${latest ? 'latest:' : ''}${state(bare)}`;
  };
  if (v === 'any') return v;
  const own = states(v);
  if (own) return own;
  const colon = v.indexOf(':');
  if (colon < 0) {
    if (TRANSLATION_LANG.test(v)) return v;
  } else {
    const lang = v.slice(0, colon);
    const st = v.slice(colon + 1);
    if (!TRANSLATION_LANG.test(lang)) throw bad(f.pos, `"translation:${v}": "${lang}" is not a language code such as en or fr`);
    const rest = states(st);
    if (!rest) throw bad(f.pos, `"translation:${v}": "${st}" is not a translation state. Use one of ${TRANSLATION_STATES.join(', ')}`);
    return `${lang}:${rest}`;
  }
  const xliff = ['initial', 'translated', 'reviewed'].includes(v) ? ' (XLIFF state names are not used here)' : '';
  throw bad(f.pos, `"translation:${v}" is neither a translation state nor a language${xliff}. Use one of ${TRANSLATION_STATES.join(', ')}, any, latest: with a state, a language code such as en, or both as en:approved`);
}

/** Dates as YYYY, YYYY-MM or YYYY-MM-DD; Arabic-Indic digits are fine (they fold to ASCII). */
function checkDate(f: Filter, v: string): string {
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(v);
  if (!m) throw bad(f.pos, `"${f.key}:${v}" is not a date. Write it as 2023, 2023-11 or 2023-11-01`);
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) throw bad(f.pos, `"${f.key}:${v}": there is no month ${mo}`);
  if (d !== undefined) {
    const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > days) throw bad(f.pos, `"${f.key}:${v}": that month has no day ${d}`);
  }
  return [y, mo?.padStart(2, '0'), d?.padStart(2, '0')].filter(Boolean).join('-');
}

/** Parses a query into clauses (AND of ORs) and filters. Throws invalid_input on a mistake. */
export function parseQuery(q: string): QueryAst {
  const lexemes = lex(q);
  const clauses: Clause[] = [];
  const filters: Filter[] = [];
  for (let k = 0; k < lexemes.length; k++) {
    const l = lexemes[k] as Lexeme;
    if (l.t === 'filter') { filters.push(checkFilter(l.filter)); continue; }
    if (l.t === 'or') {
      const prev = lexemes[k - 1];
      const next = lexemes[k + 1];
      if (!prev || prev.t !== 'term' || !next || next.t !== 'term') {
        throw bad(l.pos, 'OR needs a word or phrase on both sides, as in kaabi OR nujaba');
      }
      if (prev.negated || next.negated) throw bad(l.pos, 'OR cannot join an excluded (-) term');
      const last = clauses[clauses.length - 1] as Clause;
      last.terms.push(next.term);
      k++;
      continue;
    }
    clauses.push({ terms: [l.term], negated: l.negated, pos: l.pos });
  }
  const kept = clauses
    .map((c) => ({ ...c, terms: c.terms.filter((t) => t.words.length > 0) }))
    .filter((c) => c.terms.length > 0);
  if (kept.length > MAX_CLAUSES) throw bad(0, `The query has ${kept.length} parts; at most ${MAX_CLAUSES} are allowed`);
  if (kept.length > 0 && kept.every((c) => c.negated) && filters.length === 0) {
    throw bad(kept[0]?.pos ?? 0, 'A query cannot only exclude: add a word to look for, or a filter such as type:statement');
  }
  const fromF = filters.find((f) => f.key === 'from' && !f.negated);
  const toF = filters.find((f) => f.key === 'to' && !f.negated);
  if (fromF && toF && (fromF.values[0] as string) > (toF.values[0] as string) && !(toF.values[0] as string).startsWith(fromF.values[0] as string)) {
    throw bad(toF.pos, `"to:${toF.values[0]}" is before "from:${fromF.values[0]}"`);
  }
  return { clauses: kept, filters };
}
