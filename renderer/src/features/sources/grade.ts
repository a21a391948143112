import type { Source } from '../../../../shared/domain';

/** The Admiralty grade as analysts write it: B2, or C? when only one half is known. */
export function gradeOf(s: Pick<Source, 'reliability' | 'credibility'>): string {
  if (!s.reliability && !s.credibility) return '—';
  return `${s.reliability ?? '?'}${s.credibility ?? '?'}`;
}
