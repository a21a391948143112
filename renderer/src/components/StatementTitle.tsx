import { statementTitle } from '../../../shared/domain';
import { useApiQuery } from '../data/query';
import { B } from './text';
import { useTranslation } from 'react-i18next';

/** A statement's title by id (cached per statement), for places that hold only its id. */
export function StatementTitle({ id }: { id: string }) {
  const q = useApiQuery('statements.get', { id }, { staleTime: 30_000 });
  const { t } = useTranslation('common');
  if (q.error) return <span className="muted">{t('statementUnavailable')}</span>;
  return <B>{q.data ? statementTitle(q.data) : t('ellipsis')}</B>;
}
