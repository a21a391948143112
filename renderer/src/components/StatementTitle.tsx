import { statementTitle } from '../../../shared/domain';
import { useApiQuery } from '../data/query';
import { B } from './text';

/** A statement's title by id (cached per statement), for places that hold only its id. */
export function StatementTitle({ id }: { id: string }) {
  const q = useApiQuery('statements.get', { id }, { staleTime: 30_000 });
  if (q.error) return <span className="muted">Statement not available</span>;
  return <B>{q.data ? statementTitle(q.data) : '…'}</B>;
}
