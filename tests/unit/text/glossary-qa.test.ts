import { describe, expect, it } from 'vitest';
import { containsPhrase, findTerms } from '../../../shared/text/glossary';
import { qaSegment } from '../../../shared/text/qa';

const pmf = { term: 'الحشد الشعبي', renderings: ['Popular Mobilization Forces'], forbidden: ['Popular Crowd'] };
const resistance = { term: 'المقاومة', renderings: ['the resistance'], forbidden: [] };

describe('findTerms: glossary terms in a segment, through the search folding', () => {
  it('finds a term with diacritics, with a conjunction, preposition or article attached, and maps back to the original', () => {
    const text = 'وَلِلْحَشْدِ الشَّعبي دورٌ، والمقاومةُ باقية';
    const hits = findTerms(text, [pmf, resistance]);
    expect(hits.map((h) => [h.term.term, h.text])).toEqual([
      ['الحشد الشعبي', 'وَلِلْحَشْدِ الشَّعبي'],
      ['المقاومة', 'والمقاومةُ'],
    ]);
  });
  it('finds a term written without its article in text that has it, and alef/ya variants', () => {
    expect(findTerms('أعلنت المقاومة الإسلامية', [{ term: 'مقاومة' }]).map((h) => h.text)).toEqual(['المقاومة']);
    expect(findTerms('قال إمام المسجد', [{ term: 'امام' }]).map((h) => h.text)).toEqual(['إمام']);
  });
  it('does not match a word that only contains the term', () => {
    expect(findTerms('المقاومات كثيرة', [resistance])).toEqual([]);
  });
  it('prefers the longer term on the same words', () => {
    const hits = findTerms('الحشد الشعبي', [{ term: 'الحشد' }, pmf]);
    expect(hits.map((h) => h.term.term)).toEqual(['الحشد الشعبي']);
  });
  it('compares phrases folded, as whole words', () => {
    expect(containsPhrase('The Popular Mobilization forces said', 'popular mobilization Forces')).toBe(true);
    expect(containsPhrase('the resistances', 'the resistance')).toBe(false);
  });
});

describe('qaSegment: the checks before submit', () => {
  const seg = (source: string, target: string) => ({ id: 's1', source, target });
  const checks = (source: string, target: string, terms = [pmf]) => qaSegment(seg(source, target), terms).map((f) => [f.check, f.subject]);

  it('flags an empty and an untranslated segment', () => {
    expect(checks('نص', '')).toEqual([['empty', '']]);
    expect(checks('Same text', 'Same text')).toEqual([['untranslated', '']]);
  });
  it('reads Arabic-Indic and Persian digits as the same numbers', () => {
    expect(checks('في ٢٠٢٣/١١/١ قتل ۱۷', 'On 2023/11/1, 17 were killed')).toEqual([]);
    expect(checks('في ٢٠٢٣/١١/١ قتل ۱۷', 'On 2023/11/1, many were killed')).toEqual([['numbers', '17']]);
  });
  it('wants handles, links and scripture references kept, and as many hashtags', () => {
    const source = 'قال @nujaba_iq https://t.me/x/1 #طوفان_الأقصى [الأنفال: 17]';
    expect(checks(source, 'said @nujaba_iq https://t.me/x/1 #Al-Aqsa_Flood (Quran 8:17)')).toEqual([]);
    expect(checks(source, 'said (Quran 8:18) 17')).toEqual([
      ['hashtags', '#طوفان_الأقصى'], ['mentions', '@nujaba_iq'], ['links', 'https://t.me/x/1'], ['scripture', 'Quran 8:17'],
    ]);
  });
  it('wants a glossary term rendered as approved, and flags a forbidden rendering', () => {
    expect(checks('بيان الحشد الشعبي', 'A statement of the Popular Mobilization Forces')).toEqual([]);
    expect(checks('بيان الحشد الشعبي', 'A statement of the Popular Crowd')).toEqual([
      ['glossary', 'الحشد الشعبي'], ['forbidden', 'Popular Crowd'],
    ]);
  });
  it('flags an unbalanced bracketed insertion', () => {
    expect(checks('قالوا', 'they [the fighters said')).toEqual([['brackets', '[']]);
    expect(checks('قالوا', 'they [the fighters] said')).toEqual([]);
    expect(checks('قالوا', 'they the fighters] said')).toEqual([['brackets', ']']]);
  });
});
