// One rule names a statement everywhere (lists, search hits, the trash, the review queue,
// activity, the CLI): shared/domain statementTitle.
import { describe, expect, it } from 'vitest';
import { statementTitle } from '../../shared/domain';

const st = (over: Partial<Parameters<typeof statementTitle>[0]>) => ({
  summary: '', originalText: null, publishedWording: null, saidAt: null, ...over,
});

describe('statementTitle', () => {
  it("is the summary's first line when there is one", () => {
    expect(statementTitle(st({ summary: '  Nujaba threatens U.S. forces\nmore detail', originalText: 'بسم الله الرحمن الرحيم\nنص' })))
      .toBe('Nujaba threatens U.S. forces');
  });

  it('else the line that names the original, after the basmala and other openings', () => {
    expect(statementTitle(st({ originalText: 'بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ\nقررت المقاومة الإسلامية تحرير العراق.\nسطر آخر' })))
      .toBe('قررت المقاومة الإسلامية تحرير العراق.');
  });

  it('else the published wording, also after its openings, when no original was captured (or it is blank)', () => {
    const wording = 'In the name of Allah, the Most Gracious, the Most Merciful.\nThe resistance has decided';
    expect(statementTitle(st({ publishedWording: wording }))).toBe('The resistance has decided');
    expect(statementTitle(st({ originalText: '  ', publishedWording: wording }))).toBe('The resistance has decided');
  });

  it('cuts a long line at 120 characters, or at the given length', () => {
    const long = 'ب'.repeat(130);
    expect(statementTitle(st({ originalText: long }))).toBe(`${'ب'.repeat(120)}…`);
    expect(statementTitle(st({ summary: 'abcdef' }), 3)).toBe('abc…');
  });

  it('else its date, else says it is untitled', () => {
    expect(statementTitle(st({ saidAt: '2023-11-01' }))).toBe('Statement of 2023-11-01');
    expect(statementTitle(st({}))).toBe('Untitled statement');
  });
});
