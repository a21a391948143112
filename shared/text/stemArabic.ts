// A light Arabic stemmer for the search index's stem field, in the spirit of Larkey's
// light10 but more cautious. It works on FOLDED text (see fold.ts: no harakat, alef forms
// as ا, ى as ي, ة as ه) and only peels attached particles and a few inflectional endings:
//
//   proclitics   the article ال with what attaches before it: و ف (and), ب ك (prepositions),
//                ل (لل: ل + ال with the alef elided), e.g. والكتاب بالكتاب للكتاب → كتاب
//   suffixes     pronouns ها هم هن هما كم كما نا ه, plurals/duals ات ان ون ين,
//                nisba endings يه يون يين يات → ي (عراقية, عراقيون → عراقي)
//
// It never goes to the root: أنصار and النصر stay apart (انصار, نصر), because a root
// stemmer merges words analysts must keep apart. Minimum lengths are on the remainder,
// chosen so that common short words are not mangled. A clitic on a word WITHOUT the
// article (وكتاب، بكتاب) is kept: without a dictionary it cannot be told from a first
// letter (وزارة، فلسطين، فصائل، بلاد، كتائب، لبنان), and mangling those is worse. The exact field beside
// the stem field ranks literal matches first, so these trade-offs only affect recall.

const ARTICLES = ['وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
const NISBA = ['يين', 'يون', 'يات', 'يه'];
const SUFFIXES_LONG = ['ات', 'ان', 'ون', 'ين'];
const SUFFIXES_PRONOUN = ['هما', 'كما', 'تها', 'تهم', 'ها', 'هم', 'هن', 'كم', 'كن', 'نا', 'ه'];

const ARABIC_WORD = /^[\u0621-\u064a]+$/;
// الله with its clitics (والله، بالله، لله، تالله) is one word to readers; peeling "ال"
// would turn it into له ("for him").
const ALLAH = /^[وفبت]?ا?لله$/;

function stripPrefix(w: string): string {
  for (const p of ARTICLES) {
    if (w.startsWith(p) && w.length - p.length >= 2) return w.slice(p.length);
  }
  return w;
}

function stripSuffix(w: string): string {
  for (const s of NISBA) {
    if (w.endsWith(s) && w.length - s.length >= 3) return w.slice(0, -s.length) + 'ي';
  }
  for (const s of SUFFIXES_LONG) {
    if (w.endsWith(s) && w.length - s.length >= 4) return w.slice(0, -s.length);
  }
  for (const s of SUFFIXES_PRONOUN) {
    if (w.endsWith(s) && w.length - s.length >= 3) return w.slice(0, -s.length);
  }
  return w;
}

/** Light-stems one folded Arabic word; anything that is not a plain Arabic word comes back as it was. */
export function stemArabic(word: string): string {
  if (word.length < 3 || !ARABIC_WORD.test(word)) return word;
  if (ALLAH.test(word)) return 'الله';
  return stripSuffix(stripPrefix(word));
}

/** Only the proclitics, for prefix queries: the end of a prefix is not a word ending. */
export function stemArabicPrefix(prefix: string): string {
  if (prefix.length < 3 || !ARABIC_WORD.test(prefix)) return prefix;
  return stripPrefix(prefix);
}
