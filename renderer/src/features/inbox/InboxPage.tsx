import type { ReactNode } from 'react';
import type { InboxCase, InboxTranslation } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { Loading, Page } from '../../components/Page';
import { formatGregorian, formatStamp } from '../../components/format';
import { languageLabel, PRIORITY_LABELS } from '../../components/labels';
import { B } from '../../components/text';
import { useProfiles } from '../../data/lookups';
import { Link, paths } from '../../app/router';
import { translationPaths } from '../translations';
import { useInbox } from './useInbox';

const text = {
  title: 'Inbox',
  intro: 'What waits on you: translations sent back to you, revisions waiting for your review, and your cases by due date.',
  loading: 'your inbox',
  changesRequested: 'Sent back to you',
  changesRequestedNone: 'Nothing was sent back to you.',
  toReview: 'Waiting for your review',
  toReviewNone: 'Nothing waits for your review.',
  due: 'Due',
  dueNone: 'None of your open cases has a due date.',
  assigned: 'Assigned to you',
  assignedNone: 'No open case is assigned to you.',
  overdue: 'Overdue',
  dueOn: 'Due',
  sentBackBy: 'sent back by',
  submittedBy: 'translated by',
  revision: 'revision',
  more: (n: number) => `and ${n} more`,
  summary: (n: number) => (n === 0 ? 'Nothing needs your action now.' : n === 1 ? '1 item needs your action.' : `${n} items need your action.`),
};

function Section({ id, title, total, shown, none, children }: { id: string; title: string; total: number; shown: number; none: string; children: ReactNode }) {
  return (
    <section className="inbox-section" aria-labelledby={id}>
      <h2 id={id} className="inbox-heading">
        <span>{title}</span>
        <span className="nav-count">{total}</span>
      </h2>
      {total === 0 ? <p className="muted small">{none}</p> : <ul className="inbox-list">{children}</ul>}
      {total > shown ? <p className="muted small">{text.more(total - shown)}</p> : null}
    </section>
  );
}

function TranslationRow({ item, sentBack, name }: { item: InboxTranslation; sentBack: boolean; name(id: string | null): string }) {
  const to = sentBack ? paths.statement(item.statementId) : translationPaths.review(item.translationId);
  return (
    <li className="inbox-item">
      <Link to={to} className="row-title"><B>{item.statementTitle}</B></Link>
      <span className="muted small">
        {`${languageLabel(item.sourceLang)} → ${languageLabel(item.targetLang)} · ${text.revision} ${item.number} · ${sentBack ? text.sentBackBy : text.submittedBy} `}
        <B>{name(item.by)}</B>
        {` · ${formatStamp(item.at)}`}
      </span>
      {sentBack && item.comment ? <p className="inbox-comment" dir="auto">{item.comment}</p> : null}
    </li>
  );
}

function CaseRow({ item }: { item: InboxCase }) {
  return (
    <li className={`inbox-item${item.overdue ? ' is-overdue' : ''}`}>
      <Link to={paths.case(item.caseId)} className="row-title"><B>{item.title}</B></Link>
      <span className="muted small">
        {PRIORITY_LABELS[item.priority]}
        {item.dueDate ? ` · ${text.dueOn} ${formatGregorian(item.dueDate, 'day')}` : ''}
      </span>
      {item.overdue ? <span className="badge inbox-overdue">{text.overdue}</span> : null}
    </li>
  );
}

/** The acting profile's work, updated as it changes (useInbox). */
export function InboxPage() {
  const q = useInbox();
  const { name } = useProfiles();
  const who = (id: string | null) => name(id);
  const inbox = q.data;
  return (
    <Page title={text.title}>
      <p className="muted">{text.intro}</p>
      <ErrorNote message={q.error?.message} />
      {q.isPending ? <Loading what={text.loading} /> : null}
      {inbox ? (
        <>
          <p className="list-count" role="status">{text.summary(inbox.count)}</p>
          <div className="inbox">
            <Section id="inbox-back" title={text.changesRequested} total={inbox.changesRequested.total} shown={inbox.changesRequested.items.length} none={text.changesRequestedNone}>
              {inbox.changesRequested.items.map((t) => <TranslationRow key={t.revisionId} item={t} sentBack name={who} />)}
            </Section>
            <Section id="inbox-review" title={text.toReview} total={inbox.toReview.total} shown={inbox.toReview.items.length} none={text.toReviewNone}>
              {inbox.toReview.items.map((t) => <TranslationRow key={t.revisionId} item={t} sentBack={false} name={who} />)}
            </Section>
            <Section id="inbox-due" title={text.due} total={inbox.due.total} shown={inbox.due.items.length} none={text.dueNone}>
              {inbox.due.items.map((c) => <CaseRow key={c.caseId} item={c} />)}
            </Section>
            <Section id="inbox-assigned" title={text.assigned} total={inbox.assigned.total} shown={inbox.assigned.items.length} none={text.assignedNone}>
              {inbox.assigned.items.map((c) => <CaseRow key={c.caseId} item={c} />)}
            </Section>
          </div>
        </>
      ) : null}
    </Page>
  );
}
