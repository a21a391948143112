import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { Case, CaseStatus } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { MarkingBanner, PriorityBadge, StatusBadge } from '../../components/Badges';
import { ErrorNote } from '../../components/Field';
import { useCan } from '../../data/permissions';
import { Loading, Page } from '../../components/Page';
import { STATUSES, STATUS_LABELS } from '../../components/labels';
import { useApiQuery } from '../../data/query';
import { navigate, paths } from '../../app/router';
import { NotesPanel } from '../notes';
import { CaseReports } from '../reports';
import { CaseActivity } from './CaseActivity';
import { CaseExchange } from './CaseExchange';
import { CaseOverview } from './CaseOverview';
import { CaseSources } from './CaseSources';
import { CaseStatements } from './CaseStatements';
import { CaseTimeline } from './CaseTimeline';
import { useCaseActions } from './useCaseActions';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';

const TABS = [
  { id: 'overview', label: 'tab.overview' }, { id: 'statements', label: 'tab.statements' }, { id: 'sources', label: 'tab.sources' },
  { id: 'reports', label: 'tab.reports' }, { id: 'notes', label: 'tab.notes' }, { id: 'timeline', label: 'tab.timeline' }, { id: 'activity', label: 'tab.activity' },
  { id: 'exchange', label: 'tab.exchange' },
] as const;

export function CasePage({ id, tab }: { id: string; tab: string }) {
  const q = useApiQuery('cases.get', { id });
  const { t } = useTranslation('cases');
  if (q.error) return <Page title={t('case')}><ErrorNote message={q.error.message} /></Page>;
  if (!q.data) return <Page title={t('case')}><Loading what={t('loadingCase')} /></Page>;
  return <CaseView c={q.data} tab={TABS.some((x) => x.id === tab) ? tab : 'overview'} />;
}

function CaseView({ c, tab }: { c: Case; tab: string }) {
  const actions = useCaseActions();
  const { t } = useTranslation('cases');
  const [error, setError] = useState<ApiError | null>(null);
  const act = (p: Promise<unknown>) => { setError(null); p.catch((err: unknown) => setError(toApiError(err))); };
  const setStatus = (s: CaseStatus) => act(actions.setStatus(c, s));
  const trashed = !!c.deletedAt;
  const canOrganize = useCan('cases.organize');
  const canTrash = useCan('cases.trash');
  const organizeOff = trashed || !canOrganize.allowed;

  return (
    <Page
      className="case-page"
      before={<MarkingBanner marking={c.marking} />}
      title={<B>{c.title}</B>}
      actions={
        <div className="case-actions" role="group" aria-label={t('actions')}>
          <StatusBadge status={c.status} />
          <PriorityBadge priority={c.priority} />
          <label className="inline-field">
            <span>{t('status')}</span>
            <select value={c.status} onChange={(e) => setStatus(e.target.value as CaseStatus)} disabled={organizeOff} title={canOrganize.reason ?? undefined}>
              {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
            </select>
          </label>
          {c.status !== 'closed' && c.status !== 'archived' ? (
            <button type="button" className="secondary" onClick={() => setStatus('closed')} disabled={organizeOff} title={canOrganize.reason ?? undefined}>{t('close')}</button>
          ) : null}
          {c.status !== 'archived' ? (
            <button type="button" className="secondary" onClick={() => setStatus('archived')} disabled={organizeOff} title={canOrganize.reason ?? undefined}>{t('archive')}</button>
          ) : null}
          <button
            type="button" className="danger" disabled={trashed || !canTrash.allowed} title={canTrash.reason ?? undefined}
            onClick={() => act(actions.trash(c).then(() => navigate(paths.cases())))}
          >
            {t('trash')}
          </button>
        </div>
      }
    >
      {trashed ? <p className="notice" role="note">{t('inTrash')}</p> : null}
      {!trashed && !canOrganize.allowed ? <p className="field-hint why">{canOrganize.reason}</p> : null}
      <ErrorNote message={error?.message} />
      <Tabs selectedKey={tab} onSelectionChange={(k) => navigate(paths.case(c.id, k === 'overview' ? undefined : String(k)), { replace: true })}>
        <TabList aria-label={t('sections')} className="tabs">
          {TABS.map((x) => <Tab key={x.id} id={x.id} className="tab">{t(x.label)}</Tab>)}
        </TabList>
        <TabPanel id="overview" className="tab-panel"><CaseOverview c={c} /></TabPanel>
        <TabPanel id="statements" className="tab-panel"><CaseStatements c={c} /></TabPanel>
        <TabPanel id="sources" className="tab-panel"><CaseSources c={c} /></TabPanel>
        <TabPanel id="reports" className="tab-panel"><CaseReports c={c} /></TabPanel>
        <TabPanel id="notes" className="tab-panel"><NotesPanel targetType="case" targetId={c.id} /></TabPanel>
        <TabPanel id="timeline" className="tab-panel"><CaseTimeline c={c} /></TabPanel>
        <TabPanel id="activity" className="tab-panel"><CaseActivity c={c} /></TabPanel>
        <TabPanel id="exchange" className="tab-panel"><CaseExchange c={c} /></TabPanel>
      </Tabs>
    </Page>
  );
}
