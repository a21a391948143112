// The acting profile's inbox (issue 14, "my work"): one read that gathers what waits on them.
//
// Every section is a bounded page (LIMIT) plus a count, and each is driven by an index rather
// than by the statements: revisions by translation_revisions_queue (state, submitted_at), the
// "is it the latest revision" test by the (translation_id, number) unique index, statements by
// their primary key. Cases are read whole (json_each over their assignees), which is one row
// per case file, not per record: a desk with 100,000 statements has a few thousand cases.
import type { Inbox, InboxCase, InboxTranslation } from '../../../shared/domain';
import { TABLES } from '../db/tables';
import { CoreError } from '../errors';
import { actorId } from './acting';
import { mustGet } from './entity';
import { may } from './permissions';
import type { CoreState } from './state';
import { handlerGroup } from './types';

type Row = Record<string, unknown>;

const PRIORITY_RANK = "CASE c.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END";
const MY_OPEN_CASES = `FROM cases c WHERE c.deleted_at IS NULL AND c.status NOT IN ('closed', 'archived')
  AND EXISTS (SELECT 1 FROM json_each(c.assignees) WHERE value = @me)`;

function caseOf(r: Row, today: string): InboxCase {
  const due = (r.due_date as string | null) ?? null;
  return {
    caseId: r.id as string, title: r.title as string, status: r.status as InboxCase['status'], priority: r.priority as InboxCase['priority'],
    dueDate: due, overdue: due !== null && due < today,
  };
}

// A revision waits on someone only while it is the translation's latest and its statement is live.
const LATEST_LIVE = `NOT EXISTS (SELECT 1 FROM translation_revisions n WHERE n.translation_id = r.translation_id AND n.number > r.number)
  AND st.deleted_at IS NULL`;
const REVISION_FROM = `FROM translation_revisions r JOIN translations t ON t.id = r.translation_id JOIN statements st ON st.id = t.statement_id`;
// Four eyes, as translations.approve enforces it: not the translator, not an editor.
const NOT_MINE = `coalesce(r.translator_id, '') <> @me AND NOT EXISTS (SELECT 1 FROM json_each(r.edited_by) WHERE value = @me)`;
const MINE = `(r.translator_id = @me OR r.submitted_by = @me OR EXISTS (SELECT 1 FROM json_each(r.edited_by) WHERE value = @me))`;

function translationOf(s: CoreState, r: Row, sentBack: boolean): InboxTranslation {
  const st = mustGet(s, 'statement', r.statement_id as string, { allowTrashed: true });
  const comment = sentBack
    ? (s.db.prepare(`SELECT body FROM translation_comments WHERE revision_id = ? AND kind = 'change_request'
        ORDER BY segment_id IS NOT NULL, created_at, id LIMIT 1`).pluck().get(r.id) as string | undefined) ?? null
    : null;
  return {
    translationId: r.translation_id as string, rev: r.t_rev as number, statementId: st.id, statementTitle: TABLES.statement.titleOf(st),
    revisionId: r.id as string, number: r.number as number, state: r.state as InboxTranslation['state'],
    sourceLang: (r.source_lang as string | null) ?? null, targetLang: r.target_lang as string,
    at: (sentBack ? r.reviewed_at ?? r.created_at : r.submitted_at ?? r.created_at) as string,
    by: ((sentBack ? r.reviewed_by : r.translator_id) as string | null) ?? null,
    comment,
  };
}

const SELECT_REVISION = 'SELECT r.*, t.rev AS t_rev, t.statement_id, t.source_lang, t.target_lang';
const DUE = `${MY_OPEN_CASES} AND c.due_date IS NOT NULL`;
const SENT_BACK = `${REVISION_FROM} WHERE r.state = 'changes_requested' AND ${LATEST_LIVE} AND ${MINE}`;
// A revision in review is always its translation's latest: it cannot be edited while there.
const TO_REVIEW = `${REVISION_FROM} WHERE r.state = 'in_review' AND st.deleted_at IS NULL AND ${NOT_MINE}`;

/** Every statement the inbox runs (parameters @me, @today, @limit): exported so a test can read their plans. */
export const INBOX_SQL = {
  assignedTotal: `SELECT count(*) ${MY_OPEN_CASES}`,
  assigned: `SELECT c.* ${MY_OPEN_CASES} ORDER BY ${PRIORITY_RANK}, c.due_date IS NULL, c.due_date, c.updated_at DESC, c.id LIMIT @limit`,
  dueTotal: `SELECT count(*) ${DUE}`,
  overdue: `SELECT count(*) ${DUE} AND c.due_date < @today`,
  due: `SELECT c.* ${DUE} ORDER BY c.due_date, ${PRIORITY_RANK}, c.id LIMIT @limit`,
  sentBackTotal: `SELECT count(*) ${SENT_BACK}`,
  sentBack: `${SELECT_REVISION} ${SENT_BACK} ORDER BY r.reviewed_at, r.id LIMIT @limit`,
  toReviewTotal: `SELECT count(*) ${TO_REVIEW}`,
  toReview: `${SELECT_REVISION} ${TO_REVIEW} ORDER BY r.submitted_at, r.id LIMIT @limit`,
} as const;

export const inboxHandlers = handlerGroup({
  'inbox.mine': (s, actor, { limit }) => {
    const me = actorId(actor);
    if (!me) throw CoreError.invalid('as', 'the inbox belongs to a profile: name the acting profile');
    const today = s.now().slice(0, 10);
    const p = { me, limit, today };
    const count = (sql: string) => s.db.prepare(sql).pluck().get(p) as number;
    const rows = (sql: string) => s.db.prepare(sql).all(p) as Row[];

    const backTotal = count(INBOX_SQL.sentBackTotal);
    const reviewer = may(actor, 'translations.review');
    const reviewTotal = reviewer ? count(INBOX_SQL.toReviewTotal) : 0;
    const overdue = count(INBOX_SQL.overdue);
    const inbox: Inbox = {
      profileId: me, today, count: reviewTotal + backTotal + overdue,
      assigned: { items: rows(INBOX_SQL.assigned).map((r) => caseOf(r, today)), total: count(INBOX_SQL.assignedTotal) },
      changesRequested: { items: rows(INBOX_SQL.sentBack).map((r) => translationOf(s, r, true)), total: backTotal },
      // Only a reviewer reviews.
      toReview: { items: reviewer ? rows(INBOX_SQL.toReview).map((r) => translationOf(s, r, false)) : [], total: reviewTotal },
      due: { items: rows(INBOX_SQL.due).map((r) => caseOf(r, today)), total: count(INBOX_SQL.dueTotal) },
    };
    return inbox;
  },
});
