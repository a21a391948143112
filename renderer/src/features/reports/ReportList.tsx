import { useMemo } from 'react';
import type { Report } from '../../../../shared/domain';
import { MarkingBadge } from '../../components/Badges';
import { ErrorNote } from '../../components/Field';
import { formatStamp } from '../../components/format';
import { VirtualGrid } from '../../components/VirtualGrid';
import { usePagedList } from '../../data/query';
import { Link, navigate, paths } from '../../app/router';
import { reportState } from './kind';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';

const COLUMNS = [
  { key: 'headline', label: 'col.headline' }, { key: 'state', label: 'col.state' }, { key: 'marking', label: 'col.marking' }, { key: 'updated', label: 'col.updated' },
] as const;

/** Reports, newest change first, a page at a time as they scroll into view (a desk keeps years of them). */
export function ReportList({ caseId, empty }: { caseId?: string; empty: string }) {
  const args = useMemo(() => (caseId ? { caseId } : {}), [caseId]);
  const list = usePagedList('reports.list', args, 200);
  const { t } = useTranslation('reports');
  const columns = useMemo(() => COLUMNS.map((col) => ({ key: col.key, label: t(col.label) })), [t]);
  const row = (i: number) => {
    const r: Report | undefined = list.itemAt(i);
    if (!r) return null;
    return [
      <Link key="h" to={paths.report(r.id)} tabIndex={-1} className="row-title"><B>{r.headline}</B></Link>,
      <span key="s" className={`report-state${r.publishedVersion === r.version ? ' is-published' : ''}`}>{reportState(r)}</span>,
      <MarkingBadge key="m" marking={r.marking} />,
      <span key="u" className="nowrap">{formatStamp(r.updatedAt)}</span>,
    ];
  };
  return (
    <>
      <p className="list-count" role="status">{list.loading ? t('list.loading') : t('list.count', { count: list.total })}</p>
      <ErrorNote message={list.error?.message} />
      <VirtualGrid
        label={t('list.grid')} count={list.total} rowHeight={40} columns={columns} renderRow={row} onRange={list.onRange}
        onActivate={(i) => { const r = list.itemAt(i); if (r) navigate(paths.report(r.id)); }}
        className="cols-reports" empty={list.loading ? null : <span className="muted">{empty}</span>}
      />
    </>
  );
}
