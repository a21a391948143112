import { describe, expect, it } from 'vitest';
import { fold, foldText, mapRange } from '../../../shared/text/fold';
import { rng as mulberry32 } from '../../support/random';


const PIECES = [
  'بِسْمِ', 'اللَّهِ', 'الرَّحْمَٰنِ', 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ', 'ى', 'ي', 'ة', 'ه', 'ؤ', 'ئ', 'ء', 'ـ', 'الكعـــبي',
  '\uFEFB', '\uFEF7', '\uFDF2', '\uFDFA', '\uFE70', 'ﺑﺴﻢ', '١٤٤٥', '۱۴۴۵', 'ک', 'ی', '\u200B', '\u200C', '\u200D',
  '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066',
  '\u2067', '\u2068', '\u2069', 'Café', 'Cafe\u0301', 'Ka‘bī', "Ka'bi", 'Kaʿbi', 'ʾ', '`', '’', '´', 'İ', 'ß', 'ẞ',
  'Σ', 'ς', 'ﬁ', 'ＡＢＣ', '\u00A0', ' ', '\n', '😀', 'A', 'z', '9', '.', '-', 'が', '¨', '\u0651', '\u064E',
];

function randomMix(rand: () => number, maxPieces = 12): string {
  const n = 1 + Math.floor(rand() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)] ?? '';
  return s;
}

function codePointAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}

describe('foldText: Arabic', () => {
  it('ignores harakat, so a vocalised basmala matches a bare one', () => {
    expect(foldText('بِسْمِ اللَّهِ')).toBe(foldText('بسم الله'));
    expect(foldText('بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ')).toBe('بسم الله الرحمن الرحيم');
  });

  it('removes Quranic annotation marks and the superscript alef', () => {
    expect(foldText('ذَٰلِكَ')).toBe('ذلك');
    expect(foldText('الْكِتَابُ\u06DA')).toBe('الكتاب');
    expect(foldText('ر\u08F0ب')).toBe('رب');
  });

  it.each([
    ['أحمد', 'احمد'],
    ['إسلام', 'اسلام'],
    ['آمن', 'امن'],
    ['ٱلله', 'الله'],
    ['ٲ', 'ا'],
    ['ٳ', 'ا'],
  ])('folds the alef form in %s to bare alef', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('treats alef + combining hamza/madda like the precomposed letter', () => {
    expect(foldText('ا\u0654حمد')).toBe(foldText('أحمد'));
    expect(foldText('ا\u0653من')).toBe(foldText('آمن'));
  });

  it('folds alef maqsura to yeh and ta marbuta to heh', () => {
    expect(foldText('على')).toBe(foldText('علي'));
    expect(foldText('الكعبة')).toBe(foldText('الكعبه'));
    expect(foldText('مصطفى')).toBe('مصطفي');
  });

  it('keeps the seat letter of a seated hamza and drops the hamza', () => {
    expect(foldText('مسؤول')).toBe('مسوول');
    expect(foldText('مسؤول')).toBe(foldText('مسوول'));
    expect(foldText('رئيس')).toBe('رييس');
    expect(foldText('رئيس')).toBe(foldText('رىيس'));
    // A hamza standing on the line is a letter of its own and stays.
    expect(foldText('سماء')).toBe('سماء');
  });

  it('removes tatweel', () => {
    expect(foldText('الكعـــبي')).toBe('الكعبي');
    expect(foldText('الكعـــبي')).toBe(foldText('الكعبي'));
  });

  it('turns presentation forms into base letters', () => {
    expect(foldText('\uFEFB')).toBe('لا'); // ﻻ
    expect(foldText('\uFEF7')).toBe('لا'); // ﻷ: lam-alef with hamza
    expect(foldText('\uFDF2')).toBe('الله'); // ﷲ
    expect(foldText('ﺑﺴﻢ ﷲ')).toBe(foldText('بسم الله'));
    expect(foldText('\uFDFA')).toBe('صلي الله عليه وسلم'); // ﷺ expands to the phrase
  });

  it('does not leave a space where an isolated haraka form was', () => {
    expect(foldText('ب\uFE70ب')).toBe('بب');
  });

  it('maps Arabic-Indic and Persian digits to ASCII', () => {
    expect(foldText('١٤٤٥')).toBe('1445');
    expect(foldText('۱۴۴۵')).toBe('1445');
    expect(foldText('عام ٢٠٢٣م')).toBe('عام 2023م');
  });

  it('maps Persian kaf and yeh to the Arabic letters', () => {
    expect(foldText('کتاب')).toBe('كتاب');
    expect(foldText('ایران')).toBe('ايران');
    expect(foldText('ﯼ')).toBe('ي'); // presentation form of Farsi yeh
  });

  it('removes zero-width characters and bidi controls', () => {
    expect(foldText('دا\u200Bعش')).toBe('داعش');
    expect(foldText('دا\u200Cع\u200Dش\u2060\uFEFF')).toBe('داعش');
    expect(foldText('\u202Eabc\u202C')).toBe('abc');
    for (const c of ['\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(foldText(`x${c}y`)).toBe('xy');
    }
  });
});

describe('foldText: Latin and general', () => {
  it('lower-cases and strips diacritics', () => {
    expect(foldText('Café')).toBe('cafe');
    expect(foldText('Cafe\u0301')).toBe('cafe');
    expect(foldText('ṢALĀḤ al-Dīn')).toBe('salah al-din');
    expect(foldText('İstanbul')).toBe('istanbul');
  });

  it('folds ayn/hamza transliteration signs to nothing so every spelling meets', () => {
    const expected = 'kabi';
    for (const spelling of ['Ka‘bī', "Ka'bi", 'Ka‘bi', 'Kaʿbi', 'Kaʾbi', 'Ka’bi', 'Ka`bi', 'Ka´bi', 'Kabi', 'KAʿBĪ']) {
      expect(foldText(spelling)).toBe(expected);
    }
    expect(foldText("Qur'an")).toBe(foldText('Qurʾān'));
  });

  it('applies full case folding where lower-casing is not enough', () => {
    expect(foldText('Straße')).toBe(foldText('STRASSE'));
    expect(foldText('ẞ')).toBe('ss');
    expect(foldText('ΟΔΥΣΣΕΥΣ')).toBe(foldText('οδυσσευς'));
  });

  it('applies compatibility normalisation', () => {
    expect(foldText('ﬁle')).toBe('file');
    expect(foldText('ＡＢＣ１')).toBe('abc1');
    expect(foldText('a\u00A0b')).toBe('a b');
  });

  it('keeps spaces, punctuation and characters it has no rule for', () => {
    expect(foldText('Hello, world! 😀 #tag-1')).toBe('hello, world! 😀 #tag-1');
    expect(foldText('が')).toBe('が');
    expect(foldText('')).toBe('');
  });

  it('is idempotent, so folding a query twice changes nothing', () => {
    const rand = mulberry32(7);
    for (let n = 0; n < 500; n++) {
      const s = randomMix(rand);
      expect(foldText(foldText(s))).toBe(foldText(s));
    }
  });
});

describe('fold map', () => {
  it('returns the same folded string as foldText', () => {
    const rand = mulberry32(11);
    for (let n = 0; n < 300; n++) {
      const s = randomMix(rand);
      expect(fold(s).folded).toBe(foldText(s));
    }
  });

  it('points each folded character at the original character, skipping removed marks', () => {
    const { folded, map } = fold('بِسْمِ');
    expect(folded).toBe('بسم');
    expect([...map]).toEqual([0, 2, 4]);
  });

  it('points every character of an expansion at the one source character', () => {
    const { folded, map } = fold('xﷲy');
    expect(folded).toBe('xاللهy');
    expect([...map]).toEqual([0, 1, 1, 1, 1, 2]);
    expect([...fold('aßb').map]).toEqual([0, 1, 1, 2]);
  });

  it('uses UTF-16 indices and points both halves of a surrogate pair at its start', () => {
    const { folded, map } = fold('😀A');
    expect(folded).toBe('😀a');
    expect([...map]).toEqual([0, 0, 2]);
  });

  it('property: each folded character comes from an original character that folds to something containing it', () => {
    const rand = mulberry32(2024);
    for (let n = 0; n < 1000; n++) {
      const text = randomMix(rand);
      const { folded, map } = fold(text);
      expect(map.length).toBe(folded.length);
      let prev = -1;
      for (let i = 0; i < folded.length; i++) {
        const src = map[i] ?? -1;
        expect(src).toBeGreaterThanOrEqual(prev);
        expect(src).toBeGreaterThanOrEqual(0);
        expect(src).toBeLessThan(text.length);
        const low = text.charCodeAt(src);
        expect(low >= 0xdc00 && low <= 0xdfff).toBe(false); // never the middle of a pair
        expect(foldText(codePointAt(text, src))).toContain(folded.charAt(i));
        prev = src;
      }
    }
  });

  it('property: grouping folded characters by source rebuilds each source character’s fold exactly', () => {
    const rand = mulberry32(99);
    for (let n = 0; n < 500; n++) {
      const text = randomMix(rand);
      const { folded, map } = fold(text);
      const bySource = new Map<number, string>();
      for (let i = 0; i < folded.length; i++) {
        const src = map[i] ?? -1;
        bySource.set(src, (bySource.get(src) ?? '') + folded.charAt(i));
      }
      for (const [src, out] of bySource) expect(out).toBe(foldText(codePointAt(text, src)));
    }
  });
});

describe('mapRange', () => {
  const basmala = 'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ';

  function highlight(original: string, query: string, withOriginal = true): string {
    const { folded, map } = fold(original);
    const q = foldText(query);
    const at = folded.indexOf(q);
    expect(at).toBeGreaterThanOrEqual(0);
    const [s, e] = withOriginal
      ? mapRange(map, at, at + q.length, original.length, original)
      : mapRange(map, at, at + q.length, original.length);
    return original.slice(s, e);
  }

  it('covers a diacritized word with all its trailing harakat', () => {
    expect(highlight(basmala, 'الرحمن')).toBe('الرَّحْمَٰنِ');
    expect(highlight(basmala, 'الرحمن', false)).toBe('الرَّحْمَٰنِ');
    expect(highlight(basmala, 'بسم')).toBe('بِسْمِ');
    expect(highlight(basmala, 'الرحيم')).toBe('الرَّحِيمِ');
  });

  it('starts on the first matched letter when the match begins mid-word', () => {
    expect(highlight(basmala, 'رحمن')).toBe('رَّحْمَٰنِ');
  });

  it('covers tatweel inside and after the match', () => {
    expect(highlight('الكعـــبي', 'الكع')).toBe('الكعـــ');
    expect(highlight('قال الكعـــبي:', 'الكعبي')).toBe('الكعـــبي');
  });

  it('covers the whole source character when only part of its expansion matched', () => {
    expect(highlight('xﷲy', 'له')).toBe('ﷲ');
    expect(highlight('Straße', 'ss')).toBe('ß');
  });

  it('does not swallow a following bidi mark or apostrophe when given the original', () => {
    const text = 'بِسْمِ\u200F اللَّهِ';
    expect(highlight(text, 'بسم')).toBe('بِسْمِ');
    // Without the original only the map is known, so the removed run is taken whole.
    expect(highlight(text, 'بسم', false)).toBe('بِسْمِ\u200F');
    expect(highlight("Ka'bi", 'ka')).toBe('Ka');
  });

  it('includes decomposed Latin accents after the last letter', () => {
    expect(highlight('Cafe\u0301 noir', 'cafe')).toBe('Cafe\u0301');
  });

  it('handles surrogate pairs', () => {
    expect(highlight('a😀b', '😀')).toBe('😀');
  });

  it('clamps out-of-range input and handles empty ranges', () => {
    const text = 'بِسْمِ';
    const { map } = fold(text);
    expect(mapRange(map, 0, 99, text.length, text)).toEqual([0, text.length]);
    expect(mapRange(map, -5, 1, text.length, text)).toEqual([0, 2]);
    expect(mapRange(map, 1, 1, text.length)).toEqual([2, 2]);
    expect(mapRange(map, 3, 3, text.length)).toEqual([text.length, text.length]);
    expect(mapRange(map, 2, 1, text.length)).toEqual([4, 4]);
    expect(mapRange([], 0, 0, 0)).toEqual([0, 0]);
  });

  it('accepts a plain number[] map', () => {
    expect(mapRange([0, 2, 4], 1, 2, 6)).toEqual([2, 4]);
  });

  it('property: the original range folds to text containing the folded range', () => {
    const rand = mulberry32(31337);
    for (let n = 0; n < 1000; n++) {
      const text = randomMix(rand);
      const { folded, map } = fold(text);
      if (folded.length === 0) continue;
      const a = Math.floor(rand() * folded.length);
      const b = a + 1 + Math.floor(rand() * (folded.length - a));
      for (const original of [text, undefined]) {
        const [s, e] = mapRange(map, a, b, text.length, original);
        expect(s).toBeLessThan(e);
        expect(e).toBeLessThanOrEqual(text.length);
        expect(foldText(text.slice(s, e))).toContain(folded.slice(a, b));
      }
    }
  });
});
