// One entry point for the search index's stem field: Arabic words get the light stemmer,
// plain ASCII words Porter, everything else (digits, other scripts) stays as it is.
// Input is one token of folded text; both the indexer and the query side call this.
import { stemArabic, stemArabicPrefix } from './stemArabic';
import { stemEnglish } from './stemPorter';

const ARABIC_START = /^[\u0621-\u064a]/;

export function stemToken(token: string): string {
  if (token.length < 3) return token;
  const first = token.charCodeAt(0);
  if (first >= 0x61 && first <= 0x7a) return stemEnglish(token);
  if (ARABIC_START.test(token)) return stemArabic(token);
  return token;
}

/** The stem-field form of a prefix query, or null when only the exact field makes sense. */
export function stemPrefix(prefix: string): string | null {
  if (ARABIC_START.test(prefix)) {
    const p = stemArabicPrefix(prefix);
    return p === prefix ? null : p;
  }
  return null;
}

export { stemArabic, stemArabicPrefix, stemEnglish };
