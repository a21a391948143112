import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { InboxCase, InboxTranslation } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { Loading, Page } from '../../components/Page';
import { formatGregorian, formatNumber, formatStamp } from '../../components/format';
import { languageLabel, PRIORITY_LABELS } from '../../components/labels';
import { B } from '../../components/text';
import { useProfiles } from '../../data/lookups';
import { Link, paths } from '../../app/router';
import { translationPaths } from '../translations';
import { useInbox } from './useInbox';

function Section({ id, title, total, shown, none, children }: { id: string; title: string; total: number; shown: number; none: string; children: ReactNode }) {
  const { t } = useTranslation('inbox');
  return (
    <section className="inbox-section" aria-labelledby={id}>
      <h2 id={id} className="inbox-heading">
        <span>{title}</span>
        <span className="nav-count">{formatNumber(total)}</span>
      </h2>
      {total === 0 ? <p className="muted small">{none}</p> : <ul className="inbox-list">{children}</ul>}
      {total > shown ? <p className="muted small">{t('section.more', { count: total - shown })}</p> : null}
    </section>
  );
}

function TranslationRow({ item, sentBack, name }: { item: InboxTranslation; sentBack: boolean; name(id: string | null): string }) {
  const { t } = useTranslation('inbox');
  const to = sentBack ? paths.statement(item.statementId) : translationPaths.review(item.translationId);
  return (
    <li className="inbox-item">
      <Link to={to} className="row-title"><B>{item.statementTitle}</B></Link>
      <span className="muted small">
        <Trans
          t={t}
          i18nKey={sentBack ? 'row.sentBack' : 'row.submitted'}
          // A revision number is a name, not a quantity: passed as a string so it is not formatted.
          values={{ source: languageLabel(item.sourceLang), target: languageLabel(item.targetLang), n: String(item.number), name: name(item.by), at: formatStamp(item.at) }}
          components={{ b: <B /> }}
        />
      </span>
      {sentBack && item.comment ? <p className="inbox-comment" dir="auto">{item.comment}</p> : null}
    </li>
  );
}

function CaseRow({ item }: { item: InboxCase }) {
  const { t } = useTranslation('inbox');
  return (
    <li className={`inbox-item${item.overdue ? ' is-overdue' : ''}`}>
      <Link to={paths.case(item.caseId)} className="row-title"><B>{item.title}</B></Link>
      <span className="muted small">
        {PRIORITY_LABELS[item.priority]}
        {item.dueDate ? t('row.dueOn', { date: formatGregorian(item.dueDate, 'day') }) : ''}
      </span>
      {item.overdue ? <span className="badge inbox-overdue">{t('row.overdue')}</span> : null}
    </li>
  );
}

/** The acting profile's work, updated as it changes (useInbox). */
export function InboxPage() {
  const { t } = useTranslation('inbox');
  const q = useInbox();
  const { name } = useProfiles();
  const who = (id: string | null) => name(id);
  const inbox = q.data;
  return (
    <Page title={t('title')}>
      <p className="muted">{t('intro')}</p>
      <ErrorNote message={q.error?.message} />
      {q.isPending ? <Loading what={t('loading')} /> : null}
      {inbox ? (
        <>
          <p className="list-count" role="status">{t('summary', { count: inbox.count })}</p>
          <div className="inbox">
            <Section id="inbox-back" title={t('section.changesRequested')} total={inbox.changesRequested.total} shown={inbox.changesRequested.items.length} none={t('section.changesRequestedNone')}>
              {inbox.changesRequested.items.map((r) => <TranslationRow key={r.revisionId} item={r} sentBack name={who} />)}
            </Section>
            <Section id="inbox-review" title={t('section.toReview')} total={inbox.toReview.total} shown={inbox.toReview.items.length} none={t('section.toReviewNone')}>
              {inbox.toReview.items.map((r) => <TranslationRow key={r.revisionId} item={r} sentBack={false} name={who} />)}
            </Section>
            <Section id="inbox-due" title={t('section.due')} total={inbox.due.total} shown={inbox.due.items.length} none={t('section.dueNone')}>
              {inbox.due.items.map((c) => <CaseRow key={c.caseId} item={c} />)}
            </Section>
            <Section id="inbox-assigned" title={t('section.assigned')} total={inbox.assigned.total} shown={inbox.assigned.items.length} none={t('section.assignedNone')}>
              {inbox.assigned.items.map((c) => <CaseRow key={c.caseId} item={c} />)}
            </Section>
          </div>
        </>
      ) : null}
    </Page>
  );
}
