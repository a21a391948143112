import { describe, expect, it } from 'vitest';
import { extractScriptureRefs, type ScriptureRef } from '../../../shared/text/extract';
import { SURA_COUNT, suraByArabicName, suraName, suraVerseCount } from '../../../shared/text/suras';

function ref(chapter: number, verse: number, text: string, verseEnd?: number): ScriptureRef {
  return verseEnd === undefined
    ? { book: 'quran', chapter, verse, text }
    : { book: 'quran', chapter, verse, verseEnd, text };
}

function one(text: string): ScriptureRef | undefined {
  const refs = extractScriptureRefs(text);
  expect(refs).toHaveLength(1);
  return refs[0];
}

describe('extractScriptureRefs: English forms', () => {
  it.each([
    ['Quran 8:17', 'Quran 8:17'],
    ["Qur'an 8:17", "Qur'an 8:17"],
    ['Qur’an 8:17', 'Qur’an 8:17'],
    ['Qurʾān 8:17', 'Qurʾān 8:17'],
    ['Koran 8:17', 'Koran 8:17'],
    ['QURAN 8:17', 'QURAN 8:17'],
    ['Surah 8:17', 'Surah 8:17'],
    ['Sura 8:17', 'Sura 8:17'],
    ['Surat al-Anfal 8:17', 'Surat al-Anfal 8:17'],
    ['Sūrat al-Anfāl 8:17', 'Sūrat al-Anfāl 8:17'],
    ['Quran al-Anfal 8:17', 'Quran al-Anfal 8:17'],
    ['Quran, Surat al-Anfal, 8:17', 'Quran, Surat al-Anfal, 8:17'],
    ['Quran 8 : 17', 'Quran 8 : 17'],
    ['Quran 8, verse 17', 'Quran 8, verse 17'],
    ['Q 8:17', 'Q 8:17'],
    ['Q. 8:17', 'Q. 8:17'],
    ['Q8:17', 'Q8:17'],
  ])('recognises %s', (input, text) => {
    expect(one(`He said (see ${input}) that`)).toEqual(ref(8, 17, text));
  });

  it('includes enclosing brackets in the reported text', () => {
    expect(one('as in (Quran 8:17).')).toEqual(ref(8, 17, '(Quran 8:17)'));
    expect(one('as in [Quran, 8:17].')).toEqual(ref(8, 17, '[Quran, 8:17]'));
  });

  it('does not take an unmatched bracket', () => {
    expect(one('(cf. Quran 8:17 and more)')).toEqual(ref(8, 17, 'Quran 8:17'));
  });

  it('reads verse ranges with hyphen or dashes', () => {
    expect(one('Quran 2:190-193')).toEqual(ref(2, 190, 'Quran 2:190-193', 193));
    expect(one('Quran 2:190–193')).toEqual(ref(2, 190, 'Quran 2:190–193', 193));
    expect(one('Quran 2:190 — 193')).toEqual(ref(2, 190, 'Quran 2:190 — 193', 193));
    expect(one('Quran 2:190-2:193')).toEqual(ref(2, 190, 'Quran 2:190-2:193', 193));
  });

  it('drops a range end that is backwards, past the sura or in another sura', () => {
    expect(one('Quran 2:193-190')).toEqual(ref(2, 193, 'Quran 2:193-190'));
    expect(one('Quran 8:70-80')).toEqual(ref(8, 70, 'Quran 8:70-80'));
    expect(one('Quran 2:286-3:1')).toEqual(ref(2, 286, 'Quran 2:286-3:1'));
    expect(one('Quran 2:190-190')).toEqual(ref(2, 190, 'Quran 2:190-190'));
  });

  it('accepts any sura name after Surah but only an article-initial one after a bare Quran', () => {
    expect(one('Surah Yunus 10:3')).toEqual(ref(10, 3, 'Surah Yunus 10:3'));
    expect(one('Quran Al Imran 3:169')).toEqual(ref(3, 169, 'Quran Al Imran 3:169'));
    expect(one('Quran at-Tawbah 9:5')).toEqual(ref(9, 5, 'Quran at-Tawbah 9:5'));
    expect(extractScriptureRefs('Quran class at 8:30 and Quran lessons 5:30')).toEqual([]);
  });

  it('needs Quran or Surah before a sura name', () => {
    expect(extractScriptureRefs('al-Anfal 8:17')).toEqual([]);
    expect(extractScriptureRefs('John 3:16, at 8:17 pm, ratio 2:1')).toEqual([]);
  });

  it('rejects chapters outside 1-114 and verses outside the sura', () => {
    expect(extractScriptureRefs('Quran 0:1 Quran 115:1 Quran 8:0 Quran 8:76 Quran 1:8')).toEqual([]);
    expect(extractScriptureRefs('Quran 114:6 Quran 1:7 Quran 2:286')).toEqual([
      ref(114, 6, 'Quran 114:6'),
      ref(1, 7, 'Quran 1:7'),
      ref(2, 286, 'Quran 2:286'),
    ]);
  });

  it('does not read into longer numbers or times', () => {
    expect(extractScriptureRefs('Quran 2:1903 Quran 8:17:30 FAQ 2:3')).toEqual([]);
  });

  it('reads Arabic-Indic digits in English text', () => {
    expect(one('Quran ٨:١٧')).toEqual(ref(8, 17, 'Quran ٨:١٧'));
  });
});

describe('extractScriptureRefs: Arabic forms', () => {
  it.each([
    ['[الأنفال: 17]'],
    ['(الأنفال:١٧)'],
    ['[الأنفال:۱۷]'],
    ['{الأنفال: 17}'],
    ['[سورة الأنفال: 17]'],
    ['[الأنفال، الآية 17]'],
    ['[الْأَنْفَال: 17]'],
    ['[الانفال: 17]'],
    ['[أنفال: 17]'],
    ['[الأنفـــال: 17]'],
    ['[الأنفال/17]'],
    ['﴿الأنفال: 17﴾'],
  ])('recognises the bracketed form %s', (input) => {
    expect(one(`قال تعالى ﴿وَمَا رَمَيْتَ﴾ ${input} وقال`)).toEqual(ref(8, 17, input));
  });

  it.each([
    ['سورة الأنفال، الآية 17'],
    ['سورة الأنفال الآية ١٧'],
    ['سورة الأنفال، آية 17'],
    ['سورة الأنفال: 17'],
    ['سورة الأنفال، الآية رقم 17'],
    ['سورةُ الأنفالِ، الآيةُ 17'],
  ])('recognises the sura-first form %s', (input) => {
    expect(one(`كما في ${input} من كتاب الله`)).toEqual(ref(8, 17, input));
  });

  it('recognises the verse-first form', () => {
    expect(one('كما في الآية 17 من سورة الأنفال.')).toEqual(ref(8, 17, 'الآية 17 من سورة الأنفال'));
    expect(one('الآية ٥ من سورة التوبة')).toEqual(ref(9, 5, 'الآية ٥ من سورة التوبة'));
  });

  it('reads Arabic ranges', () => {
    expect(one('[البقرة: 190-193]')).toEqual(ref(2, 190, '[البقرة: 190-193]', 193));
    expect(one('(البقرة: ١٩٠ - ١٩٣)')).toEqual(ref(2, 190, '(البقرة: ١٩٠ - ١٩٣)', 193));
    expect(one('سورة البقرة، الآيات من 190 إلى 193')).toEqual(ref(2, 190, 'سورة البقرة، الآيات من 190 إلى 193', 193));
  });

  it('reads a list of verses in one bracket as separate references', () => {
    expect(extractScriptureRefs('[التوبة: 5، 29]')).toEqual([ref(9, 5, '[التوبة: 5، 29]'), ref(9, 29, '[التوبة: 5، 29]')]);
  });

  it('recognises multi-word and single-letter sura names', () => {
    expect(one('[آل عمران: 169]')).toEqual(ref(3, 169, '[آل عمران: 169]'));
    expect(one('[سورة ص: 5]')).toEqual(ref(38, 5, '[سورة ص: 5]'));
    expect(one('سورة ق، الآية 1')).toEqual(ref(50, 1, 'سورة ق، الآية 1'));
    expect(one('[الحجرات: 13]')).toEqual(ref(49, 13, '[الحجرات: 13]'));
    expect(one('[الحجر: 9]')).toEqual(ref(15, 9, '[الحجر: 9]'));
  });

  it('folds hamza, alef maqsura and ta marbuta in sura names', () => {
    expect(one('[المائدة: 33]')?.chapter).toBe(5);
    expect(one('[المايده: 33]')?.chapter).toBe(5);
    expect(one('[المؤمنون: 1]')?.chapter).toBe(23);
    expect(one('[الضحى: 1]')?.chapter).toBe(93);
    expect(one('[الضحي: 1]')?.chapter).toBe(93);
    expect(one('[سبأ: 1]')?.chapter).toBe(34);
    expect(one('[براءة: 5]')?.chapter).toBe(9);
  });

  it('keeps bidi marks around the numbers out of the way', () => {
    expect(one('[الأنفال: \u200E17\u200E]')).toEqual(ref(8, 17, '[الأنفال: \u200E17\u200E]'));
  });

  it('needs brackets or the word سورة; a bare "name: n" is ordinary text', () => {
    expect(extractScriptureRefs('النساء: 3 منهن')).toEqual([]);
    expect(extractScriptureRefs('قرأ سورة البقرة 3 مرات')).toEqual([]);
  });

  it('does not read page numbers or a name with an age as citations', () => {
    // "ص" is also the abbreviation for "page", ق/ن are single letters.
    expect(extractScriptureRefs('المصدر السابق (ص: 45) و(ص 12) و[ق: 3] و(ن: 2)')).toEqual([]);
    expect(extractScriptureRefs('(يوسف، 23) (مريم 19) (محمد - 7)')).toEqual([]);
    // With a colon, the ayah word or سورة it is a citation again.
    expect(extractScriptureRefs('(يوسف: 23) (مريم، الآية 19) (سورة محمد - 7)').map((r) => r.chapter)).toEqual([12, 19, 47]);
  });

  it('ignores unknown sura names and impossible verses', () => {
    expect(extractScriptureRefs('[الجهاد: 5] [الأنفال: 0] [الأنفال: 76] [الفاتحة: 8]')).toEqual([]);
  });
});

describe('extractScriptureRefs: collections', () => {
  it('returns references in order of appearance', () => {
    expect(extractScriptureRefs('Quran 9:5 then [الأنفال: 17] then Surah 2:190').map((r) => r.chapter)).toEqual([9, 8, 2]);
  });

  it('de-duplicates by chapter, verse and range end, keeping the first text', () => {
    const refs = extractScriptureRefs('Quran 8:17 … [الأنفال: ١٧] … Q 8:17 … Quran 8:17-18 … Quran 8:17-18');
    expect(refs).toEqual([ref(8, 17, 'Quran 8:17'), ref(8, 17, 'Quran 8:17-18', 18)]);
  });

  it('reports a bracketed Arabic citation once even though سورة … : n also matches inside it', () => {
    expect(extractScriptureRefs('[سورة الأنفال: 17]')).toEqual([ref(8, 17, '[سورة الأنفال: 17]')]);
  });

  it('returns nothing for text without citations', () => {
    expect(extractScriptureRefs('')).toEqual([]);
    expect(extractScriptureRefs('The Quran is mentioned but no verse.')).toEqual([]);
  });
});

describe('sura table', () => {
  it('has 114 suras whose verse counts total 6236', () => {
    let total = 0;
    for (let c = 1; c <= SURA_COUNT; c++) {
      expect(suraName(c)).toBeTruthy();
      total += suraVerseCount(c);
    }
    expect(SURA_COUNT).toBe(114);
    expect(total).toBe(6236);
    expect(suraName(0)).toBeUndefined();
    expect(suraVerseCount(115)).toBe(0);
  });

  it('resolves every canonical name, with and without the article, to its own chapter', () => {
    for (let c = 1; c <= SURA_COUNT; c++) {
      const name = suraName(c) ?? '';
      expect(suraByArabicName(name)).toBe(c);
      if (/^ال\S/u.test(name)) expect(suraByArabicName(name.slice(2))).toBe(c);
    }
  });

  it('does not strip the "آل" of آل عمران as if it were the article', () => {
    expect(suraByArabicName('آل عمران')).toBe(3);
    expect(suraByArabicName('عمران')).toBeUndefined();
  });

  it('spot-checks well-known chapters', () => {
    expect(suraByArabicName('الفاتحة')).toBe(1);
    expect(suraByArabicName('البقرة')).toBe(2);
    expect(suraByArabicName('التوبة')).toBe(9);
    expect(suraByArabicName('الكهف')).toBe(18);
    expect(suraByArabicName('يس')).toBe(36);
    expect(suraByArabicName('محمد')).toBe(47);
    expect(suraByArabicName('الإخلاص')).toBe(112);
    expect(suraByArabicName('الناس')).toBe(114);
  });
});
