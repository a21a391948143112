import { CoreError } from '../errors';

/** A language tag in its canonical form (EN-us -> en-US), so one language is one translation. */
export function canonicalLang(tag: string, field = 'targetLang'): string {
  try {
    const [c] = Intl.getCanonicalLocales(tag);
    if (c) return c;
  } catch {
    // fall through
  }
  throw CoreError.invalid(field, `${tag} is not a valid language tag`);
}
