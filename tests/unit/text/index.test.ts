import { describe, expect, it } from 'vitest';
import * as text from '../../../shared/text';

describe('shared/text public API', () => {
  it('exposes extraction and folding from one entry point', () => {
    for (const name of [
      'extractHashtags', 'extractMentions', 'extractLinks', 'extractScriptureRefs', 'findBidiControls', 'extractAll',
      'fold', 'foldText', 'mapRange', 'suraByArabicName', 'suraName', 'suraVerseCount',
    ]) {
      expect(typeof (text as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('lets a search hit found on folded text be highlighted on the original', () => {
    const original = 'قال الشيخ الكعـــبي: ﴿وَمَا رَمَيْتَ﴾ [الأنفال: ١٧]';
    const { folded, map } = text.fold(original);
    const query = text.foldText('وما رميت');
    const at = folded.indexOf(query);
    const [s, e] = text.mapRange(map, at, at + query.length, original.length, original);
    expect(original.slice(s, e)).toBe('وَمَا رَمَيْتَ');
    expect(text.extractAll(original).scriptureRefs).toEqual([
      { book: 'quran', chapter: 8, verse: 17, text: '[الأنفال: ١٧]' },
    ]);
  });
});
