import { useApiQuery } from '../../data/query';

/** How many revisions wait for review (the sidebar's badge); null until known. */
export function useQueueCount(): number | null {
  const q = useApiQuery('translations.queue', { limit: 1, offset: 0 }, { refetchInterval: 30_000, staleTime: 5_000 });
  return q.data ? q.data.total : null;
}
