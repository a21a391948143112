import { useQueueCount } from '../features/translations';
import { useInboxCount } from '../features/inbox';
import { Link, paths, useRoute } from './router';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../components/format';

const ITEMS = [
  { to: paths.cases(), label: 'nav.cases', match: 'cases' },
  { to: paths.sources(), label: 'nav.sources', match: 'sources' },
  { to: paths.reports(), label: 'nav.reports', match: 'reports' },
  { to: paths.actors(), label: 'nav.actors', match: 'actors' },
  { to: paths.search(), label: 'nav.search', match: 'search' },
  { to: paths.trash(), label: 'nav.trash', match: 'trash' },
] as const;

export function Sidebar() {
  const route = useRoute();
  const waiting = useQueueCount();
  const mine = useInboxCount();
  const { t } = useTranslation('shell');
  const head = route.segments[0];
  const here = head === 'statements' ? 'cases' : head === 'translations' ? 'review' : head ?? 'cases';
  return (
    <nav className="sidebar" aria-label={t('nav.main')}>
      <ul>
        <li>
          <Link to={paths.inbox()} aria-current={here === 'inbox' ? 'page' : undefined} className="nav-link nav-with-count">
            <span>{t('nav.inbox')}{mine ? <span className="visually-hidden">{t('nav.inboxCount', { count: mine })}</span> : null}</span>
            {mine ? <span className="nav-count inbox-count" aria-hidden="true">{formatNumber(mine)}</span> : null}
          </Link>
        </li>
        {ITEMS.map((item) => (
          <li key={item.match}>
            <Link to={item.to} aria-current={here === item.match ? 'page' : undefined} className="nav-link">{t(item.label)}</Link>
          </li>
        ))}
      </ul>
      <div className="sidebar-section">
        <h2 className="sidebar-heading">{t('nav.review')}</h2>
        <ul>
          <li>
            <Link to={paths.review()} aria-current={here === 'review' ? 'page' : undefined} className="nav-link nav-with-count">
              <span>{t('nav.queue')}{waiting ? <span className="visually-hidden">{t('nav.waiting', { count: waiting })}</span> : null}</span>
              {waiting ? <span className="nav-count" aria-hidden="true">{formatNumber(waiting)}</span> : null}
            </Link>
          </li>
          <li>
            <Link to={paths.glossary()} aria-current={here === 'glossary' ? 'page' : undefined} className="nav-link">{t('nav.glossary')}</Link>
          </li>
        </ul>
      </div>
      <ul className="sidebar-end">
        <li>
          <Link to={paths.settings()} aria-current={here === 'settings' ? 'page' : undefined} className="nav-link">{t('nav.settings')}</Link>
        </li>
      </ul>
    </nav>
  );
}
