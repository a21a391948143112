import { useApiQuery } from '../../data/query';

/** A source's title by id (cached per source). */
export function SourceTitle({ id }: { id: string }) {
  const q = useApiQuery('sources.get', { id }, { staleTime: 30_000 });
  if (q.error) return <span className="muted">Source not available</span>;
  return <bdi>{q.data?.title ?? '…'}</bdi>;
}
