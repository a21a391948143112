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
import { useTranslation } from 'react-i18next';

const COLUMNS = [
  { key: 'title', label: 'col.title' }, { key: 'status', label: 'col.status' }, { key: 'priority', label: 'col.priority' },
  { key: 'marking', label: 'col.marking' }, { key: 'assignees', label: 'col.assigned' }, { key: 'due', label: 'col.due' },
] as const;

export function CasesPage() {
  const route = useRoute();
  const filter = useMemo(() => readFilter(route.query), [route.query]);
  const setFilter = useCallback((f: CaseFilter) => navigate(withQuery(paths.cases(), writeFilter(f)), { replace: true }), []);
  const commands = useCommands();
  const can = useCan('cases.create');
  const { t } = useTranslation('cases');

  return (
    <Page
      title={t('list.title')}
      actions={
        <>
          <div className="segmented" role="group" aria-label={t('list.view')}>
            <button type="button" aria-pressed={filter.view === 'list'} onClick={() => setFilter({ ...filter, view: 'list' })}>{t('list.list')}</button>
            <button type="button" aria-pressed={filter.view === 'board'} onClick={() => setFilter({ ...filter, view: 'board' })}>{t('list.board')}</button>
          </div>
          <button type="button" onClick={() => commands.run('case.new')} disabled={!can.allowed} title={can.reason ?? undefined}>{t('list.new')}</button>
        </>
      }
    >
      <details className="bundle-import-panel">
        <summary>{t('list.importBundle')}</summary>
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
  const { t } = useTranslation('cases');
  const columns = useMemo(() => COLUMNS.map((col) => ({ key: col.key, label: t(col.label) })), [t]);
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
      <p className="list-count" role="status">{list.loading ? t('list.loading') : t('list.count', { count: list.total })}</p>
      <VirtualGrid
        label={t('list.grid')} count={list.total} rowHeight={40} columns={columns} renderRow={row} onRange={list.onRange}
        onActivate={(i) => { const c = list.itemAt(i); if (c) navigate(paths.case(c.id)); }}
        className="cols-cases" empty={list.loading ? null : <span className="muted">{t('list.empty')}</span>}
      />
    </>
  );
}
