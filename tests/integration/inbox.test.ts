// The inbox (issue 14, "my work"): what waits on the acting profile, from the same rules the
// workflow enforces (four eyes, reviewers only), bounded, and cheap at a large desk.
import { describe, expect, it } from 'vitest';
import { INBOX_SQL } from '../../electron/core/services/inbox';
import { makeDesk, newCase, newStatement, refused, useCleanup, type Desk } from './helpers';

useCleanup();

async function translated(d: Desk, translatorId: string, text = 'بسم الله. هل انتهى؟') {
  const st = await newStatement(d, { originalText: text });
  let v = await d.core.invoke('translations.start', { as: translatorId, statementId: st.id, targetLang: 'en' });
  v = await d.core.invoke('translations.edit', {
    as: translatorId, id: v.translation.id, rev: v.translation.rev,
    segments: v.latest.segments.map((s) => ({ id: s.id, target: `EN ${s.id}` })),
  });
  return { st, view: v };
}

async function submitted(d: Desk, translatorId: string, text?: string) {
  const { st, view } = await translated(d, translatorId, text);
  const v = await d.core.invoke('translations.submit', { as: translatorId, id: view.translation.id, rev: view.translation.rev });
  return { st, view: v };
}

describe('inbox.mine', () => {
  it('shows a reviewer what waits for review, never their own work, and the translator what came back', async () => {
    const d = await makeDesk();
    // A second reviewer who also translates: their own submission is not theirs to review.
    const both = await d.core.invoke('profiles.create', { as: d.admin.id, name: 'Bo Both', initials: 'BB', roles: ['analyst', 'reviewer'] });
    const a = await submitted(d, d.analyst.id, 'البيان الأول.');
    const b = await submitted(d, both.id, 'البيان الثاني.');

    const rami = await d.core.invoke('inbox.mine', { as: d.reviewer.id });
    expect(rami.toReview.total).toBe(2);
    expect(rami.toReview.items.map((i) => i.statementId)).toEqual([a.st.id, b.st.id]); // oldest submission first
    expect(rami.toReview.items[0]).toMatchObject({ translationId: a.view.translation.id, rev: a.view.translation.rev, state: 'in_review', by: d.analyst.id, targetLang: 'en' });
    expect(rami.count).toBe(2);

    const bo = await d.core.invoke('inbox.mine', { as: both.id });
    expect(bo.toReview.items.map((i) => i.statementId)).toEqual([a.st.id]);

    // An analyst is no reviewer: nothing to review, however much waits.
    const ana = await d.core.invoke('inbox.mine', { as: d.analyst.id });
    expect(ana.toReview).toEqual({ items: [], total: 0 });
    expect(ana.count).toBe(0);

    // Rami sends Ana's back: it leaves every review list and lands in Ana's inbox with the request.
    await d.core.invoke('translations.requestChanges', { as: d.reviewer.id, id: a.view.translation.id, rev: rami.toReview.items[0]!.rev, comment: 'Check the name.' });
    const after = await d.core.invoke('inbox.mine', { as: d.reviewer.id });
    expect(after.toReview.items.map((i) => i.statementId)).toEqual([b.st.id]);
    const back = await d.core.invoke('inbox.mine', { as: d.analyst.id });
    expect(back.changesRequested.total).toBe(1);
    expect(back.changesRequested.items[0]).toMatchObject({ statementId: a.st.id, state: 'changes_requested', by: d.reviewer.id, comment: 'Check the name.' });
    expect(back.count).toBe(1);
    // Not in the reviewer's "came back" list, nor in Bo's.
    expect((await d.core.invoke('inbox.mine', { as: both.id })).changesRequested.total).toBe(0);

    // Ana reworks it: the new draft supersedes the sent-back revision, which leaves her inbox.
    const t = back.changesRequested.items[0]!;
    await d.core.invoke('translations.edit', { as: d.analyst.id, id: t.translationId, rev: t.rev, segments: [{ id: 's1', target: 'Fixed' }] });
    expect((await d.core.invoke('inbox.mine', { as: d.analyst.id })).changesRequested.total).toBe(0);

    // Approved work waits on nobody.
    await d.core.invoke('translations.approve', { as: d.reviewer.id, id: b.view.translation.id, rev: b.view.translation.rev });
    expect((await d.core.invoke('inbox.mine', { as: d.reviewer.id })).toReview.total).toBe(0);
  });

  it('leaves out translations of statements in the trash', async () => {
    const d = await makeDesk();
    const a = await submitted(d, d.analyst.id);
    expect((await d.core.invoke('inbox.mine', { as: d.reviewer.id })).toReview.total).toBe(1);
    const st = await d.core.invoke('statements.get', { as: d.analyst.id, id: a.st.id });
    await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: st.rev });
    expect((await d.core.invoke('inbox.mine', { as: d.reviewer.id })).toReview.total).toBe(0);
  });

  it('lists my open cases, most urgent first, and what is due soonest first with overdue flagged', async () => {
    const d = await makeDesk();
    const me = d.analyst.id;
    const late = await newCase(d, { title: 'Late', assignees: [me], dueDate: '2000-01-01', priority: 'low' });
    const soon = await newCase(d, { title: 'Soon', assignees: [me, d.reviewer.id], dueDate: '2999-01-01', priority: 'urgent' });
    const undated = await newCase(d, { title: 'Undated', assignees: [me], priority: 'high' });
    await newCase(d, { title: 'Not mine', assignees: [d.reviewer.id], dueDate: '2000-01-01' });
    await newCase(d, { title: 'Closed', assignees: [me], dueDate: '2000-01-01', status: 'closed' });
    const trashed = await newCase(d, { title: 'Trashed', assignees: [me], dueDate: '2000-01-01' });
    await d.core.invoke('cases.trash', { as: d.admin.id, id: trashed.id, rev: trashed.rev });

    const inbox = await d.core.invoke('inbox.mine', { as: me });
    expect(inbox.assigned.items.map((c) => c.title)).toEqual(['Soon', 'Undated', 'Late']);
    expect(inbox.assigned.total).toBe(3);
    expect(inbox.due.items.map((c) => [c.caseId, c.overdue])).toEqual([[late.id, true], [soon.id, false]]);
    expect(inbox.due.total).toBe(2);
    expect(inbox.count).toBe(1); // the overdue case
    expect(inbox.assigned.items.find((c) => c.caseId === undated.id)).toMatchObject({ dueDate: null, overdue: false });

    // Unassigning takes a case out at once.
    await d.core.invoke('cases.update', { as: d.admin.id, id: late.id, rev: late.rev, assignees: [] });
    const after = await d.core.invoke('inbox.mine', { as: me });
    expect(after.due.items.map((c) => c.caseId)).toEqual([soon.id]);
    expect(after.count).toBe(0);
  });

  it('bounds every section by limit and still counts them all', async () => {
    const d = await makeDesk();
    // Words, not digits: a number missing from the translation would stop the submission at QA.
    for (const n of ['الأول', 'الثاني', 'الثالث', 'الرابع']) await submitted(d, d.analyst.id, `البيان ${n}.`);
    const inbox = await d.core.invoke('inbox.mine', { as: d.reviewer.id, limit: 3 });
    expect(inbox.toReview.items).toHaveLength(3);
    expect(inbox.toReview.total).toBe(4);
    await refused(d.core.invoke('inbox.mine', { as: d.reviewer.id, limit: 1000 }), 'invalid_input');
  });

  it('answers from indexes: the translation sections start from the revisions in that state, never a scan', async () => {
    const d = await makeDesk();
    const plan = (sql: string) => (d.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ me: d.reviewer.id, today: '2026-01-01', limit: 50 }) as { detail: string }[])
      .map((r) => r.detail).join('\n');
    for (const key of ['sentBackTotal', 'sentBack', 'toReviewTotal', 'toReview'] as const) {
      const p = plan(INBOX_SQL[key]);
      expect(p, key).toMatch(/SEARCH r USING (COVERING )?INDEX translation_revisions_queue \(state=\?/);
      expect(p, key).not.toMatch(/SCAN (r|t|st|n)\b/);
    }
  });
});
