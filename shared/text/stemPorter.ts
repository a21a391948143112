// The original Porter (1980) stemmer for English, for the search index's stem field.
// It works on lower-case ASCII words only (text is folded first); anything else is
// returned unchanged. Porter is deliberately mild: "attacks", "attacked", "attacking"
// meet at "attack", and it never needs a dictionary, so it is predictable for users.

const STEP2: Record<string, string> = {
  ational: 'ate', tional: 'tion', enci: 'ence', anci: 'ance', izer: 'ize', bli: 'ble', alli: 'al', entli: 'ent',
  eli: 'e', ousli: 'ous', ization: 'ize', ation: 'ate', ator: 'ate', alism: 'al', iveness: 'ive', fulness: 'ful',
  ousness: 'ous', aliti: 'al', iviti: 'ive', biliti: 'ble', logi: 'log',
};
const STEP3: Record<string, string> = { icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '' };

const c = '[^aeiou]';
const v = '[aeiouy]';
const C = `${c}[^aeiouy]*`;
const V = `${v}[aeiou]*`;
const MGR0 = new RegExp(`^(${C})?${V}${C}`); // measure > 0
const MEQ1 = new RegExp(`^(${C})?${V}${C}(${V})?$`); // measure == 1
const MGR1 = new RegExp(`^(${C})?${V}${C}${V}${C}`); // measure > 1
const S_V = new RegExp(`^(${C})?${v}`); // stem contains a vowel
const CVC = new RegExp(`^${C}${v}[^aeiouwxy]$`);

const STEP1A_1 = /^(.+?)(ss|i)es$/;
const STEP1A_2 = /^(.+?)([^s])s$/;
const STEP1B_1 = /^(.+?)eed$/;
const STEP1B_2 = /^(.+?)(ed|ing)$/;
const STEP1C = /^(.+?)y$/;
const STEP2_RE = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3_RE = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_RE = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION = /^(.+?)(s|t)(ion)$/;
const STEP5_E = /^(.+?)e$/;
const DOUBLE = /([^aeiouylsz])\1$/;
const ASCII_WORD = /^[a-z]+$/;

/** Porter-stems one lower-case ASCII word; other input comes back as it was. */
export function stemEnglish(word: string): string {
  if (word.length < 3 || !ASCII_WORD.test(word)) return word;
  let w = word;
  const initialY = w[0] === 'y';
  if (initialY) w = 'Y' + w.slice(1);

  let m: RegExpExecArray | null;
  if ((m = STEP1A_1.exec(w))) w = `${m[1]}${m[2]}`;
  else if ((m = STEP1A_2.exec(w))) w = `${m[1]}${m[2]}`;

  if ((m = STEP1B_1.exec(w))) {
    if (MGR0.test(m[1] as string)) w = w.slice(0, -1);
  } else if ((m = STEP1B_2.exec(w))) {
    const stem = m[1] as string;
    if (S_V.test(stem)) {
      w = stem;
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (DOUBLE.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += 'e';
    }
  }

  if ((m = STEP1C.exec(w))) {
    const stem = m[1] as string;
    if (S_V.test(stem)) w = `${stem}i`;
  }

  if ((m = STEP2_RE.exec(w))) {
    const stem = m[1] as string;
    if (MGR0.test(stem)) w = stem + (STEP2[m[2] as string] ?? '');
  }
  if ((m = STEP3_RE.exec(w))) {
    const stem = m[1] as string;
    if (MGR0.test(stem)) w = stem + (STEP3[m[2] as string] ?? '');
  }

  if ((m = STEP4_RE.exec(w))) {
    const stem = m[1] as string;
    if (MGR1.test(stem)) w = stem;
  } else if ((m = STEP4_ION.exec(w))) {
    const stem = `${m[1]}${m[2]}`;
    if (MGR1.test(stem)) w = stem;
  }

  if ((m = STEP5_E.exec(w))) {
    const stem = m[1] as string;
    if (MGR1.test(stem) || (MEQ1.test(stem) && !CVC.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);

  if (initialY) w = 'y' + w.slice(1);
  return w;
}
