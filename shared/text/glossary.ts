// Finding a desk's glossary terms in a segment. Both sides go through the search folding
// (fold.ts), so a term written bare matches its vocalized form, alef and ya variants, tatweel
// and Arabic-Indic digits. Arabic attaches the article and one-letter clitics to the word
// (و ف ب ل ك, and لل for li + al), so a word also matches a term word when what is left after
// taking them off is the same; a term written with its article matches without it and back.
import { fold, foldText, mapRange } from './fold';

export interface TermLike {
  term: string;
}

export interface TermHit<T extends TermLike> {
  term: T;
  /** UTF-16 range in the original text. */
  start: number;
  end: number;
  /** The words as written in the original. */
  text: string;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ARABIC_LETTER = /^[\u0621-\u064a]/u;

interface Word { text: string; start: number; end: number }

function words(folded: string): Word[] {
  return [...folded.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The bare forms a folded Arabic word may stand for: without conjunction, preposition and article. */
function bases(word: string): Set<string> {
  const out = new Set([word]);
  if (!ARABIC_LETTER.test(word)) return out;
  const add = (w: string) => { if (w.length >= 2) out.add(w); };
  const afterConj = /^[وف]/u.test(word) ? [word, word.slice(1)] : [word];
  for (const w of afterConj) {
    add(w);
    const afterPrep = /^[بلك]/u.test(w) ? w.slice(1) : null;
    if (afterPrep) add(afterPrep);
    for (const x of [w, afterPrep]) {
      if (x && x.startsWith('ال')) add(x.slice(2));
    }
    // li + al is written لل: "للحشد" is "ل" + "الحشد".
    if (w.startsWith('لل')) add(w.slice(2));
  }
  return out;
}

/** A term word's key: folded, and for Arabic without its article. */
function keyOf(word: string): string {
  return ARABIC_LETTER.test(word) && word.startsWith('ال') && word.length > 3 ? word.slice(2) : word;
}

export interface Prepared<T> { term: T; keys: string[] }

/** Folds the terms once for many segments. */
export function prepareTerms<T extends TermLike>(terms: readonly T[]): Prepared<T>[] {
  return terms
    .map((term) => ({ term, keys: words(foldText(term.term)).map((w) => keyOf(w.text)) }))
    .filter((p) => p.keys.length > 0)
    // Longest first, so "الحشد الشعبي" wins over "الحشد" on the same words.
    .sort((a, b) => b.keys.length - a.keys.length);
}

function matchesWord(word: string, key: string): boolean {
  if (word === key) return true;
  for (const b of bases(word)) if (b === key || keyOf(b) === key) return true;
  return false;
}

/** Every glossary term found in `text`, in order, not overlapping (a longer term first). */
export function findTerms<T extends TermLike>(text: string, terms: readonly T[] | Prepared<T>[]): TermHit<T>[] {
  const prepared = (terms.length && 'keys' in (terms[0] as object) ? terms : prepareTerms(terms as readonly T[])) as Prepared<T>[];
  const { folded, map } = fold(text);
  const ws = words(folded);
  const taken = new Array<boolean>(ws.length).fill(false);
  const hits: TermHit<T>[] = [];
  for (const p of prepared) {
    for (let i = 0; i + p.keys.length <= ws.length; i++) {
      let ok = true;
      for (let k = 0; k < p.keys.length && ok; k++) ok = !taken[i + k] && matchesWord((ws[i + k] as Word).text, p.keys[k] as string);
      if (!ok) continue;
      for (let k = 0; k < p.keys.length; k++) taken[i + k] = true;
      const first = ws[i] as Word;
      const last = ws[i + p.keys.length - 1] as Word;
      const [start, end] = mapRange(map, first.start, last.end, text.length, text);
      hits.push({ term: p.term, start, end, text: text.slice(start, end) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Whether `phrase` occurs in `text` as whole words, compared folded (case, diacritics, digits). */
export function containsPhrase(text: string, phrase: string): boolean {
  const p = words(foldText(phrase)).map((w) => w.text);
  if (p.length === 0) return false;
  const t = words(foldText(text)).map((w) => w.text);
  for (let i = 0; i + p.length <= t.length; i++) {
    if (p.every((w, k) => t[i + k] === w)) return true;
  }
  return false;
}
