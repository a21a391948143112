import type { Statement } from '../../../shared/domain';

/** How a statement is named in lists: its summary, else the start of its text. */
export function statementTitle(s: Pick<Statement, 'summary' | 'originalText' | 'publishedWording' | 'saidAt'>): string {
  const text = s.summary.trim() || (s.originalText ?? s.publishedWording ?? '').trim();
  if (text) {
    const line = text.split('\n')[0]!;
    return line.length > 120 ? `${line.slice(0, 120)}…` : line;
  }
  return s.saidAt ? `Statement of ${s.saidAt}` : 'Untitled statement';
}
