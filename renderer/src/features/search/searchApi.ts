/**
 * search.query and search.suggest. A Core from before search answers `unknown_method`; the
 * screens then say so in words (and the quick switcher falls back to the lists' text filters).
 */
import { useQuery } from '@tanstack/react-query';
import type { Output } from '../../../../shared/ipc/contract';
import { call, toApiError } from '../../api/client';
import type { ApiError } from '../../api/client';
import { useActing } from '../../data/acting';
import { keyOf } from '../../data/keys';

export type SearchHit = Output<'search.query'>['hits'][number];
/** `more`: there are at least `count` (the Core stops counting at its cap). */
export interface Facet { value: string; label: string; count: number; more: boolean }
export interface Expansion { term: string; names: string[] }
export interface SearchResult {
  total: number;
  /** More hits than the Core counts (`total` is then its cap): "10,000+". */
  capped: boolean;
  facets: { type: Facet[]; case: Facet[] };
  expansions: Expansion[];
  hits: SearchHit[];
}
export interface Suggestion { kind: string; id: string; label: string; detail?: string }

export function normalizeResult(r: Output<'search.query'>): SearchResult {
  return {
    total: r.total,
    capped: r.capped,
    facets: {
      // A type's count is exact below the cap; a case's counts only the first hits once the total is capped.
      type: Object.entries(r.facets.type).map(([value, count]) => ({ value, label: value, count, more: count >= r.cap })),
      case: r.facets.case.map((c) => ({ value: c.caseId, label: c.title, count: c.count, more: r.capped })),
    },
    expansions: r.expansions,
    hits: r.hits,
  };
}

export function isUnavailable(e: ApiError | null | undefined): boolean {
  return e?.code === 'unknown_method';
}

export function useSearch(q: string, opts: { limit?: number; offset?: number } = {}) {
  const { profile } = useActing();
  const args = { q, limit: opts.limit ?? 50, offset: opts.offset ?? 0 };
  return useQuery<SearchResult, ApiError>({
    queryKey: keyOf('search.query', args),
    queryFn: async () => {
      try {
        return normalizeResult(await call('search.query', { as: profile!.id, ...args }));
      } catch (e) {
        throw toApiError(e);
      }
    },
    enabled: !!profile && q.trim().length > 0,
    placeholderData: (prev) => prev,
  });
}

export function useSuggest(q: string, enabled: boolean) {
  const { profile } = useActing();
  const args = { q, limit: 8 };
  return useQuery<Suggestion[], ApiError>({
    queryKey: keyOf('search.suggest', args),
    queryFn: async () => {
      try {
        const { items } = await call('search.suggest', { as: profile!.id, ...args });
        return items.map((s) => ({ kind: s.kind, id: s.id, label: s.label, detail: s.names.filter((n) => n !== s.label).slice(0, 2).join(' · ') || undefined }));
      } catch (e) {
        throw toApiError(e);
      }
    },
    enabled: enabled && !!profile && q.trim().length > 0,
    staleTime: 5_000,
  });
}
