// How alike two source segments are, for translation-memory matches. Both texts are folded
// first (shared/text/fold: diacritics, tatweel, alef and yeh forms, digits, case), so a
// vocalized and a bare spelling of the same sentence are an exact match.
import { foldText } from './fold';

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The folded words of a text. */
export function foldedTokens(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/** The key an exact match compares: folded words joined by single spaces (punctuation and spacing ignored). */
export function matchKey(text: string): string {
  return foldedTokens(text).join(' ');
}

/** Levenshtein distance between two token sequences (insert, delete, substitute a word: cost 1 each). */
export function tokenDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_v, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/**
 * Similarity in percent (0-100, rounded down): the Levenshtein ratio on folded words,
 * 100 × (1 − distance / longer length). Two texts with no words are 100% alike.
 */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 100;
  return Math.floor((100 * (longer - tokenDistance(a, b))) / longer);
}

/** The best score two texts of these word counts could reach: skips hopeless candidates cheaply. */
export function similarityBound(lenA: number, lenB: number): number {
  const longer = Math.max(lenA, lenB);
  if (longer === 0) return 100;
  return Math.floor((100 * Math.min(lenA, lenB)) / longer);
}
