import { z } from 'zod';
import { Id, IsoDate } from './common';
import { CaseStatus, Priority } from './case';
import { TranslationState } from './translation';

/** A case in someone's inbox: assigned to them, and when it is due. */
export const InboxCase = z.object({
  caseId: Id,
  title: z.string(),
  status: CaseStatus,
  priority: Priority,
  dueDate: IsoDate.nullable(),
  /** The due date is before `today` (the case is not closed or archived). */
  overdue: z.boolean(),
});
export type InboxCase = z.infer<typeof InboxCase>;

/** A translation revision that waits on someone: to be reviewed, or to be reworked after review. */
export const InboxTranslation = z.object({
  translationId: Id,
  /** The translation's rev, for approve / requestChanges. */
  rev: z.number().int().positive(),
  statementId: Id,
  statementTitle: z.string(),
  revisionId: Id,
  number: z.number().int().positive(),
  state: TranslationState,
  sourceLang: z.string().nullable(),
  targetLang: z.string(),
  /** Submitted (to review) or sent back (changes requested). */
  at: z.string(),
  /** The translator (to review) or the reviewer who sent it back. */
  by: Id.nullable(),
  /** What the reviewer asked for (the revision's change request), for a revision sent back. */
  comment: z.string().nullable(),
});
export type InboxTranslation = z.infer<typeof InboxTranslation>;

const section = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/**
 * The acting profile's work. Each section lists at most `limit` items (its `total` counts them
 * all). `count`: what asks for action now (to review + changes requested + overdue), the
 * sidebar's number.
 */
export const Inbox = z.object({
  profileId: Id,
  /** The day (UTC) `overdue` is judged against. */
  today: IsoDate,
  count: z.number().int(),
  /** Open cases (not closed or archived) whose assignees include me, most urgent first. */
  assigned: section(InboxCase),
  /** My translations whose latest revision a reviewer sent back, oldest first. */
  changesRequested: section(InboxTranslation),
  /** Revisions in review that I may review (a reviewer who did not translate or edit them), oldest first. */
  toReview: section(InboxTranslation),
  /** My open cases with a due date, soonest first (overdue ones first of all). */
  due: section(InboxCase),
});
export type Inbox = z.infer<typeof Inbox>;
