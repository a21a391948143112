// The language of a captured original, guessed from its script and letters: enough to fill in
// the obvious case (an Arabic communiqué left as "Unknown") and to tell Persian, Urdu and
// Pashto from Arabic by the letters only they use. A guess the user can change, never a verdict:
// Latin-script languages are not guessed (English, Turkish and French share the letters).

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

// Letters of the Arabic script that Arabic itself does not use.
const PASHTO = /[\u067C\u0681\u0685\u0689\u0693\u0696\u069A\u06AB\u06BC\u06CD\u06D0]/gu; // ټ ځ څ ډ ړ ږ ښ ګ ڼ ۍ ې
const URDU = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06C3\u06D2\u06D3]/gu; // ٹ ڈ ڑ ں ھ ہ ۃ ے ۓ
const PERSIAN = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/gu; // پ چ ژ گ ک ی
// Letters Persian and Urdu write differently (ي ك ة ى): plenty of them means Arabic after all.
const ARABIC_ONLY = /[\u064A\u0643\u0629\u0649]/gu;

/**
 * A BCP 47 tag for the language `text` is obviously written in (ar, fa, ur, ps, ru), or null
 * when the script does not say (Latin, mixed, too little text).
 */
export function detectLanguage(text: string | null | undefined): string | null {
  if (!text) return null;
  const arabicScript = count(text, /\p{Script=Arabic}/gu);
  const cyrillic = count(text, /\p{Script=Cyrillic}/gu);
  const latin = count(text, /\p{Script=Latin}/gu);
  const letters = arabicScript + cyrillic + latin;
  if (letters < 4) return null;
  if (arabicScript > letters / 2) {
    // One or two of a script's own letters can be a borrowed name; a few make the language.
    const own = (re: RegExp) => count(text, re);
    const arabicOnly = own(ARABIC_ONLY);
    const pashto = own(PASHTO);
    const urdu = own(URDU);
    const persian = own(PERSIAN);
    const least = Math.max(2, arabicScript / 100);
    if (pashto >= least && pashto >= urdu) return 'ps';
    if (urdu >= least && urdu > pashto) return 'ur';
    if (persian >= least && persian > arabicOnly) return 'fa';
    return 'ar';
  }
  if (cyrillic > letters / 2) return 'ru';
  return null;
}
