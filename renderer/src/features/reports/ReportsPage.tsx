import { useState } from 'react';
import { Page } from '../../components/Page';
import { useCan } from '../../data/permissions';
import { NewReportDialog } from './NewReportDialog';
import { ReportList } from './ReportList';

/** Every report on the desk, drafts and published, whatever case they are in. */
export function ReportsPage() {
  const can = useCan('reports.write');
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title="Reports"
      actions={<button type="button" onClick={() => setCreating(true)} disabled={!can.allowed} title={can.reason ?? undefined}>New report</button>}
    >
      {can.allowed ? null : <p className="field-hint why">{can.reason}</p>}
      <ReportList empty="No reports yet. Start one from a case's Reports tab, or import a published report there." />
      <NewReportDialog isOpen={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
