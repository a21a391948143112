// The formulaic openings of a statement (basmala, hamdala, salawat, greeting, "amma ba'd"),
// and the line that names it once they are left out. Nearly every communiqué starts with the
// basmala, so "the first line" named almost every statement "بسم الله الرحمن الرحيم".
//
// Matched on the folded text (fold.ts): with or without harakat and shadda, whatever the alef
// or ta marbuta form, tatweel, the ligature ﷽ (NFKC spells it out), Persian letter shapes;
// the fold map gives back the original characters, so the title is cut from the original.
import { fold } from './fold';

// A formula whose words are fixed: taken as it is.
const FIXED: readonly RegExp[] = [
  // ﷽ (U+FDFD has no decomposition, so the fold keeps it)
  /^\uFDFD/u,
  // بسم الله الرحمن الرحيم · بسم الله · باسمه تعالى · بسمه تعالى
  /^(?:ب?اسم|بسم)(?:ه)?\s*(?:الله|تعالي)(?:\s+تعالي)?(?:\s+الرحمن\s+الرحيم)?(?![\p{L}\p{N}])/u,
  // به نام خدا · به نام خداوند بخشنده مهربان (the Persian basmala)
  /^به\s*نام\s+(?:خدا|خداوند|ايزد|الله)(?:\s+(?:بخشنده\s+مهربان|جان\s+و\s+خرد|رحمان\s+رحيم))?(?![\p{L}\p{N}])/u,
  // In the name of Allah/God, the Most Gracious/Compassionate, the Most Merciful
  /^in\s+the\s+name\s+of\s+(?:allah|god)(?:\s*,?\s*the\s+(?:most\s+)?(?:gracious|compassionate|beneficent|merciful)(?:\s*,?\s*(?:and\s+)?the\s+(?:most\s+)?(?:merciful|compassionate))?)?(?![\p{L}\p{N}])/u,
];

// A formula that runs to the end of its clause (its tail varies: "الحمد لله رب العالمين",
// "الحمد لله الذي نصر عبده", "والصلاة والسلام على رسول الله وعلى آله وصحبه أجمعين").
const CLAUSE: readonly RegExp[] = [
  /^و?\s*الحمد\s*لله(?![\p{L}\p{N}])/u,
  /^و?\s*الصلاه\s+و\s*السلام\s+علي(?![\p{L}\p{N}])/u,
  /^السلام\s+عليكم(?![\p{L}\p{N}])/u,
  /^و?\s*اما\s+بعد(?![\p{L}\p{N}])/u,
  /^(?:all\s+)?praise\s+(?:is\s+due\s+to|be\s+to|belongs\s+to)\s+(?:allah|god)(?:\s*,?\s*(?:the\s+)?lord\s+of\s+the\s+worlds)?(?![\p{L}\p{N}])/u,
  /^(?:and\s+)?(?:may\s+)?(?:peace\s+and\s+blessings|blessings\s+and\s+peace|prayers\s+and\s+peace)\s+be\s+upon(?![\p{L}\p{N}])/u,
  /^amm?a\s+ba[dʿ]+(?![\p{L}\p{N}])/u,
];
// The rest of a clause: up to its punctuation or the end of its line, if that comes soon (a
// formula, not a sentence).
const CLAUSE_REST = /^[^.،,؛;:!؟?\n]{0,120}(?:[.،,؛;:!؟?]|(?=\n)|$)/u;
// What separates formulae from each other and from the text: space, punctuation, brackets.
const SEPARATORS = /^[\s.،,؛;:!؟?\-–—()[\]{}﴿﴾«»"'“”]*/u;

/** Where the formulaic openings at the start of `folded` end (0 when there are none). */
function openingEnd(folded: string): number {
  let at = 0;
  for (;;) {
    const rest = folded.slice(at);
    let step = 0;
    for (const re of FIXED) {
      const m = re.exec(rest);
      if (m) { step = m[0].length; break; }
    }
    if (!step) {
      for (const re of CLAUSE) {
        const m = re.exec(rest);
        if (!m) continue;
        const tail = CLAUSE_REST.exec(rest.slice(m[0].length));
        step = m[0].length + (tail ? tail[0].length : 0);
        break;
      }
    }
    if (!step) return at;
    at += step;
    at += (SEPARATORS.exec(folded.slice(at)) as RegExpExecArray)[0].length;
  }
}

/**
 * The line a statement is named by: the first line of `text` once formulaic openings (basmala,
 * hamdala, salawat, greeting, "amma ba'd", in Arabic, Persian or English, with or without
 * diacritics) are left out, cut from the original characters and trimmed. A text that is only
 * formulae is named by its first line. '' for a blank text.
 */
export function titleLine(text: string): string {
  const { folded, map } = fold(text);
  const skip = openingEnd(folded);
  const from = skip < folded.length ? (map[skip] as number) : text.length;
  const rest = text.slice(from).trim();
  const line = (rest || text.trim()).split('\n')[0] as string;
  return line.trim();
}
