import { foldText } from './fold';

// Arabic sura names (Hafs/Uthmani naming) with the alternates that still turn
// up in citations. Index = chapter - 1. Names are matched after foldText, so
// spelling variants that differ only in hamza seats, alef forms, ta marbuta,
// harakat or tatweel need no separate entry.
const SURA_NAMES: readonly (readonly string[])[] = [
  ['الفاتحة', 'فاتحة الكتاب'],
  ['البقرة'],
  ['آل عمران'],
  ['النساء'],
  ['المائدة'],
  ['الأنعام'],
  ['الأعراف'],
  ['الأنفال'],
  ['التوبة', 'براءة'],
  ['يونس'],
  ['هود'],
  ['يوسف'],
  ['الرعد'],
  ['إبراهيم'],
  ['الحجر'],
  ['النحل'],
  ['الإسراء', 'بني إسرائيل'],
  ['الكهف'],
  ['مريم'],
  ['طه'],
  ['الأنبياء'],
  ['الحج'],
  ['المؤمنون'],
  ['النور'],
  ['الفرقان'],
  ['الشعراء'],
  ['النمل'],
  ['القصص'],
  ['العنكبوت'],
  ['الروم'],
  ['لقمان'],
  ['السجدة'],
  ['الأحزاب'],
  ['سبأ'],
  ['فاطر', 'الملائكة'],
  ['يس'],
  ['الصافات'],
  ['ص'],
  ['الزمر'],
  ['غافر', 'المؤمن'],
  ['فصلت', 'حم السجدة'],
  ['الشورى'],
  ['الزخرف'],
  ['الدخان'],
  ['الجاثية'],
  ['الأحقاف'],
  ['محمد', 'القتال'],
  ['الفتح'],
  ['الحجرات'],
  ['ق'],
  ['الذاريات'],
  ['الطور'],
  ['النجم'],
  ['القمر'],
  ['الرحمن'],
  ['الواقعة'],
  ['الحديد'],
  ['المجادلة'],
  ['الحشر'],
  ['الممتحنة'],
  ['الصف'],
  ['الجمعة'],
  ['المنافقون'],
  ['التغابن'],
  ['الطلاق'],
  ['التحريم'],
  ['الملك', 'تبارك'],
  ['القلم', 'ن'],
  ['الحاقة'],
  ['المعارج'],
  ['نوح'],
  ['الجن'],
  ['المزمل'],
  ['المدثر'],
  ['القيامة'],
  ['الإنسان', 'الدهر'],
  ['المرسلات'],
  ['النبأ'],
  ['النازعات'],
  ['عبس'],
  ['التكوير'],
  ['الانفطار'],
  ['المطففين'],
  ['الانشقاق'],
  ['البروج'],
  ['الطارق'],
  ['الأعلى'],
  ['الغاشية'],
  ['الفجر'],
  ['البلد'],
  ['الشمس'],
  ['الليل'],
  ['الضحى'],
  ['الشرح', 'الانشراح'],
  ['التين'],
  ['العلق'],
  ['القدر'],
  ['البينة'],
  ['الزلزلة'],
  ['العاديات'],
  ['القارعة'],
  ['التكاثر'],
  ['العصر'],
  ['الهمزة'],
  ['الفيل'],
  ['قريش'],
  ['الماعون'],
  ['الكوثر'],
  ['الكافرون'],
  ['النصر'],
  ['المسد', 'اللهب'],
  ['الإخلاص'],
  ['الفلق'],
  ['الناس'],
];

// Verses per sura in the Hafs numbering used by virtually every printed
// mushaf and English translation (sum 6236). A citation past the end of a
// sura is a typo or not a citation at all, and must not be linked.
const VERSE_COUNTS: readonly number[] = [
  7, 286, 200, 176, 120, 165, 206, 75, 129, 109, 123, 111, 43, 52, 99, 128, 111, 110, 98, 135, 112, 78, 118, 64, 77,
  227, 93, 88, 69, 60, 34, 30, 73, 54, 45, 83, 182, 88, 75, 85, 54, 53, 89, 59, 37, 35, 38, 29, 18, 45, 60, 49, 62,
  55, 78, 96, 29, 22, 24, 13, 14, 11, 11, 18, 12, 12, 30, 52, 52, 44, 28, 28, 20, 56, 40, 31, 50, 40, 46, 42, 29, 19,
  36, 25, 22, 17, 19, 26, 30, 20, 15, 21, 11, 8, 8, 19, 5, 8, 8, 11, 11, 8, 3, 9, 5, 4, 7, 3, 6, 3, 5, 4, 5, 6,
];

export const SURA_COUNT = 114;

/** Canonical Arabic name of a sura, or undefined outside 1-114. */
export function suraName(chapter: number): string | undefined {
  return SURA_NAMES[chapter - 1]?.[0];
}

/** Number of verses in a sura (Hafs numbering), or 0 outside 1-114. */
export function suraVerseCount(chapter: number): number {
  return VERSE_COUNTS[chapter - 1] ?? 0;
}

// "ال" is the article only when a letter follows it; in "آل عمران" it is a
// word of its own and must stay. Expects folded text.
export function stripArabicArticle(folded: string): string {
  return /^ال\S/u.test(folded) ? folded.slice(2) : folded;
}

const KEY_TO_CHAPTER = new Map<string, number>();
SURA_NAMES.forEach((names, i) => {
  for (const name of names) KEY_TO_CHAPTER.set(stripArabicArticle(foldText(name)), i + 1);
});

/** Chapter number for an Arabic sura name in any common spelling, with or without the article. */
export function suraByArabicName(name: string): number | undefined {
  const folded = foldText(name).trim().replace(/\s+/gu, ' ');
  return KEY_TO_CHAPTER.get(stripArabicArticle(folded));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Regex source (for FOLDED text) matching any sura name key, optionally
 * preceded by the article. Longest first so "الحجرات" is not read as "الحجر".
 */
export const FOLDED_SURA_NAME_SOURCE: string = (() => {
  const keys = [...KEY_TO_CHAPTER.keys()].sort((a, b) => b.length - a.length);
  return `(?:ال)?(?:${keys.map((k) => escapeRegExp(k).replace(/ /g, '\\s+')).join('|')})`;
})();
