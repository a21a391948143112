import { useMemo } from 'react';
import type { Statement } from '../../../../shared/domain';
import { VirtualGrid } from '../../components/VirtualGrid';
import { formatGregorian } from '../../components/format';
import { usePagedList } from '../../data/query';
import { Link, navigate, paths } from '../../app/router';
import { statementTitle } from '../../../../shared/domain';
import { B } from '../../components/text';

const STATEMENT_COLUMNS = [{ key: 'date', label: 'Said' }, { key: 'text', label: 'Statement' }];

export function ActorStatements({ actorId }: { actorId: string }) {
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
      <h2 id="actor-statements-h">Statements by or for this actor <span className="count">{list.total}</span></h2>
      <VirtualGrid
        label="Statements by or for this actor" count={list.total} rowHeight={36} columns={STATEMENT_COLUMNS} renderRow={row}
        onRange={list.onRange} onActivate={(i) => { const s = list.itemAt(i); if (s) navigate(paths.statement(s.id)); }}
        className="cols-actor-statements short" empty={list.loading ? null : <span className="muted">None recorded.</span>}
      />
    </section>
  );
}
