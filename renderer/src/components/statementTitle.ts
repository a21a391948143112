import type { Statement } from '../../../shared/domain';
import { titleLine } from '../../../shared/text/opening';

/** How a statement is named in lists: its summary, else its first line after the basmala and other openings. */
export function statementTitle(s: Pick<Statement, 'summary' | 'originalText' | 'publishedWording' | 'saidAt'>): string {
  const line = s.summary.trim().split('\n')[0]!.trim() || titleLine(s.originalText ?? s.publishedWording ?? '');
  if (line) return line.length > 120 ? `${line.slice(0, 120)}…` : line;
  return s.saidAt ? `Statement of ${s.saidAt}` : 'Untitled statement';
}
