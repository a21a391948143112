import { describe, expect, it } from 'vitest';
import { titleLine } from '../../../shared/text/opening';

describe('titleLine: a statement is named by its first line after the formulaic openings', () => {
  it('skips the basmala on its own line, with or without diacritics, and as the ligature', () => {
    expect(titleLine('بسم الله الرحمن الرحيم\nقررت المقاومة الإسلامية تحرير العراق.\nسطر آخر')).toBe('قررت المقاومة الإسلامية تحرير العراق.');
    expect(titleLine('بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ\nقررت المقاومة')).toBe('قررت المقاومة');
    expect(titleLine('﷽\n\nبيان صادر عن المقاومة')).toBe('بيان صادر عن المقاومة');
    expect(titleLine('بسمه تعالى\nبيان')).toBe('بيان');
  });

  it('skips a chain of openings on one line: basmala, hamdala with its tail, salawat, amma ba\'d', () => {
    expect(titleLine('بسم الله الرحمن الرحيم، الحمد لله رب العالمين، والصلاة والسلام على رسول الله وآله الطاهرين، أما بعد: فإن المقاومة قررت.'))
      .toBe('فإن المقاومة قررت.');
    expect(titleLine('بسم الله الرحمن الرحيم. فلم تقتلوهم ولكن الله قتلهم')).toBe('فلم تقتلوهم ولكن الله قتلهم');
    expect(titleLine('الحَمْدُ لِلَّهِ وَحْدَهُ،\nالسلام عليكم ورحمة الله وبركاته\nإلى أبناء شعبنا')).toBe('إلى أبناء شعبنا');
  });

  it('knows the Persian and English openings', () => {
    expect(titleLine('به نام خداوند بخشنده مهربان\nبیانیه سپاه')).toBe('بیانیه سپاه');
    expect(titleLine('In the name of Allah, the Most Gracious, the Most Merciful.\nA statement on Gaza')).toBe('A statement on Gaza');
    expect(titleLine('All praise is due to Allah, Lord of the worlds. We announce')).toBe('We announce');
  });

  it('keeps a text that only looks like an opening, and names a text of formulae only by its first line', () => {
    expect(titleLine('بسم الله الرحمن الرحيم')).toBe('بسم الله الرحمن الرحيم');
    expect(titleLine('بسمة أمل للعراق')).toBe('بسمة أمل للعراق');
    expect(titleLine('الحمدانية تحت القصف')).toBe('الحمدانية تحت القصف');
    expect(titleLine('  Statement of the resistance\nsecond')).toBe('Statement of the resistance');
    expect(titleLine('')).toBe('');
  });
});
