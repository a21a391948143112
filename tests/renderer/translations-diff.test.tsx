import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TranslationSegment } from '../../shared/domain';
import { WordDiff } from '../../renderer/src/features/translations/Diff';
import { alignRevisions, countChanges, wordDiff } from '../../renderer/src/features/translations/revisionDiff';

const seg = (id: string, source: string, target: string, start = 0): TranslationSegment => ({
  id, source, target, note: '', sourceStart: start, sourceEnd: start + source.length,
});

describe('word diff', () => {
  it('marks inserted and deleted words, and everything as new against nothing', () => {
    expect(wordDiff('No truce!', 'No stopping, no ceasefire!')).toEqual([
      { kind: 'same', text: 'No ' }, { kind: 'del', text: 'truce' }, { kind: 'ins', text: 'stopping, no ceasefire' }, { kind: 'same', text: '!' },
    ]);
    expect(wordDiff('', 'All new')).toEqual([{ kind: 'ins', text: 'All new' }]);
    expect(wordDiff('Gone', '')).toEqual([{ kind: 'del', text: 'Gone' }]);
    expect(wordDiff('Same', 'Same')).toEqual([{ kind: 'same', text: 'Same' }]);
  });

  it('aligns by segment id: kept, merged away and new segments each get their row', () => {
    const before = [seg('s1', 'أ.', 'One.'), seg('s2', 'ب.', 'Two.', 3), seg('s3', 'ج.', 'Three.', 6)];
    // s2 merged into s1, s4 split off s3.
    const after = [seg('s1', 'أ. ب.', 'One. Two.'), seg('s3', 'ج', 'Three', 6), seg('s4', '.', 'and more.', 7)];
    const rows = alignRevisions(before, after, 'en');
    expect(rows.map((r) => [r.id, !!r.before, !!r.after, r.sourceChanged])).toEqual([
      ['s1', true, true, true], ['s2', true, false, false], ['s3', true, true, true], ['s4', false, true, false],
    ]);
    expect(rows[1]!.parts).toEqual([{ kind: 'del', text: 'Two.' }]);
    expect(rows[3]!.parts).toEqual([{ kind: 'ins', text: 'and more.' }]);
    expect(countChanges(rows).inserted).toBeGreaterThanOrEqual(3);
    expect(alignRevisions(null, after).every((r) => r.parts.every((p) => p.kind === 'ins'))).toBe(true);
  });

  it('renders <ins>/<del> as React text nodes, never the text as HTML', () => {
    const { container } = render(<WordDiff parts={wordDiff('<b>old</b> text', '<img src=x onerror=alert(1)> text')} />);
    expect(container.querySelector('img, b')).toBeNull();
    const text = (sel: string) => [...container.querySelectorAll(sel)].map((e) => e.textContent).join(' ');
    expect(text('del')).toContain('old');
    expect(text('ins')).toContain('img');
    expect(container.textContent).toContain('onerror=alert(1)>');
    expect(container.textContent).toContain('text');
  });
});
