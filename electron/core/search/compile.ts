// AST → a safe FTS5 MATCH expression plus SQL filters. Every word is emitted as a quoted
// FTS5 string built from folded tokens (which hold only letters, digits and marks, and any
// quote would be doubled anyway), so no user syntax ever reaches FTS5.
import { stemPrefix } from '../../../shared/text/stem';
import type { Db } from '../db/open';
import { stem, words } from './tokens';
import { normTag, SEARCH_TYPES, TYPE_CODE, type SearchType } from './documents';
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
  /** Runs of words: phrases, multi-word terms, alias names. `stemmed` runs also match by stem. */
  runs: { words: string[]; stemmed: boolean; prefixLast: boolean }[];
}

export interface Expansion { term: string; names: string[] }

export interface Compiled {
  /** FTS5 MATCH for the positive part, or null when the query is filters only. */
  match: string | null;
  /** FTS5 MATCH for what is excluded (used when there is no positive part). */
  exclude: string | null;
  /**
   * Filters on search_docs `d` (a join); the type filter is not among them. `probe` tests
   * multi-valued attributes with EXISTS (for a query the full-text match drives), `drive`
   * with IN (for a query the filters drive).
   */
  where: { probe: string; drive: string }[];
  params: unknown[];
  /** Record types to keep, as type codes (see TYPE_CODE), or null for all. */
  typeCodes: number[] | null;
  highlight: HighlightSpec;
  expansions: Expansion[];
}

function phraseOf(ws: string[], prefixLast = false): string {
  return `${quote(ws.join(' '))}${prefixLast ? ' *' : ''}`;
}

/**
 * A word matched as written or by its stem. The stem column only holds the stems that
 * differ from their word (a third of the tokens: the index is smaller and builds faster), so
 * "matches by stem S" is `S in head/exact (a word that is its own stem) or S in stem`.
 */
function stemMatch(w: string): string {
  const s = stem(w);
  return s === w ? `{head exact stem} : ${quote(w)}` : `({head exact} : ${quote(w)} OR {head exact stem} : ${quote(s)})`;
}

/**
 * One word, or several that came as one (al-Kaabi, a multi-word alias): the exact phrase,
 * or, by stems, every word of it somewhere in the record (stems have no positions).
 */
function wordsExpr(ws: string[], hl: HighlightSpec | null): string {
  if (hl) {
    if (ws.length === 1) {
      hl.exact.add(ws[0] as string);
      hl.stems.add(stem(ws[0] as string));
    } else hl.runs.push({ words: ws, stemmed: true, prefixLast: false });
  }
  if (ws.length === 1) return stemMatch(ws[0] as string);
  // Particles (al-, abu) say nothing by themselves and are in almost every record: leave
  // them to the phrase, or the AND would read their enormous lists for nothing.
  const content = ws.filter((w) => !PARTICLES.has(w));
  if (content.length === 0) return `${EXACT_COLS} : ${phraseOf(ws)}`;
  return `(${EXACT_COLS} : ${phraseOf(ws)} OR (${content.map(stemMatch).join(' AND ')}))`;
}

function termExpr(t: Term, hl: HighlightSpec | null): string {
  if (t.kind === 'phrase') {
    if (hl) hl.runs.push({ words: t.words, stemmed: false, prefixLast: false });
    return `${EXACT_COLS} : ${phraseOf(t.words)}`;
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
  return sp ? `(${exact} OR {head exact stem} : ${phraseOf([sp], true)})` : exact;
}

function clauseExpr(c: Clause, hl: HighlightSpec | null): string {
  const parts = c.terms.map((t) => termExpr(t, hl));
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
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
}

/**
 * SQL for one filter on search_docs `d`. Multi-valued attributes are tested with EXISTS (a
 * probe per candidate, right when a MATCH already narrowed them) or, for a query of
 * filters only, with IN (the filter's own rows drive the query).
 */
interface FilterSql { sql: string; drive?: string; params: unknown[] }

function filterSql(f: Filter, r: FilterResolver): FilterSql {
  const inTerms = (kind: string, values: unknown[]): FilterSql => {
    const list = ph(values.length);
    return {
      sql: `EXISTS (SELECT 1 FROM search_doc_terms WHERE kind = '${kind}' AND value IN (${list}) AND doc = d.doc)`,
      drive: `d.doc IN (SELECT doc FROM search_doc_terms WHERE kind = '${kind}' AND value IN (${list}))`,
      params: values,
    };
  };
  const vs = f.values;
  switch (f.key) {
    case 'type': throw new Error('type filters are applied on the document number');
    case 'status': return { sql: `d.status IN (${ph(vs.length)})`, params: vs };
    case 'marking': return { sql: `d.marking IN (${ph(vs.length)})`, params: vs };
    case 'platform': return { sql: `d.platform IN (${ph(vs.length)})`, params: vs };
    case 'from': return { sql: 'd.date >= ?', params: [vs[0]] };
    case 'to': return { sql: 'd.date <= ?', params: [`${vs[0]}\uffff`] };
    case 'lang': return inTerms('lang', vs);
    case 'tag': return inTerms('tag', vs.map(normTag));
    case 'translation': return inTerms('translation', vs);
    case 'speaker': return inTerms('speaker', vs.flatMap((v) => r.actorIds(v)));
    case 'case': {
      const ids = vs.flatMap((v) => r.caseIds(v));
      const list = ph(ids.length);
      return {
        sql: `EXISTS (SELECT 1 FROM search_doc_cases WHERE case_id IN (${list}) AND doc = d.doc)`,
        drive: `d.doc IN (SELECT doc FROM search_doc_cases WHERE case_id IN (${list}))`,
        params: ids,
      };
    }
  }
}

export function compile(db: Db, ast: QueryAst, opts: { expandAliases: boolean; isRare: (w: string) => boolean; resolver: FilterResolver }): Compiled {
  const hl: HighlightSpec = { exact: new Set(), stems: new Set(), prefixes: [], stemPrefixes: [], runs: [] };
  const pos = ast.clauses.filter((c) => !c.negated);
  const neg = ast.clauses.filter((c) => c.negated);
  const expansions: Expansion[] = [];
  const parts: string[] = [];
  const groups = opts.expandAliases && pos.length ? findExpansions(db, pos, opts.isRare) : [];
  let gi = 0;
  for (let i = 0; i < pos.length; ) {
    const g = groups[gi];
    if (g && g.group.start === i) {
      const own = pos.slice(g.group.start, g.group.end).map((c) => clauseExpr(c, hl));
      const alt = g.names.map((nw) => wordsExpr(nw, hl));
      const ownExpr = own.length === 1 ? own[0] : `(${own.join(' AND ')})`;
      parts.push(`(${[ownExpr, ...alt].join(' OR ')})`);
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
        return `(${[own, ...found.names.map((nw) => wordsExpr(nw, hl))].join(' OR ')})`;
      });
      parts.push(`(${sides.join(' OR ')})`);
    } else parts.push(clauseExpr(clause, hl));
    i++;
  }
  const negExpr = neg.length ? neg.map((c) => clauseExpr(c, null)).join(' OR ') : null;
  let match: string | null = parts.length ? parts.join(' AND ') : null;
  if (match && negExpr) match = `(${match}) NOT (${negExpr})`;

  // Filters: values of one key are alternatives; keys (and negations) are all required.
  const where: Compiled['where'] = [];
  const params: unknown[] = [];
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
    const { sql, drive, params: p } = filterSql(f, opts.resolver);
    if (p.length === 0) {
      // A case or speaker that names nothing: nothing matches it, and excluding it excludes nothing.
      if (!f.negated) where.push({ probe: '0', drive: '0' });
      continue;
    }
    where.push(f.negated ? { probe: `NOT coalesce(${sql}, 0)`, drive: `NOT coalesce(${sql}, 0)` } : { probe: sql, drive: drive ?? sql });
    params.push(...p);
  }
  return { match, exclude: match ? null : negExpr, where, params, typeCodes, highlight: hl, expansions };
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
