import { describe, expect, it } from 'vitest';
import { findEntities } from '../../../shared/text/extract';
import { findQuotations, firstStrong, paragraphRuns } from '../../../shared/text/direction';

const isolated = (text: string, quotations = false) =>
  paragraphRuns(text, { quotations }).runs.filter((r) => r.isolate).map((r) => [r.text, r.isolate!.kind, r.isolate!.dir]);

describe('findEntities: where the hashtags, handles, links and scripture references are', () => {
  it('gives exact spans in order, a link winning over what is inside it', () => {
    const text = 'قال #طوفان_الأقصى #Al_Aqsa_Flood عبر @nujaba_iq https://x.com/a#frag [الأنفال: 17]';
    const spans = findEntities(text);
    expect(spans.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ['hashtag', '#طوفان_الأقصى'], ['hashtag', '#Al_Aqsa_Flood'], ['mention', '@nujaba_iq'], ['link', 'https://x.com/a#frag'],
      ['scripture', '[الأنفال: 17]'],
    ]);
  });
});

describe('paragraphRuns: isolated parts and the paragraph direction', () => {
  it('isolates a Latin hashtag after an Arabic one left to right, the Arabic one right to left, handles and links left to right', () => {
    expect(isolated('#طوفان_الأقصى #Al_Aqsa_Flood @nujaba_iq https://t.me/nujaba')).toEqual([
      ['#طوفان_الأقصى', 'hashtag', 'rtl'], ['#Al_Aqsa_Flood', 'hashtag', 'ltr'], ['@nujaba_iq', 'mention', 'ltr'], ['https://t.me/nujaba', 'link', 'ltr'],
    ]);
    const p = paragraphRuns('المقاومة مستمرة #Al_Aqsa_Flood');
    expect(p.runs.map((r) => r.text).join('')).toBe('المقاومة مستمرة #Al_Aqsa_Flood');
    expect(p.dir).toBe('auto');
  });

  it('an English comment opening with an Arabic quotation is left to right once the quotation is isolated', () => {
    const text = '«فلم تقتلوهم ولكن الله قتلهم» is Quran 8:17; keep "slew" out of it.';
    expect(firstStrong(text)).toBe('rtl');
    expect(isolated(text, true)).toEqual([
      ['«فلم تقتلوهم ولكن الله قتلهم»', 'quotation', 'rtl'], ['Quran 8:17', 'scripture', 'ltr'], ['"slew"', 'quotation', 'ltr'],
    ]);
    // Outside the isolated parts the first strong letter is Latin: dir="auto" gets it right.
    expect(paragraphRuns(text, { quotations: true }).dir).toBe('auto');
    expect(findQuotations('no "closing quote')).toEqual([]);
  });

  it('a line that is only isolated parts takes the direction of its first letter, as the browser cannot see inside them', () => {
    expect(paragraphRuns('#طوفان_الأقصى').dir).toBe('rtl');
    expect(paragraphRuns('https://t.me/x #غزة').dir).toBe('ltr');
    expect(paragraphRuns('«الله أكبر»', { quotations: true }).dir).toBe('rtl');
    expect(paragraphRuns('2023 — 17').dir).toBe('auto');
  });
});
