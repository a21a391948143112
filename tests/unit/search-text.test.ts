// The pure parts of search: the fast tokenizer agrees with fold + the word pattern, the
// stemmers do what the index relies on, the parser builds the AST and the compiler quotes.
import { describe, expect, it } from 'vitest';
import { foldText } from '../../shared/text/fold';
import { stemArabic } from '../../shared/text/stemArabic';
import { stemEnglish } from '../../shared/text/stemPorter';
import { stemToken } from '../../shared/text/stem';
import { columns, tokens, words } from '../../electron/core/search/tokens';
import { parseQuery } from '../../electron/core/search/query';
import { quote } from '../../electron/core/search/compile';
import { skeleton, sameName, editDistance } from '../../electron/core/search/names';

describe('fast tokenizer', () => {
  it('gives exactly tokens(foldText(text)) on tricky text', () => {
    const samples = [
      'قَالَ الكَعْبِيُّ: «إِنَّ المُقَاوَمَةَ» مستمرةٌ — Al-Ka\'bi said; KAABI’s #طوفان_الأقصى @nujaba_official',
      'ﺍﻟﻌﺮﺍﻕ ﻻ ﷺ ﷲ ١٤٤٥ ۲۴ 2023/11/01 ٱلْحَمْدُ ٰ ـــ',
      'Straße ÉCOLE naïve ﬁne ① ㈠ ½ x²',
      'zero\u200bwidth\u200c joiner\u202elrm\u2066 bidi',
      'emoji 😀 and 𝐀𝐁 math and 𠀀 ext-b and lone \ud800 surrogate',
      'हिन्दी देवनागरी and 日本語のテキスト and ガ',
      'a\u0301b e\u0300 precomposed é and decomposed é',
      '',
      '   ',
      'x'.repeat(300) + ' long token',
    ];
    let seed = 3;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pool = [...samples.join('')];
    for (let i = 0; i < 500; i++) samples.push(Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => pool[Math.floor(rnd() * pool.length)]).join(''));
    for (const s of samples) expect(words(s), JSON.stringify(s)).toEqual(tokens(foldText(s)));
  });

  it('builds the columns exactly as words + stemToken would', () => {
    const texts = ['Al-Kaabi ATTACKED the bases', 'والكتاب كتاب ١٤٤٥', '', '😀 𝐀𝐁 ﻻ ﷺ', 'x'.repeat(100), null, 'The fighters'];
    const ref = (ts: (string | null)[]) => {
      const fields = ts.filter((t): t is string => !!t).map((t) => tokens(foldText(t))).filter((w) => w.length);
      const exact = fields.map((w) => w.join(' ')).join(' · ');
      const stems = fields.flat().map((w) => [w, stemToken(w)]).filter(([w, st]) => w !== st).map(([, st]) => st);
      return { exact, stem: stems.join(' ') };
    };
    for (let i = 0; i < texts.length; i++) {
      const ts = [...texts.slice(i), ...texts.slice(0, i)];
      const c = columns(ts);
      expect({ exact: c.exact, stem: c.stem }).toEqual(ref(ts));
      expect(c.exactCount).toBe(c.exact ? c.exact.split(' ').length : 0);
    }
  });

  it('writes exact words with field breaks and only the stems that differ', () => {
    const c = columns(['The fighters attacked', '', 'والكتاب كتاب']);
    expect(c.exact).toBe('the fighters attacked · والكتاب كتاب');
    expect(c.stem).toBe('fighter attack كتاب');
    expect([c.exactCount, c.stemCount]).toEqual([6, 3]); // the field break is a token too
  });
});

describe('stemmers', () => {
  it('Porter: English inflections meet', () => {
    const pairs: [string, string][] = [['attacks', 'attack'], ['attacked', 'attack'], ['attacking', 'attack'], ['threatened', 'threaten'],
      ['militias', 'militia'], ['liberation', 'liber'], ['liberate', 'liber'], ['ponies', 'poni'], ['caresses', 'caress'], ['hopping', 'hop']];
    for (const [w, s] of pairs) expect(stemEnglish(w), w).toBe(s);
    expect(stemEnglish('Iraq')).toBe('Iraq'); // not lower-case ASCII: untouched
  });

  it('Arabic light stem: clitics with the article, a few suffixes, never the root', () => {
    const f = (w: string) => stemArabic(foldText(w));
    expect(f('والكتاب')).toBe('كتاب');
    expect(f('بالكتاب')).toBe('كتاب');
    expect(f('للكتاب')).toBe('كتاب');
    expect(f('كتابه')).toBe('كتاب');
    expect(f('بالمجاهدين')).toBe(f('المجاهدون'));
    expect(f('العراقية')).toBe('عراقي');
    expect(f('العراقيين')).toBe('عراقي');
    expect(f('المقاومة')).toBe(f('والمقاومة'));
    // Not root-level: أنصار and النصر stay apart; names ending in ي keep it (الكعبي ≠ الكعبة).
    expect(f('أنصار')).not.toBe(f('النصر'));
    expect(f('الكعبي')).not.toBe(f('الكعبة'));
    // Words that merely start with a clitic letter are left alone.
    for (const w of ['وزير', 'فلسطين', 'بلاد', 'لبنان', 'كتائب', 'فصائل']) expect(f(w).length, w).toBeGreaterThanOrEqual(foldText(w).length - 2);
    expect(f('والله')).toBe('الله');
    expect(stemToken('2023')).toBe('2023');
  });
});

describe('names', () => {
  it('meet across transliterations', () => {
    expect(skeleton('kaabi')).toBe(skeleton('kabi'));
    expect(skeleton('qays')).toBe(skeleton('qais'));
    expect(skeleton('hezbollah')).toBe(skeleton('hizbullah'));
    expect(sameName('khazali', 'khazaali')).toBeTruthy();
    expect(sameName('كعبي', 'الكعبي')).toBe('exact');
    expect(sameName('said', 'saad')).toBeNull();
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  });
});

describe('query parser', () => {
  it('builds clauses and filters', () => {
    const ast = parseQuery('kaabi "exact phrase" liber* -excluded a OR b type:statement,sources -marking:internal case:"Al Nujaba" from:٢٠٢٣-١١');
    expect(ast.clauses.map((c) => [c.negated, c.terms.map((t) => `${t.kind}:${t.words.join('+')}${t.kind === 'word' && t.prefix ? '*' : ''}`)])).toEqual([
      [false, ['word:kaabi']], [false, ['phrase:exact+phrase']], [false, ['word:liber*']], [true, ['word:excluded']], [false, ['word:a', 'word:b']],
    ]);
    expect(ast.filters.map((f) => [f.key, f.negated, f.values])).toEqual([
      ['type', false, ['statement', 'source']], ['marking', true, ['internal']], ['case', false, ['Al Nujaba']], ['from', false, ['2023-11']],
    ]);
  });

  it('treats URLs, times and a word before a colon as words', () => {
    expect(parseQuery('https://x.com/a 10:30 Warning:').clauses).toHaveLength(3);
  });

  it('quotes every FTS5 string', () => {
    expect(quote('a"b')).toBe('"a""b"');
  });
});
