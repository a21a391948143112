import { useApiQuery } from '../../data/query';
import { B } from '../../components/text';

/** A source's title by id (cached per source). */
export function SourceTitle({ id }: { id: string }) {
  const q = useApiQuery('sources.get', { id }, { staleTime: 30_000 });
  if (q.error) return <span className="muted">Source not available</span>;
  return <B>{q.data?.title ?? '…'}</B>;
}
