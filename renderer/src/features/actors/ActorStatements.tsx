import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Statement } from '../../../../shared/domain';
import { VirtualGrid } from '../../components/VirtualGrid';
import { formatGregorian } from '../../components/format';
import { usePagedList } from '../../data/query';
import { Link, navigate, paths } from '../../app/router';
import { statementTitle } from '../../../../shared/domain';
import { B } from '../../components/text';

export function ActorStatements({ actorId }: { actorId: string }) {
  const { t } = useTranslation('actors');
  const columns = [{ key: 'date', label: t('statements.said') }, { key: 'text', label: t('statements.statement') }];
  const args = useMemo(() => ({ speakerId: actorId }), [actorId]);
  const list = usePagedList('statements.list', args, 200);
  const row = (i: number) => {
    const s: Statement | undefined = list.itemAt(i);
    if (!s) return null;
    return [
      <span key="d">{formatGregorian(s.saidAt, s.datePrecision)}</span>,
      <Link key="t" to={paths.statement(s.id)} tabIndex={-1} className="row-title"><B>{statementTitle(s)}</B></Link>,
    ];
  };
  return (
    <section className="panel" aria-labelledby="actor-statements-h">
      <h2 id="actor-statements-h">{t('statements.heading')} <span className="count">{list.total}</span></h2>
      <VirtualGrid
        label={t('statements.heading')} count={list.total} rowHeight={36} columns={columns} renderRow={row}
        onRange={list.onRange} onActivate={(i) => { const s = list.itemAt(i); if (s) navigate(paths.statement(s.id)); }}
        className="cols-actor-statements short" empty={list.loading ? null : <span className="muted">{t('statements.none')}</span>}
      />
    </section>
  );
}
