import { useCallback, useMemo } from 'react';
import type { Case } from '../../../../shared/domain';
import { MarkingBadge, PriorityBadge, StatusBadge } from '../../components/Badges';
import { ErrorNote } from '../../components/Field';
import { Page } from '../../components/Page';
import { VirtualGrid } from '../../components/VirtualGrid';
import { formatGregorian } from '../../components/format';
import { useProfiles } from '../../data/lookups';
import { usePagedList } from '../../data/query';
import { Link, navigate, paths, useRoute, withQuery } from '../../app/router';
import { useCommands } from '../../app/commands';
import { CaseBoard } from './CaseBoard';
import { BundleImport } from './CaseExchange';
import { CaseFilters } from './CaseFilters';
import { readFilter, toArgs, writeFilter, type CaseFilter } from './filters';
import { useCan } from '../../data/permissions';
import { B } from '../../components/text';

const COLUMNS = [
  { key: 'title', label: 'Title' }, { key: 'status', label: 'Status' }, { key: 'priority', label: 'Priority' },
  { key: 'marking', label: 'Marking' }, { key: 'assignees', label: 'Assigned' }, { key: 'due', label: 'Due' },
];

export function CasesPage() {
  const route = useRoute();
  const filter = useMemo(() => readFilter(route.query), [route.query]);
  const setFilter = useCallback((f: CaseFilter) => navigate(withQuery(paths.cases(), writeFilter(f)), { replace: true }), []);
  const commands = useCommands();
  const can = useCan('cases.create');

  return (
    <Page
      title="Cases"
      actions={
        <>
          <div className="segmented" role="group" aria-label="View">
            <button type="button" aria-pressed={filter.view === 'list'} onClick={() => setFilter({ ...filter, view: 'list' })}>List</button>
            <button type="button" aria-pressed={filter.view === 'board'} onClick={() => setFilter({ ...filter, view: 'board' })}>Board</button>
          </div>
          <button type="button" onClick={() => commands.run('case.new')} disabled={!can.allowed} title={can.reason ?? undefined}>New case</button>
        </>
      }
    >
      <details className="bundle-import-panel">
        <summary>Import a case bundle from another desk</summary>
        <BundleImport onImported={(id) => navigate(paths.case(id, 'exchange'))} />
      </details>
      <CaseFilters filter={filter} onChange={setFilter} />
      {filter.view === 'board' ? <CaseBoard filter={filter} /> : <CaseList filter={filter} />}
    </Page>
  );
}

function CaseList({ filter }: { filter: CaseFilter }) {
  const args = useMemo(() => toArgs(filter), [filter]);
  const list = usePagedList('cases.list', args, 100);
  const profiles = useProfiles();
  const row = (i: number) => {
    const c: Case | undefined = list.itemAt(i);
    if (!c) return null;
    return [
      <Link key="t" to={paths.case(c.id)} tabIndex={-1} className="row-title"><B>{c.title}</B></Link>,
      <StatusBadge key="s" status={c.status} />,
      <PriorityBadge key="p" priority={c.priority} />,
      <MarkingBadge key="m" marking={c.marking} />,
      <span key="a" className="initials-list">{c.assignees.map((id) => <B key={id} title={profiles.name(id)} className="avatar small">{profiles.byId.get(id)?.initials ?? '?'}</B>)}</span>,
      <span key="d">{formatGregorian(c.dueDate, 'day')}</span>,
    ];
  };
  return (
    <>
      <ErrorNote message={list.error?.message} />
      <p className="list-count" role="status">{list.loading ? 'Loading cases…' : `${list.total} ${list.total === 1 ? 'case' : 'cases'}`}</p>
      <VirtualGrid
        label="Cases" count={list.total} rowHeight={40} columns={COLUMNS} renderRow={row} onRange={list.onRange}
        onActivate={(i) => { const c = list.itemAt(i); if (c) navigate(paths.case(c.id)); }}
        className="cols-cases" empty={list.loading ? null : <span className="muted">No cases match.</span>}
      />
    </>
  );
}
