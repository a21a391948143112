import { useEffect, useState } from 'react';
import type { Case, ReportImportPlan } from '../../../../shared/domain';
import { previewReportImport, toApiError } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useProfile } from '../../data/acting';
import { useCan } from '../../data/permissions';
import { navigate, paths, useRoute } from '../../app/router';
import { ImportDialog } from './ImportDialog';
import { NewReportDialog } from './NewReportDialog';
import { ReportList } from './ReportList';
import { useTranslation } from 'react-i18next';

/** A case's Reports tab: its reports, a new one, or a published one imported from its text or page. */
export function CaseReports({ c }: { c: Case }) {
  const me = useProfile();
  const canWrite = useCan('reports.write');
  const [creating, setCreating] = useState(false);
  const [plan, setPlan] = useState<ReportImportPlan | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const off = !!c.deletedAt || !canWrite.allowed;
  const { t } = useTranslation('reports');

  const importFile = async () => {
    setError(null);
    setReading(true);
    try {
      const p = await previewReportImport({ as: me.id, caseId: c.id });
      if (p) setPlan(p);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setReading(false);
    }
  };

  // The palette's "Import a published report into this case…" lands here with ?import=1.
  const route = useRoute();
  const asked = route.query.get('import') === '1';
  useEffect(() => {
    if (!asked) return;
    navigate(paths.case(c.id, 'reports'), { replace: true });
    if (!off) void importFile();
    // Once per request in the address: the effect clears it.
  }, [asked]);

  return (
    <div className="tab-content">
      <div className="toolbar" role="toolbar" aria-label={t('case.toolbar')}>
        <button type="button" onClick={() => setCreating(true)} disabled={off} title={canWrite.reason ?? undefined}>{t('list.new')}</button>
        <button type="button" className="secondary" onClick={() => void importFile()} disabled={off || reading} title={canWrite.reason ?? undefined}>
          {reading ? t('case.reading') : t('case.import')}
        </button>
      </div>
      {c.deletedAt || canWrite.allowed ? null : <p className="field-hint why">{canWrite.reason}</p>}
      <ErrorNote message={error} />
      <ReportList caseId={c.id} empty={t('case.empty')} />
      <NewReportDialog isOpen={creating} onClose={() => setCreating(false)} caseId={c.id} />
      <ImportDialog plan={plan} onClose={() => setPlan(null)} />
    </div>
  );
}
