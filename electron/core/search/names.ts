// The name index: actors (every name and alias in every script), case titles, tags and
// hashtags, platform handles. It is small (thousands of entries), lives in memory, and is
// rebuilt from the database when something it holds has changed (checked at query time).
// lunr gives the quick switcher what FTS5 cannot: fuzzy and prefix matching across
// transliterations, so Kabi, Ka'bi and Kaabi all find Akram al-Kaabi. Everything is folded
// before lunr sees it and lunr's own (English, ASCII-only) pipeline is switched off: its
// trimmer would delete Arabic letters and its stemmer would mangle names.
//
// A search only needs to know which actors a query names (alias expansion), and building the
// lunr index takes a third of a second at 100,000 statements (seconds at a million: thousands
// of actors, and every tag and handle): so the actors' name words are also kept in plain maps,
// by word, skeleton and length, which take milliseconds to build, and lunr (with the tags and
// handles) is built only when the quick switcher first asks.
import lunr from 'lunr';
import type { Db } from '../db/open';
import type { SuggestKind } from '../../../shared/domain';
import { foldText } from '../../../shared/text/fold';
import { stemArabicPrefix } from '../../../shared/text/stemArabic';
import { tokens } from './tokens';
import { runtime } from './runtime';

export type NameKind = SuggestKind;

export interface NameEntry {
  ref: string;
  kind: NameKind;
  /** Record id for actors and cases; the folded value for tags and handles. */
  id: string;
  label: string;
  /** Every name of the entry as written (actors: name, original-script name, aliases). */
  names: string[];
  /** Folded words of each name, in the same order. */
  words: string[][];
  /** For actors: person, organization... */
  actorKind?: string;
}

/** The actors' name words (and their forms without the article), for alias expansion. */
interface ActorWords {
  byWord: Map<string, Set<string>>;
  bySkeleton: Map<string, Set<string>>;
  /**
   * Distinct words by length and first letter, and by length and last letter, for the fuzzy
   * comparison: one edit leaves the first or the last letter in place, so a word within one
   * edit of the query is in one of the two lists (within two, it nearly always is).
   */
  byStart: Map<string, string[]>;
  byEnd: Map<string, string[]>;
}

interface NameIndex {
  /** The quick switcher's index, built at its first use. */
  idx: lunr.Index | null;
  actorWords: ActorWords;
  entries: Map<string, NameEntry>;
  /** PRAGMA data_version and change_log seq when built: writes by other connections show up there. */
  dataVersion: number;
  seq: number;
  /** lookup() answers for this index (it never changes; a rebuild makes a new one). */
  cache: Map<string, Map<string, number>>;
}

/** Name particles that say nothing about who is meant: never a reason to expand a query. */
export const PARTICLES = new Set([
  'al', 'el', 'al', 'abu', 'abou', 'abi', 'ibn', 'bin', 'ben', 'bint', 'umm', 'um', 'abd', 'abdul', 'the', 'of', 'and',
  'ال', 'ابو', 'ابي', 'ابا', 'بن', 'ابن', 'بنت', 'ام', 'عبد',
]);

/**
 * A transliteration skeleton for Latin words: q→k, ph→f, o→u, e→i, y→i after the first
 * letter, doubled letters collapsed. "Qays", "Qais" and "Kais" meet; so do "Hezbollah"
 * and "Hizbullah". Other scripts are returned unchanged.
 */
export function skeleton(word: string): string {
  if (!/^[a-z]+$/.test(word)) return word;
  const s = word[0] + word.slice(1).replace(/y/g, 'i');
  return s.replace(/q/g, 'k').replace(/ph/g, 'f').replace(/o/g, 'u').replace(/e/g, 'i').replace(/(.)\1+/g, '$1');
}

function entry(kind: NameKind, id: string, label: string, names: string[], actorKind?: string): NameEntry | null {
  const clean = [...new Set(names.filter((n) => n && n.trim()))];
  const words = clean.map((n) => tokens(foldText(n)));
  if (words.every((w) => w.length === 0)) return null;
  return { ref: `${kind}:${id}`, kind, id, label, names: clean, words, actorKind };
}

/** Actors and cases (a search needs these). */
function load(db: Db): NameEntry[] {
  const out: NameEntry[] = [];
  const actors = db.prepare('SELECT id, kind, name, name_original, aliases FROM actors WHERE deleted_at IS NULL').all() as
    { id: string; kind: string; name: string; name_original: string | null; aliases: string }[];
  for (const a of actors) {
    const aliases = (JSON.parse(a.aliases) as { alias: string }[]).map((x) => x.alias);
    const e = entry('actor', a.id, a.name, [a.name, a.name_original ?? '', ...aliases], a.kind);
    if (e) out.push(e);
  }
  const cases = db.prepare('SELECT id, title, tags FROM cases WHERE deleted_at IS NULL').all() as { id: string; title: string; tags: string }[];
  for (const c of cases) {
    const e = entry('case', c.id, c.title, [c.title]);
    if (e) out.push(e);
  }
  return out;
}

/** Tags and handles (the quick switcher's too). */
function loadTerms(db: Db): NameEntry[] {
  const out: NameEntry[] = [];
  const terms = db.prepare("SELECT DISTINCT kind, value FROM search_doc_terms WHERE kind IN ('tag', 'handle')").all() as { kind: 'tag' | 'handle'; value: string }[];
  for (const t of terms) {
    const e = entry(t.kind, t.value, t.kind === 'tag' ? `#${t.value}` : `@${t.value}`, [t.value]);
    if (e) out.push(e);
  }
  return out;
}

/** A name's words with their forms without the article (نجب finds النجباء). */
function nameWords(e: NameEntry): string[] {
  return e.words.flat().flatMap((w) => {
    const bare = stemArabicPrefix(w);
    return bare !== w ? [w, bare] : [w];
  });
}

function actorWords(list: NameEntry[]): ActorWords {
  const out: ActorWords = { byWord: new Map(), bySkeleton: new Map(), byStart: new Map(), byEnd: new Map() };
  const list2 = (m: Map<string, string[]>, k: string, w: string) => {
    const xs = m.get(k);
    if (xs) xs.push(w);
    else m.set(k, [w]);
  };
  const put = (m: Map<string, Set<string>>, k: string, ref: string) => {
    const set = m.get(k);
    if (set) set.add(ref);
    else m.set(k, new Set([ref]));
  };
  for (const e of list) {
    if (e.kind !== 'actor') continue;
    for (const w of nameWords(e)) {
      if (!out.byWord.has(w)) {
        list2(out.byStart, `${w.length}:${w[0]}`, w);
        list2(out.byEnd, `${w.length}:${w.at(-1)}`, w);
      }
      put(out.byWord, w, e.ref);
      put(out.bySkeleton, skeleton(w), e.ref);
    }
  }
  return out;
}

function build(db: Db): NameIndex {
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const seq = (db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number);
  const list = load(db);
  return { idx: null, actorWords: actorWords(list), entries: new Map(list.map((e) => [e.ref, e])), dataVersion, seq, cache: new Map() };
}

/** The quick switcher's lunr index over every entry, tags and handles included (built once per name index). */
function lunrOf(db: Db, ni: NameIndex): lunr.Index {
  if (ni.idx) return ni.idx;
  for (const e of loadTerms(db)) ni.entries.set(e.ref, e);
  const list = [...ni.entries.values()];
  ni.idx = lunr(function () {
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.ref('ref');
    this.field('names');
    this.field('skel');
    this.metadataWhitelist = [];
    for (const e of list) {
      const all = nameWords(e);
      this.add({ ref: e.ref, names: all.join(' '), skel: all.map(skeleton).join(' ') }, { boost: e.kind === 'actor' ? 1.5 : 1 });
    }
  });
  return ni.idx;
}

/** The current name index, rebuilt first if a change (here or by another connection) made it stale. */
export function nameIndex(db: Db): NameIndex {
  const rt = runtime(db);
  let ni = rt.names as NameIndex | null;
  if (ni && !rt.namesDirty) {
    const dv = db.pragma('data_version', { simple: true }) as number;
    if (dv !== ni.dataVersion) {
      // Another connection wrote (the CLI beside the app): rebuild only if names may have changed.
      const changed = db.prepare("SELECT 1 FROM change_log WHERE seq > ? AND record_type IN ('actor', 'case', 'statement') LIMIT 1").get(ni.seq);
      if (changed) rt.namesDirty = true;
      else ni.dataVersion = dv;
    }
  }
  if (!ni || rt.namesDirty) {
    rt.namesDirty = false;
    ni = build(db);
    rt.names = ni;
  }
  return ni;
}

/** Levenshtein distance with an early exit above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * How far two name words may be apart and still be the same name. Short words get no
 * edits: "said" is one letter from "Saad". Kabi/Kaabi and Qais/Qays meet by skeleton instead.
 */
function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}

/** The quick switcher is more forgiving: the user picks from a list. */
function suggestEdits(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/** Whether a query word and a name word are the same name: equal, same skeleton, or a small edit away. */
export function sameName(query: string, word: string, fuzzy = true): 'exact' | 'fuzzy' | null {
  if (query === word) return 'exact';
  // الكعبي and كعبي are the same name with and without the article.
  const q = stemArabicPrefix(query);
  const w = stemArabicPrefix(word);
  if (q === w) return 'exact';
  if (skeleton(q) === skeleton(w)) return 'fuzzy';
  if (!fuzzy) return null;
  const k = Math.min(allowedEdits(q), allowedEdits(w));
  if (k > 0 && editDistance(q, w, k) <= k) return 'fuzzy';
  return null;
}

/** lunr candidates for one folded word: exact, prefix (optional), fuzzy and skeleton matches. */
function lookup(db: Db, ni: NameIndex, word: string, prefix: boolean): Map<string, number> {
  const key = `${prefix ? '*' : '='}${word}`;
  const cached = ni.cache.get(key);
  if (cached) return cached;
  if (ni.cache.size > 10_000) ni.cache.clear();
  const out = new Map<string, number>();
  ni.cache.set(key, out);
  const res = lunrOf(db, ni).query((q) => {
    q.term(word, { fields: ['names'], boost: 10, usePipeline: false });
    if (prefix) q.term(word, { fields: ['names'], boost: 4, wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false });
    const k = suggestEdits(word);
    if (k > 0) q.term(word, { fields: ['names'], boost: 1, editDistance: k, usePipeline: false });
    q.term(skeleton(word), { fields: ['skel'], boost: 3, usePipeline: false });
    if (prefix && word.length >= 2) q.term(skeleton(word), { fields: ['skel'], boost: 1, wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false });
  });
  for (const r of res) out.set(r.ref, r.score);
  return out;
}

export interface Suggestion { kind: NameKind; id: string; label: string; names: string[]; score: number }

/** The quick switcher: entries whose names match every word of the input by prefix or fuzzily. */
export function suggest(db: Db, input: string, limit: number, kinds?: NameKind[]): Suggestion[] {
  const ws = tokens(foldText(input));
  if (ws.length === 0) return [];
  const ni = nameIndex(db);
  let acc: Map<string, number> | null = null;
  for (const w of ws) {
    const found = lookup(db, ni, w, true);
    if (acc === null) acc = found;
    else {
      const next = new Map<string, number>();
      for (const [ref, score] of acc) {
        const more = found.get(ref);
        if (more !== undefined) next.set(ref, score + more);
      }
      acc = next;
    }
    if (acc.size === 0) return [];
  }
  const out: Suggestion[] = [];
  for (const [ref, score] of acc ?? []) {
    const e = ni.entries.get(ref);
    if (!e || (kinds && !kinds.includes(e.kind))) continue;
    out.push({ kind: e.kind, id: e.id, label: e.label, names: e.names, score: Math.round(score * 1000) / 1000 });
  }
  out.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
  return out.slice(0, limit);
}

export interface ActorMatch { entry: NameEntry; fuzzy: boolean }

/**
 * Actors one of whose name words could be this query word: the same word or skeleton, with or
 * without the article, or a few edits away (as many as the quick switcher allows; actorsNamedBy
 * then applies the stricter rule). Only the words that share the query's first or last letter
 * (and a length it can reach) are compared (ActorWords.byStart, byEnd).
 */
function actorCandidates(ni: NameIndex, word: string): Set<string> {
  const key = `@${word}`;
  const cached = ni.cache.get(key);
  if (cached) return new Set(cached.keys());
  const out = new Set<string>();
  const aw = ni.actorWords;
  const add = (refs: Set<string> | undefined) => { if (refs) for (const r of refs) out.add(r); };
  for (const w of new Set([word, stemArabicPrefix(word)])) {
    add(aw.byWord.get(w));
    add(aw.bySkeleton.get(skeleton(w)));
    const k = suggestEdits(w);
    if (k === 0) continue;
    for (let len = w.length - k; len <= w.length + k; len++) {
      for (const cand of [...(aw.byStart.get(`${len}:${w[0]}`) ?? []), ...(aw.byEnd.get(`${len}:${w.at(-1)}`) ?? [])]) {
        if (editDistance(w, cand, k) <= k) add(aw.byWord.get(cand));
      }
    }
  }
  if (ni.cache.size > 10_000) ni.cache.clear();
  ni.cache.set(key, new Map([...out].map((r) => [r, 1])));
  return out;
}

/**
 * Actors one of whose names (or aliases) is exactly these words, allowing for
 * transliteration: every word that is not a particle (al-, abu, ibn...) must meet a distinct
 * non-particle word of the same name. A word shared by many names ("islamic", "brigades")
 * therefore never names an organisation by itself. A person is also named by the last
 * words of a name (the family name or nisba: "Khazali" for Qais al-Khazali), never by a
 * first name alone.
 */
export function actorsNamedBy(db: Db, queryWords: string[], allowFuzzy: (w: string) => boolean): ActorMatch[] {
  const qs = queryWords.filter((w) => !PARTICLES.has(w));
  if (qs.length === 0 || qs.some((w) => w.length < 3)) return [];
  const ni = nameIndex(db);
  let cands: string[] | null = null;
  for (const w of qs) {
    const found = actorCandidates(ni, w);
    cands = cands === null ? [...found] : cands.filter((r: string) => found.has(r));
    if (cands.length === 0) return [];
  }
  const out: ActorMatch[] = [];
  for (const ref of cands ?? []) {
    const e = ni.entries.get(ref);
    if (!e) continue;
    let best: ActorMatch | null = null;
    for (const nameWords of e.words) {
      let ns = nameWords.filter((w) => !PARTICLES.has(w));
      if (ns.length > qs.length && e.actorKind === 'person') ns = ns.slice(ns.length - qs.length);
      if (ns.length !== qs.length) continue;
      const used = new Set<number>();
      let fuzzy = false;
      const ok = qs.every((q) => {
        const fz = allowFuzzy(q);
        for (let i = 0; i < ns.length; i++) {
          if (used.has(i)) continue;
          const m = sameName(q, ns[i] as string, fz);
          if (m) {
            used.add(i);
            if (m === 'fuzzy') fuzzy = true;
            return true;
          }
        }
        return false;
      });
      if (ok && (!best || (best.fuzzy && !fuzzy))) best = { entry: e, fuzzy };
    }
    if (best) out.push(best);
  }
  return out;
}
