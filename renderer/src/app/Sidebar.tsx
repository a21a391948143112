import { useQueueCount } from '../features/translations';
import { useInboxCount } from '../features/inbox';
import { Link, paths, useRoute } from './router';

const ITEMS = [
  { to: paths.cases(), label: 'Cases', match: 'cases' },
  { to: paths.sources(), label: 'Sources', match: 'sources' },
  { to: paths.reports(), label: 'Reports', match: 'reports' },
  { to: paths.actors(), label: 'Actors', match: 'actors' },
  { to: paths.search(), label: 'Search', match: 'search' },
  { to: paths.trash(), label: 'Trash', match: 'trash' },
];

export function Sidebar() {
  const route = useRoute();
  const waiting = useQueueCount();
  const mine = useInboxCount();
  const head = route.segments[0];
  const here = head === 'statements' ? 'cases' : head === 'translations' ? 'review' : head ?? 'cases';
  return (
    <nav className="sidebar" aria-label="Main">
      <ul>
        <li>
          <Link to={paths.inbox()} aria-current={here === 'inbox' ? 'page' : undefined} className="nav-link nav-with-count">
            <span>Inbox{mine ? <span className="visually-hidden">{` (${mine} waiting on you)`}</span> : null}</span>
            {mine ? <span className="nav-count inbox-count" aria-hidden="true">{mine}</span> : null}
          </Link>
        </li>
        {ITEMS.map((item) => (
          <li key={item.match}>
            <Link to={item.to} aria-current={here === item.match ? 'page' : undefined} className="nav-link">{item.label}</Link>
          </li>
        ))}
      </ul>
      <div className="sidebar-section">
        <h2 className="sidebar-heading">Review</h2>
        <ul>
          <li>
            <Link to={paths.review()} aria-current={here === 'review' ? 'page' : undefined} className="nav-link nav-with-count">
              <span>Review queue{waiting ? <span className="visually-hidden">{` (${waiting} waiting)`}</span> : null}</span>
              {waiting ? <span className="nav-count" aria-hidden="true">{waiting}</span> : null}
            </Link>
          </li>
          <li>
            <Link to={paths.glossary()} aria-current={here === 'glossary' ? 'page' : undefined} className="nav-link">Glossary</Link>
          </li>
        </ul>
      </div>
    </nav>
  );
}
