// AST → a safe FTS5 MATCH expression (words and filters), plus SQL filters for a query of
// filters alone. Every word is emitted as a quoted FTS5 string built from folded tokens (which
// hold only letters, digits and marks, and any quote would be doubled anyway), and every
// filter value as a token of the `attrs` column (documents.ts attrsTokens), so no user syntax
// ever reaches FTS5.
import { stemPrefix } from '../../../shared/text/stem';
import type { Db } from '../db/open';
import { stem, words } from './tokens';
import { filterToken, normTag, SEARCH_TYPES, TYPE_CODE, type FilterKind, type SearchType } from './documents';
import { actorsNamedBy, PARTICLES } from './names';
import type { Clause, Filter, QueryAst, Term } from './query';

const EXACT_COLS = '{head exact}';

export function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** What the highlighter looks for, in folded words. */
export interface HighlightSpec {
  /** Single words matched as written (exact field). */
  exact: Set<string>;
  /** Single words matched by stem. */
  stems: Set<string>;
  prefixes: string[];
  stemPrefixes: string[];
  /**
   * Runs of words: phrases, multi-word terms, alias names. `stemmed` runs also match by stem;
   * `clitic` runs also when a proclitic is attached to their first word (cliticForms).
   */
  runs: { words: string[]; stemmed: boolean; prefixLast: boolean; clitic?: boolean }[];
}

export interface Expansion { term: string; names: string[] }

export interface Compiled {
  /**
   * FTS5 MATCH for the positive part with the filters, or null when the query has no word to
   * look for. It ranks: a word written as in the record scores above one that only shares
   * its stem.
   */
  match: string | null;
  /**
   * The same documents as `match`, more cheaply: a word matched by stem only (every record
   * that has the word also has its stem), so FTS5 reads half the lists. For counting.
   */
  countMatch: string | null;
  /** FTS5 MATCH for what is excluded (used when there is no positive part). */
  exclude: string | null;
  /** Filters on search_docs `d`, for a query of filters only (no `match`); the type filter is not among them. */
  where: string[];
  params: unknown[];
  /** Record types to keep, as type codes (see TYPE_CODE), or null for all. */
  typeCodes: number[] | null;
  /** A filter names nothing (an unknown case or speaker): nothing can match. */
  none: boolean;
  highlight: HighlightSpec;
  expansions: Expansion[];
}

/** One part of a MATCH in two forms that match the same documents: `full` ranks, `lean` counts. */
interface Expr { full: string; lean: string }

const same = (e: string): Expr => ({ full: e, lean: e });
const joinExpr = (xs: Expr[], op: 'AND' | 'OR'): Expr => (xs.length === 1 ? xs[0] as Expr : {
  full: `(${xs.map((x) => x.full).join(` ${op} `)})`, lean: `(${xs.map((x) => x.lean).join(` ${op} `)})`,
});

function phraseOf(ws: string[], prefixLast = false): string {
  return `${quote(ws.join(' '))}${prefixLast ? ' *' : ''}`;
}

/**
 * A word matched as written or by its stem. The stem column only holds the stems that
 * differ from their word (a third of the tokens: the index is smaller and builds faster), so
 * "matches by stem S" is `S in head/exact (a word that is its own stem) or S in stem`. A record
 * that has the word has its stem too, so the stem alone finds the same records (`lean`); the
 * word as written is there to rank (`full`).
 */
function stemMatch(w: string): Expr {
  const s = stem(w);
  if (s === w) return same(`{head exact stem} : ${quote(w)}`);
  const byStem = `{head exact stem} : ${quote(s)}`;
  return { full: `(${EXACT_COLS} : ${quote(w)} OR ${byStem})`, lean: byStem };
}

const PROCLITICS = ['و', 'ف', 'ب', 'ك', 'ل', 'وب', 'وك', 'ول', 'فب', 'فك', 'فل'];
const ARABIC_WORD = /^[\u0621-\u064a]+$/;

/**
 * The forms of the first word of a multi-word Arabic name with a proclitic attached: لحركة
 * for حركة (لحركة النجباء, "of the Nujaba Movement"). The stemmer leaves a clitic on a word
 * without the article (it cannot tell it from a first letter), so a name's first word is
 * looked for in these forms too. A word with the article needs none: the stemmer peels
 * والـ, بالـ, للـ... down to the same stem.
 */
export function cliticForms(w: string): string[] {
  if (!ARABIC_WORD.test(w) || w.startsWith('ال') || w.length < 3) return [];
  return PROCLITICS.map((c) => c + w);
}

/**
 * One word, or several that came as one (al-Kaabi, a multi-word alias): the exact phrase,
 * or, by stems, every word of it somewhere in the record (stems have no positions). The
 * first word of an actor's multi-word name (`name`) may also carry a proclitic (cliticForms).
 */
function wordsExpr(ws: string[], hl: HighlightSpec | null, name = false): Expr {
  const clitics = name && ws.length > 1 ? cliticForms(ws[0] as string) : [];
  if (hl) {
    if (ws.length === 1) {
      hl.exact.add(ws[0] as string);
      hl.stems.add(stem(ws[0] as string));
    } else hl.runs.push({ words: ws, stemmed: true, prefixLast: false, clitic: clitics.length > 0 });
  }
  if (ws.length === 1) return stemMatch(ws[0] as string);
  // Particles (al-, abu) say nothing by themselves and are in almost every record: leave
  // them to the phrase, or the AND would read their enormous lists for nothing.
  const content = ws.filter((w) => !PARTICLES.has(w));
  if (content.length === 0) return same(`${EXACT_COLS} : ${phraseOf(ws)}`);
  const parts = content.map((w, i) => (i === 0 && clitics.length ? joinExpr([w, ...clitics].map(stemMatch), 'OR') : stemMatch(w)));
  const all = joinExpr(parts, 'AND');
  // The phrase's records all have each of its words: counting needs the AND alone.
  return { full: `(${EXACT_COLS} : ${phraseOf(ws)} OR ${all.full})`, lean: all.lean };
}

function termExpr(t: Term, hl: HighlightSpec | null): Expr {
  if (t.kind === 'phrase') {
    if (hl) hl.runs.push({ words: t.words, stemmed: false, prefixLast: false });
    return same(`${EXACT_COLS} : ${phraseOf(t.words)}`);
  }
  if (!t.prefix) return wordsExpr(t.words, hl);
  const last = t.words[t.words.length - 1] as string;
  const sp = t.words.length === 1 ? stemPrefix(last) : null;
  if (hl) {
    if (t.words.length === 1) {
      hl.prefixes.push(last);
      if (sp) hl.stemPrefixes.push(sp);
    } else hl.runs.push({ words: t.words, stemmed: false, prefixLast: true });
  }
  const exact = `${EXACT_COLS} : ${phraseOf(t.words, true)}`;
  return same(sp ? `(${exact} OR {head exact stem} : ${phraseOf([sp], true)})` : exact);
}

function clauseExpr(c: Clause, hl: HighlightSpec | null): Expr {
  return joinExpr(c.terms.map((t) => termExpr(t, hl)), 'OR');
}

/** The other names of the (at most three) actors these words name, as folded words and as written. */
function namesFor(db: Db, ws: string[], isRare: (w: string) => boolean): { names: string[][]; display: string[] } | null {
  const actors = actorsNamedBy(db, ws, isRare);
  if (actors.length === 0 || actors.length > 3) return null;
  const seen = new Set<string>([ws.join(' ')]);
  const names: string[][] = [];
  const display: string[] = [];
  for (const a of actors) {
    a.entry.words.forEach((nw, idx) => {
      const key = nw.join(' ');
      if (nw.length === 0 || seen.has(key)) return;
      seen.add(key);
      names.push(nw);
      display.push(a.entry.names[idx] as string);
    });
  }
  return names.length ? { names: names.slice(0, 40), display: display.slice(0, 40) } : null;
}

/** A group of the query that alias expansion may widen: consecutive plain words, or one phrase. */
interface Group { start: number; end: number; words: string[]; raw: string }

function expandable(c: Clause): Term | null {
  if (c.negated || c.terms.length !== 1) return null;
  const t = c.terms[0] as Term;
  if (t.kind === 'word' && t.prefix) return null;
  return t;
}

/**
 * Finds runs of the query that name an actor (longest first, left to right) and the
 * actor's other names. A fuzzy match is only allowed for a word that is not common in the
 * archive, so "said" never expands to an actor called Saad.
 */
function findExpansions(db: Db, clauses: Clause[], isRare: (w: string) => boolean): { group: Group; names: string[][]; display: string[] }[] {
  const out: { group: Group; names: string[][]; display: string[] }[] = [];
  let i = 0;
  while (i < clauses.length) {
    let found = false;
    const first = expandable(clauses[i] as Clause);
    if (first) {
      const maxLen = first.kind === 'phrase' ? 1 : 4;
      for (let len = maxLen; len >= 1 && !found; len--) {
        const terms: Term[] = [];
        for (let k = i; k < i + len; k++) {
          const t = clauses[k] ? expandable(clauses[k] as Clause) : null;
          if (!t || (len > 1 && t.kind === 'phrase')) break;
          terms.push(t);
        }
        if (terms.length !== len) continue;
        const ws = terms.flatMap((t) => t.words);
        const named = namesFor(db, ws, isRare);
        if (!named) continue;
        out.push({ group: { start: i, end: i + len, words: ws, raw: terms.map((t) => t.raw).join(' ') }, ...named });
        i += len;
        found = true;
      }
    }
    if (!found) i++;
  }
  return out;
}

const ph = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export interface FilterResolver {
  caseIds(value: string): string[];
  actorIds(value: string): string[];
  /** The first and last year any indexed date falls in, or null when no record has a date. */
  years(): [number, number] | null;
}

/** A filter's values as search_doc_terms / search_docs see them (for the SQL of a filters-only query) and as attrs tokens. */
function filterValues(f: Filter, r: FilterResolver): { kind: FilterKind; values: string[] } | null {
  const vs = f.values;
  switch (f.key) {
    case 'type': case 'from': case 'to': return null;
    case 'status': case 'marking': case 'platform': case 'lang': case 'translation': return { kind: f.key, values: vs };
    case 'tag': return { kind: 'tag', values: vs.map(normTag) };
    case 'speaker': return { kind: 'speaker', values: vs.flatMap((v) => r.actorIds(v)) };
    case 'case': return { kind: 'case', values: vs.flatMap((v) => r.caseIds(v)) };
    case 'mention': return { kind: 'handle', values: vs };
    case 'quran': case 'url': return { kind: f.key, values: vs };
  }
}

/** SQL for one filter on search_docs `d` (a query of filters only: the filter's own rows drive it). */
function filterSql(kind: FilterKind, values: unknown[]): string {
  const list = ph(values.length);
  switch (kind) {
    case 'status': case 'marking': case 'platform': return `d.${kind} IN (${list})`;
    case 'case': return `d.doc IN (SELECT doc FROM search_doc_cases WHERE case_id IN (${list}))`;
    default: return `d.doc IN (SELECT doc FROM search_doc_terms WHERE kind = '${kind}' AND value IN (${list}))`;
  }
}

/** Any of some attrs tokens. */
const anyToken = (tokens: string[]): string => (tokens.length === 1 ? `attrs : ${quote(tokens[0] as string)}` : `attrs : (${tokens.map(quote).join(' OR ')})`);

/**
 * The date tokens (documents.ts dateTokens) whose documents are exactly those with `from` <=
 * date <= `to` (a `to` value also takes in the dates it starts: to:2023-11 includes
 * 2023-11-30): whole years inside the range, and within the years at its ends whole months,
 * within those whole days, plus the dates given only to the year or month that fall inside.
 * `years` bounds the search to the years the index holds.
 */
export function dateRangeTokens(from: string | null, to: string | null, years: [number, number]): string[] {
  const inRange = (d: string) => (from === null || d >= from) && (to === null || d <= `${to}\uffff`);
  // Every date string that starts with `p` lies in [p, p + '\uffff'].
  const all = (p: string) => inRange(p) && inRange(`${p}\uffff`);
  const none = (p: string) => (to !== null && p > `${to}\uffff`) || (from !== null && `${p}\uffff` < from);
  const two = (n: number) => String(n).padStart(2, '0');
  const out: string[] = [];
  for (let y = years[0]; y <= years[1]; y++) {
    const ys = String(y);
    if (none(ys)) continue;
    if (all(ys)) { out.push(`dy${ys}`); continue; }
    if (inRange(ys)) out.push(`do${ys}`);
    for (let m = 1; m <= 12; m++) {
      const ms = `${ys}-${two(m)}`;
      if (none(ms)) continue;
      if (all(ms)) { out.push(`dm${ys}${two(m)}`); continue; }
      if (inRange(ms)) out.push(`dp${ys}${two(m)}`);
      for (let d = 1; d <= 31; d++) {
        const ds = `${ms}-${two(d)}`;
        if (!none(ds)) out.push(`dd${ys}${two(m)}${two(d)}`);
      }
    }
  }
  return out;
}

export function compile(db: Db, ast: QueryAst, opts: { expandAliases: boolean; isRare: (w: string) => boolean; resolver: FilterResolver }): Compiled {
  const hl: HighlightSpec = { exact: new Set(), stems: new Set(), prefixes: [], stemPrefixes: [], runs: [] };
  const pos = ast.clauses.filter((c) => !c.negated);
  const neg = ast.clauses.filter((c) => c.negated);
  const expansions: Expansion[] = [];
  const parts: Expr[] = [];
  const groups = opts.expandAliases && pos.length ? findExpansions(db, pos, opts.isRare) : [];
  let gi = 0;
  for (let i = 0; i < pos.length; ) {
    const g = groups[gi];
    if (g && g.group.start === i) {
      const own = joinExpr(pos.slice(g.group.start, g.group.end).map((c) => clauseExpr(c, hl)), 'AND');
      const alt = g.names.map((nw) => wordsExpr(nw, hl, true));
      parts.push(joinExpr([own, ...alt], 'OR'));
      expansions.push({ term: g.group.raw, names: g.display });
      i = g.group.end;
      gi++;
      continue;
    }
    const clause = pos[i] as Clause;
    if (opts.expandAliases && clause.terms.length > 1) {
      // Each side of an OR names its own actor: Khazali OR Kaabi.
      const sides = clause.terms.map((t) => {
        const own = termExpr(t, hl);
        const found = t.kind === 'word' && t.prefix ? null : namesFor(db, t.words, opts.isRare);
        if (!found) return own;
        expansions.push({ term: t.raw, names: found.display });
        return joinExpr([own, ...found.names.map((nw) => wordsExpr(nw, hl, true))], 'OR');
      });
      parts.push(joinExpr(sides, 'OR'));
    } else parts.push(clauseExpr(clause, hl));
    i++;
  }

  // Filters: values of one key are alternatives; keys (and negations) are all required.
  const where: string[] = [];
  const params: unknown[] = [];
  const required: string[] = [];
  const excluded: string[] = [];
  let none = false;
  const merged = new Map<string, Filter>();
  for (const f of ast.filters) {
    const k = `${f.key}:${f.negated}`;
    const prev = merged.get(k);
    if (prev && f.key !== 'from' && f.key !== 'to') prev.values.push(...f.values);
    else if (!prev) merged.set(k, { ...f, values: [...f.values] });
    else merged.set(k, { ...f, values: [(f.key === 'from' ? [prev.values[0], f.values[0]].sort()[1] : [prev.values[0], f.values[0]].sort()[0]) as string] });
  }
  let typeCodes: number[] | null = null;
  for (const f of merged.values()) {
    if (f.key === 'type') {
      const named = new Set(f.values.map((t) => TYPE_CODE[t as SearchType]));
      const base: number[] = typeCodes ?? SEARCH_TYPES.map((t) => TYPE_CODE[t]);
      typeCodes = base.filter((code) => (f.negated ? !named.has(code) : named.has(code)));
      continue;
    }
    const fv = filterValues(f, opts.resolver);
    if (!fv) continue;
    if (fv.values.length === 0) {
      // A case or speaker that names nothing: nothing matches it, and excluding it excludes nothing.
      if (!f.negated) none = true;
      continue;
    }
    const sql = filterSql(fv.kind, fv.values);
    where.push(f.negated ? `NOT coalesce(${sql}, 0)` : sql);
    params.push(...fv.values);
    (f.negated ? excluded : required).push(anyToken([...new Set(fv.values.map((v) => filterToken(fv.kind, v)))]));
  }
  const fromF = merged.get('from:false');
  const toF = merged.get('to:false');
  if (fromF || toF) {
    const from = fromF?.values[0] ?? null;
    const to = toF?.values[0] ?? null;
    if (from !== null) { where.push('d.date >= ?'); params.push(from); }
    if (to !== null) { where.push('d.date <= ?'); params.push(`${to}\uffff`); }
    const years = opts.resolver.years();
    const tokens = years ? dateRangeTokens(from, to, years) : [];
    if (tokens.length === 0) none = true;
    else required.push(anyToken(tokens));
  }
  // (A negated date filter, -from:2023, reads as "not from 2023 on": before it, or undated.)
  for (const key of ['from', 'to'] as const) {
    const f = merged.get(`${key}:true`);
    if (!f) continue;
    const v = f.values[0] as string;
    where.push(key === 'from' ? 'NOT coalesce(d.date >= ?, 0)' : 'NOT coalesce(d.date <= ?, 0)');
    params.push(key === 'from' ? v : `${v}\uffff`);
    const years = opts.resolver.years();
    const tokens = years ? dateRangeTokens(key === 'from' ? v : null, key === 'to' ? v : null, years) : [];
    if (tokens.length) excluded.push(anyToken(tokens));
  }

  const negExpr = neg.length ? neg.map((c) => clauseExpr(c, null).lean).join(' OR ') : null;
  let match: Expr | null = parts.length ? joinExpr([...parts, ...required.map(same)], 'AND') : null;
  const notParts = [...(negExpr ? [negExpr] : []), ...excluded];
  if (match && notParts.length) {
    const not = notParts.join(' OR ');
    match = { full: `(${match.full}) NOT (${not})`, lean: `(${match.lean}) NOT (${not})` };
  }
  return {
    match: match?.full ?? null, countMatch: match?.lean ?? null, exclude: match ? null : negExpr,
    where, params, typeCodes, none, highlight: hl, expansions,
  };
}

/** Case ids a `case:` value names: an id, or every live case whose title contains the words. */
export function caseResolver(db: Db): FilterResolver['caseIds'] {
  return (value) => {
    if (/^[0-9a-f-]{36}$/i.test(value)) return [value.toLowerCase()];
    const want = words(value).join(' ');
    if (!want) return [];
    const rows = db.prepare('SELECT id, title FROM cases WHERE deleted_at IS NULL').all() as { id: string; title: string }[];
    return rows.filter((r) => ` ${words(r.title).join(' ')} `.includes(` ${want}`)).map((r) => r.id);
  };
}

/** Actor ids a `speaker:` value names: an id, a name or alias (transliterations allowed), or a word of one. */
export function actorResolver(db: Db): FilterResolver['actorIds'] {
  return (value) => {
    if (/^[0-9a-f-]{36}$/i.test(value)) return [value.toLowerCase()];
    const ws = words(value);
    if (ws.length === 0) return [];
    const named = actorsNamedBy(db, ws, () => true).map((m) => m.entry.id);
    if (named.length) return named;
    const want = ` ${ws.join(' ')}`;
    const rows = db.prepare('SELECT id, name, name_original, aliases FROM actors WHERE deleted_at IS NULL').all() as
      { id: string; name: string; name_original: string | null; aliases: string }[];
    return rows.filter((r) => {
      const names = [r.name, r.name_original ?? '', ...(JSON.parse(r.aliases) as { alias: string }[]).map((a) => a.alias)];
      return names.some((n) => ` ${words(n).join(' ')} `.includes(want));
    }).map((r) => r.id);
  };
}
