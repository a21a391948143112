import { useEffect } from 'react';
import { Page } from '../components/Page';
import { ActorPage, ActorsPage } from '../features/actors';
import { CasePage, CasesPage } from '../features/cases';
import { ProfilesPage } from '../features/profiles';
import { GlossaryPage } from '../features/glossary';
import { ReportPage, ReportsPage } from '../features/reports';
import { SearchPage } from '../features/search';
import { SourcePage, SourcesPage } from '../features/sources';
import { StatementPage } from '../features/statements';
import { TrashPage } from '../features/trash';
import { HistoryPage, ReviewPage, ReviewQueuePage } from '../features/translations';
import { InboxPage } from '../features/inbox';
import { Link, navigate, paths, useRoute } from './router';
import { Trans, useTranslation } from 'react-i18next';
import { SettingsPage } from '../features/settings';

export function Routes() {
  const { segments } = useRoute();
  const { t } = useTranslation('common');
  const [head, id, sub] = segments;
  useEffect(() => {
    if (segments.length === 0) navigate(paths.cases(), { replace: true });
  }, [segments.length]);

  switch (head) {
    case undefined:
    case 'cases':
      return id ? <CasePage key={id} id={id} tab={sub ?? 'overview'} /> : <CasesPage />;
    case 'statements':
      if (id) return <StatementPage key={id} id={id} />;
      break;
    case 'sources':
      return id ? <SourcePage key={id} id={id} /> : <SourcesPage />;
    case 'actors':
      return id ? <ActorPage key={id} id={id} /> : <ActorsPage />;
    case 'reports':
      return id ? <ReportPage key={id} id={id} /> : <ReportsPage />;
    case 'search':
      return <SearchPage />;
    case 'trash':
      return <TrashPage />;
    case 'profiles':
      return <ProfilesPage />;
    case 'review':
      return id ? <ReviewPage key={id} translationId={id} /> : <ReviewQueuePage />;
    case 'settings':
      return <SettingsPage />;
    case 'translations':
      if (id) return <HistoryPage key={id} translationId={id} />;
      break;
    case 'glossary':
      return <GlossaryPage />;
    case 'inbox':
      return <InboxPage />;
  }
  return (
    <Page title={t('notFound.title')}>
      <p><Trans t={t} i18nKey="notFound.body" components={{ link: <Link to={paths.cases()}>{null}</Link> }} /></p>
    </Page>
  );
}
