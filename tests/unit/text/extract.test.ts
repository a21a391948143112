import { describe, expect, it } from 'vitest';
import {
  extractAll,
  extractHashtags,
  extractLinks,
  extractMentions,
  findBidiControls,
} from '../../../shared/text/extract';

describe('extractHashtags', () => {
  it('finds Latin and Arabic hashtags without the #', () => {
    expect(extractHashtags('Breaking #Gaza and #طوفان_الأقصى now')).toEqual(['Gaza', 'طوفان_الأقصى']);
  });

  it('keeps Arabic marks and tatweel inside the tag, exactly as written', () => {
    expect(extractHashtags('#طُوفَان_الأَقْصَى')).toEqual(['طُوفَان_الأَقْصَى']);
    expect(extractHashtags('#الجهـــاد')).toEqual(['الجهـــاد']);
  });

  it('de-duplicates exact repeats only, in first-seen order', () => {
    expect(extractHashtags('#b #a #b #A #a')).toEqual(['b', 'a', 'A']);
    // No folding: the diacritized and bare spellings are both reported.
    expect(extractHashtags('#غزة #غزّة')).toEqual(['غزة', 'غزّة']);
  });

  it('ends the tag at punctuation, including Arabic punctuation', () => {
    expect(extractHashtags('#one. #two, (#three) «#أربعة»، #خمسة؟ #six!')).toEqual(['one', 'two', 'three', 'أربعة', 'خمسة', 'six']);
  });

  it('keeps a hyphen between letters, as published renderings of Arabic tags write them', () => {
    expect(extractHashtags('accompanied by the hashtag #Al-Aqsa_Flood.')).toEqual(['Al-Aqsa_Flood']);
    expect(extractHashtags('#Gaza- and #x-1 and #a--b')).toEqual(['Gaza', 'x', 'a']);
  });

  it('accepts digits and underscores alongside letters', () => {
    expect(extractHashtags('#2023_attack #عام_٢٠٢٣ #_x')).toEqual(['2023_attack', 'عام_٢٠٢٣', '_x']);
  });

  it('does not treat a number sign as a hashtag', () => {
    expect(extractHashtags('item #1 and #٢٠ and #12_34')).toEqual([]);
  });

  it('ignores the fragment of a URL', () => {
    expect(extractHashtags('https://x.com/a#frag and https://example.org/#top and #real')).toEqual(['real']);
    expect(extractHashtags('ftp://host/file#part')).toEqual([]);
  });

  it('ignores # glued to a word and HTML character references', () => {
    expect(extractHashtags('C#sharp a#b &#1234; x##y')).toEqual([]);
  });

  it('keeps ZWNJ inside Persian tags but not at the end', () => {
    expect(extractHashtags('#می\u200Cروم\u200C end')).toEqual(['می\u200Cروم']);
  });

  it('works right after RTL marks and at string boundaries', () => {
    expect(extractHashtags('\u200F#وسم')).toEqual(['وسم']);
    expect(extractHashtags('#x')).toEqual(['x']);
    expect(extractHashtags('#')).toEqual([]);
    expect(extractHashtags('')).toEqual([]);
  });
});

describe('extractMentions', () => {
  it('finds X/Telegram handles without the @', () => {
    expect(extractMentions('via @amaq_agency and @User123, cc (@x)')).toEqual(['amaq_agency', 'User123', 'x']);
  });

  it('finds handles inside Arabic text', () => {
    expect(extractMentions('تابعونا على @qanat_1 للمزيد')).toEqual(['qanat_1']);
  });

  it('does not treat an e-mail address as a mention', () => {
    expect(extractMentions('write to a@b.com or first.last@example.org')).toEqual([]);
  });

  it('accepts 32 characters and rejects longer runs', () => {
    const h32 = 'a'.repeat(32);
    expect(extractMentions(`@${h32}`)).toEqual([h32]);
    expect(extractMentions(`@${h32}b`)).toEqual([]);
  });

  it('ignores @ inside links and fediverse addresses', () => {
    expect(extractMentions('https://medium.com/@author/post and @user@mastodon.social')).toEqual([]);
  });

  it('de-duplicates without regard to case, keeping the first spelling', () => {
    expect(extractMentions('@Foo @foo @FOO @bar')).toEqual(['Foo', 'bar']);
  });

  it('ignores a lone @', () => {
    expect(extractMentions('meet @ 5pm')).toEqual([]);
  });
});

describe('extractLinks', () => {
  it('finds http and https links', () => {
    expect(extractLinks('see https://example.com/a?b=1&c=2 and http://foo.org')).toEqual([
      'https://example.com/a?b=1&c=2',
      'http://foo.org',
    ]);
  });

  it('prefixes bare platform links with https://', () => {
    expect(extractLinks('join t.me/channel_x or x.com/user/status/123 or twitter.com/someone')).toEqual([
      'https://t.me/channel_x',
      'https://x.com/user/status/123',
      'https://twitter.com/someone',
    ]);
    expect(extractLinks('www.twitter.com/a mobile.twitter.com/b telegram.me/c T.ME/Upper')).toEqual([
      'https://www.twitter.com/a',
      'https://mobile.twitter.com/b',
      'https://telegram.me/c',
      'https://T.ME/Upper',
    ]);
  });

  it('does not mistake other domains ending in x.com for x.com', () => {
    expect(extractLinks('max.com/a box.com/b a@x.com/c')).toEqual([]);
  });

  it('requires a path after a bare platform domain', () => {
    expect(extractLinks('on x.com and t.me/ today')).toEqual([]);
  });

  it('drops trailing sentence punctuation, Latin and Arabic', () => {
    const text = 'a https://t.me/a. b https://t.me/b, c https://t.me/c; d https://t.me/d: e https://t.me/e) ' +
      'f [https://t.me/f] g {https://t.me/g} h «https://t.me/h» i "https://t.me/i" j \'https://t.me/j\' ' +
      'k https://t.me/k، l https://t.me/l؛ m https://t.me/m؟ n https://t.me/n!?';
    expect(extractLinks(text)).toEqual('abcdefghijklmn'.split('').map((c) => `https://t.me/${c}`));
  });

  it('keeps a closing bracket the link itself opened', () => {
    expect(extractLinks('(https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
  });

  it('keeps non-ASCII paths as written', () => {
    expect(extractLinks('https://ar.wikipedia.org/wiki/طوفان_الأقصى، انظر')).toEqual(['https://ar.wikipedia.org/wiki/طوفان_الأقصى']);
  });

  it('stops at bidi controls wrapped around a link in RTL text', () => {
    expect(extractLinks('الرابط: \u2066https://t.me/abc/12\u2069 هنا')).toEqual(['https://t.me/abc/12']);
    expect(extractLinks('\u200Ehttps://t.me/abc\u200F')).toEqual(['https://t.me/abc']);
  });

  it('never returns javascript: or data: URLs', () => {
    const links = extractLinks('javascript:alert(1) data:text/html,<b>x</b> JAVASCRIPT://x.com/ jav&#x61;script:x https://ok.com');
    expect(links).toEqual(['https://ok.com']);
    expect(links.some((l) => /^(javascript|data):/i.test(l))).toBe(false);
  });

  it('rejects scheme-only or hostless candidates', () => {
    expect(extractLinks('https:// http://. https:///path')).toEqual([]);
  });

  it('de-duplicates, including a bare link and its https form', () => {
    expect(extractLinks('t.me/a https://t.me/a https://t.me/a. t.me/b')).toEqual(['https://t.me/a', 'https://t.me/b']);
  });

  it('does not report a platform link embedded in another link separately', () => {
    expect(extractLinks('https://example.com/share?u=x.com/a&v=t.me/b')).toEqual(['https://example.com/share?u=x.com/a&v=t.me/b']);
  });

  it('keeps URL fragments', () => {
    expect(extractLinks('https://x.com/a#frag')).toEqual(['https://x.com/a#frag']);
  });
});

describe('findBidiControls', () => {
  it('reports each control with its index and short name', () => {
    const text = 'a\u202Eb\u2066c\u200Fd\u061C';
    expect(findBidiControls(text)).toEqual([
      { index: 1, char: '\u202E', name: 'RLO' },
      { index: 3, char: '\u2066', name: 'LRI' },
      { index: 5, char: '\u200F', name: 'RLM' },
      { index: 7, char: '\u061C', name: 'ALM' },
    ]);
  });

  it('names every control in the covered ranges', () => {
    const all = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(findBidiControls(all).map((c) => c.name)).toEqual([
      'LRE', 'RLE', 'PDF', 'LRO', 'RLO', 'LRI', 'RLI', 'FSI', 'PDI', 'LRM', 'RLM', 'ALM',
    ]);
  });

  it('ignores zero-width joiners and ordinary text', () => {
    expect(findBidiControls('plain نص \u200B\u200C\u200D')).toEqual([]);
  });
});

describe('extractAll', () => {
  it('extracts every kind of entity from a mixed post', () => {
    const post =
      'قال تعالى ﴿وَمَا رَمَيْتَ إِذْ رَمَيْتَ﴾ [الأنفال: 17] #طوفان_الأقصى via @amaq_agency ' +
      'https://t.me/amaq/123. Also see (Quran 9:5) and x.com/a#frag #1';
    expect(extractAll(post)).toEqual({
      hashtags: ['طوفان_الأقصى'],
      mentions: ['amaq_agency'],
      links: ['https://t.me/amaq/123', 'https://x.com/a#frag'],
      scriptureRefs: [
        { book: 'quran', chapter: 8, verse: 17, text: '[الأنفال: 17]' },
        { book: 'quran', chapter: 9, verse: 5, text: '(Quran 9:5)' },
      ],
    });
  });

  it('returns empty lists for empty text', () => {
    expect(extractAll('')).toEqual({ hashtags: [], mentions: [], links: [], scriptureRefs: [] });
  });
});
