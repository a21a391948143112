import { describe, expect, it } from 'vitest';
import {
  approvalText, initialSegments, mergeSegments, nextSegmentId, realignSegments, segmentSentences, segmentsNotInOriginal, splitSegment,
  type SegmentError, type TranslationSegment,
} from '../../shared/text/segment';
import { foldedTokens, matchKey, similarity, tokenDistance } from '../../shared/text/similarity';

const AR = 'بسم الله الرحمن الرحيم. فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رمى! هل انتهى؟ نعم… والله أكبر\n#طوفان_الأقصى';

/** Separators + segments must give back the original, and every separator is white space. */
function expectReproduces(original: string, lang = 'ar') {
  const spans = segmentSentences(original, lang);
  let rebuilt = '';
  let at = 0;
  for (const s of spans) {
    expect(original.slice(s.start, s.end)).toBe(s.text);
    const sep = original.slice(at, s.start);
    expect(sep.trim(), `separator before "${s.text}"`).toBe('');
    rebuilt += sep + s.text;
    at = s.end;
  }
  expect(original.slice(at).trim()).toBe('');
  rebuilt += original.slice(at);
  expect(rebuilt).toBe(original);
  return spans.map((s) => s.text);
}

describe('segmentSentences', () => {
  it('splits Arabic at . ! ؟ … and line breaks, never at ، or ؛', () => {
    expect(expectReproduces(AR)).toEqual([
      'بسم الله الرحمن الرحيم.',
      'فلم تقتلوهم ولكن الله قتلهم، وما رميت إذ رميت؛ ولكن الله رمى!',
      'هل انتهى؟',
      'نعم…',
      'والله أكبر',
      '#طوفان_الأقصى',
    ]);
  });

  it('splits after ؟ and . even without a following space, as Arabic text is often typed', () => {
    expect(expectReproduces('أولاً؟ثانياً.ثالثاً')).toEqual(['أولاً؟', 'ثانياً.', 'ثالثاً']);
  });

  it('keeps clauses joined by ، ؛ , ; in one segment', () => {
    expect(expectReproduces('أ، ب؛ ج، د. هـ')).toEqual(['أ، ب؛ ج، د.', 'هـ']);
    expect(expectReproduces('One, two; three. Four', 'en')).toEqual(['One, two; three.', 'Four']);
  });

  it('splits after an ellipsis (… or ...) followed by white space', () => {
    expect(expectReproduces('قال… ثم سكت')).toEqual(['قال…', 'ثم سكت']);
    expect(expectReproduces('قال... ثم سكت')).toEqual(['قال...', 'ثم سكت']);
    expect(expectReproduces('قال…ثم سكت')).toEqual(['قال…ثم سكت']);
  });

  it('gives exact substrings with offsets, keeping bidi controls, diacritics, CRLF and odd spacing', () => {
    const texts = [
      '  \u202bقال\u202c:  «نعم.»   ثم ذهب.\r\n\r\n﴿فَلَمْ تَقْتُلُوهُمْ﴾.  ',
      'العدد ٨:١٧. ثم\u200d وقال\u202e abc. ',
      'Line one\nLine two\n\n\nLine three',
      '',
      '   ',
    ];
    for (const t of texts) expectReproduces(t);
    expect(segmentSentences('   ')).toEqual([]);
    const [first] = segmentSentences('  \u202bقال\u202c. ثم');
    expect(first).toEqual({ text: '\u202bقال\u202c.', start: 2, end: 8 });
  });

  it('falls back to the root rules for an unknown language tag', () => {
    expect(segmentSentences('A. B', 'not a tag!').map((s) => s.text)).toEqual(['A.', 'B']);
    expect(segmentSentences('A. B', null).map((s) => s.text)).toEqual(['A.', 'B']);
  });
});

describe('segment ids, merge and split', () => {
  const original = 'الجملة الأولى. الجملة الثانية! الجملة الثالثة؟';
  const base = () => initialSegments(original, 'ar').map((s, i) => ({ ...s, target: `T${i + 1}`, note: i === 0 ? 'n1' : '' }));

  it('numbers new segments s1..sN with empty targets and notes', () => {
    const segs = initialSegments(original, 'ar');
    expect(segs.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(segs.every((s) => s.target === '' && s.note === '')).toBe(true);
    expect(segs[1]).toMatchObject({ source: 'الجملة الثانية!', sourceStart: 15, sourceEnd: 30 });
  });

  it('merge keeps the first id and the separator, joins targets and notes', () => {
    const merged = mergeSegments(base(), original, 's1');
    expect(merged.map((s) => s.id)).toEqual(['s1', 's3']);
    expect(merged[0]).toMatchObject({ source: 'الجملة الأولى. الجملة الثانية!', target: 'T1 T2', note: 'n1', sourceStart: 0, sourceEnd: 30 });
    expect(original.slice(merged[0]!.sourceStart, merged[0]!.sourceEnd)).toBe(merged[0]!.source);
  });

  it('split keeps the id on the first half and gives the second a new id; a split of a merge restores the sources', () => {
    const merged = mergeSegments(base(), original, 's1');
    const split = splitSegment(merged, original, 's1', 'الجملة الأولى.'.length, nextSegmentId(['s1', 's2', 's3']));
    expect(split.map((s) => s.id)).toEqual(['s1', 's4', 's3']);
    expect(split.map((s) => s.source)).toEqual(base().map((s) => s.source));
    expect(split[0]).toMatchObject({ target: 'T1 T2', note: 'n1' });
    expect(split[1]).toMatchObject({ target: '', note: '', sourceStart: 15, sourceEnd: 30 });
  });

  it('nextSegmentId never reuses an id', () => {
    expect(nextSegmentId([])).toBe('s1');
    expect(nextSegmentId(['s1', 's9', 's3', 'x7'])).toBe('s10');
  });

  it('refuses impossible merges and splits with SegmentError', () => {
    const segs = base();
    const err = (fn: () => unknown) => { try { fn(); } catch (e) { return e as SegmentError; } throw new Error('no error'); };
    expect(err(() => mergeSegments(segs, original, 's3')).message).toMatch(/last one/);
    expect(err(() => mergeSegments(segs, original, 's7')).message).toMatch(/no segment s7/);
    expect(err(() => splitSegment(segs, original, 's1', 0, 's4')).field).toBe('at');
    expect(err(() => splitSegment(segs, original, 's1', 14, 's4')).field).toBe('at');
    expect(err(() => splitSegment(segs, original, 's1', 3, 's2')).message).toMatch(/already used/);
    const emoji = 'أ 🕌 ب.';
    expect(err(() => splitSegment(initialSegments(emoji), emoji, 's1', 3, 's2')).message).toMatch(/inside a character/);
    // The original was corrected after segmentation: the offsets no longer hold.
    expect(err(() => mergeSegments(segs, `X${original}`, 's1')).message).toMatch(/no longer matches the original/);
    const noOriginal: TranslationSegment[] = [{ id: 's1', source: '', target: 'x', note: '', sourceStart: 0, sourceEnd: 0 }];
    expect(err(() => splitSegment(noOriginal, '', 's1', 1, 's2')).message).toMatch(/no aligned original/);
  });
});

describe('approvalText', () => {
  it('is the targets joined by one line feed, nothing normalized', () => {
    expect(approvalText([{ target: 'A ' }, { target: '' }, { target: 'ج\u064e' }])).toBe('A \n\nج\u064e');
    expect(approvalText([])).toBe('');
  });
});

describe('similarity (translation memory)', () => {
  it('compares folded words: diacritics, alef forms and punctuation do not matter', () => {
    expect(matchKey('فَلَمْ تَقْتُلُوهُمْ، وَلَٰكِنَّ ٱللَّهَ قَتَلَهُمْ.')).toBe(matchKey('فلم تقتلوهم ولكن الله قتلهم'));
    expect(foldedTokens('Hello, World!')).toEqual(['hello', 'world']);
  });

  it('is the Levenshtein ratio on words, in percent', () => {
    const a = foldedTokens('فلم تقتلوهم ولكن الله قتلهم');
    const b = foldedTokens('فلم تقتلوهم ولكن الله رماهم');
    expect(tokenDistance(a, b)).toBe(1);
    expect(similarity(a, b)).toBe(80);
    expect(similarity(a, a)).toBe(100);
    expect(similarity(a, [])).toBe(0);
    expect(similarity(foldedTokens('a b c'), foldedTokens('a c'))).toBe(66);
  });
});

describe('realignSegments (a corrected original)', () => {
  const translated = (original: string) => initialSegments(original, 'ar').map((s, i) => ({ ...s, target: `T${i + 1}` }));
  const ids = () => { let n = 100; return () => `s${++n}`; };
  const expectAligned = (segs: TranslationSegment[], original: string) => {
    for (const s of segs) expect(original.slice(s.sourceStart, s.sourceEnd), s.id).toBe(s.source);
  };

  it('keeps a repeated sentence with its own segment when the first occurrence is the one corrected', () => {
    const before = 'الله أكبر. قال الناطق كلمته. الله أكبر.';
    const after = 'الله أكبر جدا. قال الناطق كلمته. الله أكبر.';
    const r = realignSegments(translated(before), after, 'ar', ids());
    expectAligned(r.segments, after);
    expect(r.segments.map((s) => [s.id, s.source, s.target])).toEqual([
      ['s1', 'الله أكبر جدا.', 'T1'], ['s2', 'قال الناطق كلمته.', 'T2'], ['s3', 'الله أكبر.', 'T3'],
    ]);
    expect(r.changed).toEqual(['s1']);
    expect(r.segments[0]!.previousSource).toBe('الله أكبر.');
  });

  it('keeps a merged segment whole, and gives a corrected merged segment all of its text', () => {
    const before = 'أولا. ثانيا. ثالثا. رابعا.';
    const merged = mergeSegments(translated(before), before, 's2'); // s2 = "ثانيا. ثالثا."
    const after = 'أولا. ثانيا! ثالثا. رابعا.';
    const r = realignSegments(merged, after, 'ar', ids());
    expectAligned(r.segments, after);
    expect(r.segments.map((s) => [s.id, s.source])).toEqual([['s1', 'أولا.'], ['s2', 'ثانيا! ثالثا.'], ['s4', 'رابعا.']]);
    expect(r).toMatchObject({ changed: ['s2'], added: [], removed: [] });
  });

  it('leaves an unchanged original as it was, and a published wording (no aligned original) alone', () => {
    const original = 'أولا. ثانيا.';
    const segs = translated(original);
    expect(realignSegments(segs, original, 'ar', ids())).toEqual({ segments: segs, changed: [], added: [], removed: [] });
    const wording: TranslationSegment[] = [{ id: 's1', source: '', target: 'Published', note: '', sourceStart: 0, sourceEnd: 0 }];
    expect(realignSegments(wording, 'نص جديد.', 'ar', ids()).segments).toEqual(wording);
  });

  it('segmentsNotInOriginal finds text the original lost, not text that moved', () => {
    const segs = translated('أولا. ثانيا. ثالثا.');
    expect(segmentsNotInOriginal(segs, 'مقدمة. أولا.\nثانيا.   ثالثا.')).toEqual([]);
    expect(segmentsNotInOriginal(segs, 'أولا. ثانيا جدا. ثالثا.')).toEqual(['s2']);
  });
});
