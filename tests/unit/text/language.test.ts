import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../shared/text/language';

describe('detectLanguage: the obvious language of a captured original, from its script and letters', () => {
  it('Arabic, with or without diacritics, even with Latin hashtags and links in it', () => {
    expect(detectLanguage('بسم الله الرحمن الرحيم\nقررت المقاومة الإسلامية في العراق تحرير العراق عسكريا. #Al_Aqsa_Flood https://t.me/x')).toBe('ar');
    expect(detectLanguage('فَلَمْ تَقْتُلُوهُمْ وَلَٰكِنَّ ٱللَّهَ قَتَلَهُمْ')).toBe('ar');
    // Typed on a Persian keyboard (ی, ک) but Arabic by its ta marbuta.
    expect(detectLanguage('قررت المقاومة الإسلامیة فی العراق')).toBe('ar');
  });

  it('Persian, Urdu and Pashto by the letters Arabic does not use', () => {
    expect(detectLanguage('سپاه پاسداران انقلاب اسلامی در بیانیه‌ای اعلام کرد')).toBe('fa');
    expect(detectLanguage('ہم نے فیصلہ کیا ہے کہ یہ جنگ جاری رہے گی')).toBe('ur');
    expect(detectLanguage('موږ پرېکړه کړې چې جګړه به دوام ولري')).toBe('ps');
  });

  it('Russian by its script; nothing for Latin script, mixed or too little text', () => {
    expect(detectLanguage('Заявление пресс-службы')).toBe('ru');
    expect(detectLanguage('The resistance has decided')).toBeNull();
    expect(detectLanguage('#غزة')).toBeNull();
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage(null)).toBeNull();
  });
});
