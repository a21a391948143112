import { useState } from 'react';
import { Page } from '../../components/Page';
import { useCan } from '../../data/permissions';
import { NewReportDialog } from './NewReportDialog';
import { ReportList } from './ReportList';
import { useTranslation } from 'react-i18next';

/** Every report on the desk, drafts and published, whatever case they are in. */
export function ReportsPage() {
  const can = useCan('reports.write');
  const [creating, setCreating] = useState(false);
  const { t } = useTranslation('reports');
  return (
    <Page
      title={t('list.title')}
      actions={<button type="button" onClick={() => setCreating(true)} disabled={!can.allowed} title={can.reason ?? undefined}>{t('list.new')}</button>}
    >
      {can.allowed ? null : <p className="field-hint why">{can.reason}</p>}
      <ReportList empty={t('list.emptyAll')} />
      <NewReportDialog isOpen={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
