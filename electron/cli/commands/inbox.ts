import type { Command } from 'commander';
import { int } from '../input';
import { action, type Session } from '../session';
import { out, plural, table, truncate, when } from '../output';
import { whoFn } from './common';

export function registerInbox(program: Command): void {
  program.command('inbox')
    .summary('my work: cases assigned to me, translations sent back to me, revisions waiting for my review, what is due')
    .description('what waits on the acting profile: translations a reviewer sent back with changes requested, revisions in review it may review (reviewers; never its own work), and its open cases, by urgency and by due date (overdue flagged)')
    .option('--limit <n>', 'at most this many per section', int(1), 50)
    .action(action(async (s: Session, o: { limit: number }) => {
      const inbox = await s.invoke('inbox.mine', { as: await s.as(), limit: Math.min(o.limit, 200) });
      if (s.json) { s.emit(inbox, () => undefined); return; }
      const who = await whoFn(s);
      const more = (shown: number, total: number) => (total > shown ? `  (${total - shown} more: use --limit)` : '');
      out(`Inbox: ${plural(inbox.count, 'item')} waiting on you (${inbox.today})`);

      out('');
      out(`Sent back to you with changes requested: ${inbox.changesRequested.total}${more(inbox.changesRequested.items.length, inbox.changesRequested.total)}`);
      if (inbox.changesRequested.items.length) {
        table(['SENT BACK', 'BY', 'STATEMENT', 'LANG', 'REV', 'REQUEST', 'TITLE'], inbox.changesRequested.items.map((t) => [
          when(t.at), who(t.by), t.statementId, `${t.sourceLang ?? '?'}→${t.targetLang}`, t.number, truncate(t.comment ?? '', 40), truncate(t.statementTitle, 50),
        ]));
      }

      out('');
      out(`Waiting for your review: ${inbox.toReview.total}${more(inbox.toReview.items.length, inbox.toReview.total)}`);
      if (inbox.toReview.items.length) {
        table(['SUBMITTED', 'TRANSLATOR', 'STATEMENT', 'LANG', 'REV', 'TITLE'], inbox.toReview.items.map((t) => [
          when(t.at), who(t.by), t.statementId, `${t.sourceLang ?? '?'}→${t.targetLang}`, t.number, truncate(t.statementTitle, 60),
        ]));
      }

      out('');
      out(`Due: ${inbox.due.total}${more(inbox.due.items.length, inbox.due.total)}`);
      if (inbox.due.items.length) {
        table(['DUE', 'OVERDUE', 'CASE', 'PRIORITY', 'TITLE'], inbox.due.items.map((c) => [
          c.dueDate, c.overdue ? 'OVERDUE' : '', c.caseId, c.priority, truncate(c.title, 60),
        ]));
      }

      out('');
      out(`Cases assigned to you: ${inbox.assigned.total}${more(inbox.assigned.items.length, inbox.assigned.total)}`);
      if (inbox.assigned.items.length) {
        table(['CASE', 'STATUS', 'PRIORITY', 'DUE', 'TITLE'], inbox.assigned.items.map((c) => [
          c.caseId, c.status, c.priority, c.dueDate ?? '', truncate(c.title, 60),
        ]));
      }
    }));
}
