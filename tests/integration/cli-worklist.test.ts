// The command line reaches what the app does with timelines, notes, relations and the inbox
// (issue 14, "Timeline and notes parity", "Inbox"): each command runs for real as a child process.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index';
import { cf as run, cfJson, tempDir } from './cliRunner';

async function setUp() {
  const desk = path.join(tempDir(), 'desk');
  const core = createCore({ dataDir: desk });
  const admin = await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin', 'analyst', 'case_manager'] });
  const ana = await core.invoke('profiles.create', { as: admin.id, name: 'Ana Analyst', initials: 'AA', roles: ['analyst'] });
  const rami = await core.invoke('profiles.create', { as: admin.id, name: 'Rami Reviewer', initials: 'RR', roles: ['reviewer'] });
  const kase = await core.invoke('cases.create', { as: admin.id, title: 'Nujaba', assignees: [ana.id], dueDate: '2001-02-03' });
  const first = await core.invoke('statements.create', { as: ana.id, originalText: 'البيان الأول.', language: 'ar', summary: 'First statement' });
  const second = await core.invoke('statements.create', { as: ana.id, originalText: 'البيان الثاني.', language: 'ar', summary: 'Second statement' });
  let v = await core.invoke('translations.start', { as: ana.id, statementId: first.id, targetLang: 'en' });
  v = await core.invoke('translations.edit', { as: ana.id, id: v.translation.id, rev: v.translation.rev, segments: [{ id: 's1', target: 'The first statement.' }] });
  v = await core.invoke('translations.submit', { as: ana.id, id: v.translation.id, rev: v.translation.rev });
  core.close();
  const cf = (args: string[], as = 'AA') => run(['--data', desk, '--as', as, ...args]);
  const json = <T = Record<string, unknown>>(args: string[], as = 'AA') => cfJson<T>(['--data', desk, '--as', as, ...args]);
  return { cf, json, kase, first, second, translation: v.translation, ana, rami };
}

describe('casefile inbox', () => {
  it('shows the reviewer what waits for review and the translator what came back, as text and JSON', async () => {
    const { cf, json, first, kase } = await setUp();
    const rami = await cf(['inbox'], 'RR');
    expect(rami.code, rami.stderr).toBe(0);
    expect(rami.stdout).toMatch(/^Inbox: 1 item waiting on you/);
    expect(rami.stdout).toContain('Waiting for your review: 1');
    expect(rami.stdout).toContain(first.id);
    expect(rami.stdout).toContain('First statement');

    await cf(['translation', 'request-changes', first.id, '--comment', 'Check the name.'], 'RR');
    const ana = await json<{ count: number; changesRequested: { items: { statementId: string; comment: string }[] }; due: { items: { caseId: string; overdue: boolean }[] } }>(['inbox']);
    expect(ana.changesRequested.items).toEqual([expect.objectContaining({ statementId: first.id, comment: 'Check the name.' })]);
    expect(ana.due.items).toEqual([expect.objectContaining({ caseId: kase.id, overdue: true })]);
    expect(ana.count).toBe(2);
    const text = (await cf(['inbox'])).stdout;
    expect(text).toContain('Sent back to you with changes requested: 1');
    expect(text).toContain('Check the name.');
    expect(text).toMatch(/2001-02-03\s+OVERDUE/);
  });
});

describe('casefile event', () => {
  it('adds, lists, shows, edits (a stale --rev is a conflict) and trashes timeline events', async () => {
    const { cf, json, kase } = await setUp();
    const e = await json<{ id: string; rev: number }>(['event', 'add', '--case', kase.id, '--at', '2023-10-30', '--title', 'Strike on Jurf al-Sakhar']);
    const listed = await json<{ id: string; title: string }[]>(['event', 'list', '--case', kase.id]);
    expect(listed.map((x) => x.title)).toEqual(['Strike on Jurf al-Sakhar']);

    const edited = await json<{ rev: number; title: string; occurredAt: string; description: string }>(['event', 'edit', e.id, '--title', 'Strike near Jurf al-Sakhar', '--at', '2023-10-31', '--description', 'Reported by two outlets']);
    expect(edited).toMatchObject({ rev: 2, title: 'Strike near Jurf al-Sakhar', occurredAt: '2023-10-31', description: 'Reported by two outlets' });

    const stale = await cf(['event', 'edit', e.id, '--rev', '1', '--title', 'Lost edit']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^casefile: conflict: This event was changed by someone else/);
    expect((await cf(['event', 'show', e.id])).stdout).toMatch(/Title:\s+Strike near Jurf al-Sakhar/);

    const audit = await json<{ action: string }[]>(['audit', 'list', '--record', e.id]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['event.create', 'event.update']));

    expect((await cf(['event', 'edit', e.id])).code).toBe(2); // nothing to change: a usage error
    expect((await cf(['event', 'trash', e.id])).code).toBe(0);
    expect(await json<unknown[]>(['event', 'list', '--case', kase.id])).toEqual([]);
    expect((await json<{ id: string }[]>(['event', 'list', '--case', kase.id, '--trashed'])).map((x) => x.id)).toEqual([e.id]);
    expect((await cf(['trash', 'restore', `event:${e.id}`])).code).toBe(0);
  });
});

describe('casefile note, actor and statement relations', () => {
  it('edits, pins and unpins notes; unlinks actors; relates, lists and unrelates statements', async () => {
    const { cf, json, first, second, translation } = await setUp();
    const n = await json<{ id: string }>(['note', 'add', '--to', `statement:${first.id}`, '--body', 'Draft note']);
    const older = await json<{ id: string }>(['note', 'add', '--to', `statement:${first.id}`, '--body', 'Another']);
    expect(await json<{ body: string; rev: number }>(['note', 'edit', n.id, '--body', 'Checked against the video'])).toMatchObject({ body: 'Checked against the video', rev: 2 });
    expect((await cf(['note', 'edit', n.id, '--rev', '1', '--body', 'stale'])).stderr).toMatch(/^casefile: conflict:/);
    expect((await json<{ pinned: boolean }>(['note', 'pin', older.id])).pinned).toBe(true);
    expect((await json<{ id: string }[]>(['note', 'list', '--to', `statement:${first.id}`])).map((x) => x.id)).toEqual([older.id, n.id]);
    expect((await json<{ pinned: boolean }>(['note', 'unpin', older.id])).pinned).toBe(false);

    // A note on a translation, as translation:ID.
    const onTr = await json<{ targetType: string }>(['note', 'add', '--to', `translation:${translation.id}`, '--body', 'Keep the hashtag']);
    expect(onTr.targetType).toBe('translation');
    expect((await cf(['note', 'list', '--to', `translation:${translation.id}`])).stdout).toContain('Keep the hashtag');

    const kaabi = await json<{ id: string }>(['actor', 'add', '--kind', 'person', '--name', 'Akram al-Kaabi']);
    const nujaba = await json<{ id: string }>(['actor', 'add', '--kind', 'organization', '--name', 'Harakat al-Nujaba']);
    const rel = await json<{ id: string }>(['actor', 'link', '--from', kaabi.id, '--relation', 'leader_of', '--to', nujaba.id]);
    expect((await cf(['actor', 'show', kaabi.id])).stdout).toContain(`[relation ${rel.id}]`);
    expect((await cf(['actor', 'unlink', rel.id])).code).toBe(0);
    expect(JSON.parse((await cf(['call', 'actors.relations', '--input', JSON.stringify({ actorId: kaabi.id })])).stdout)).toEqual({ ok: true, value: [] });
    expect((await cf(['actor', 'unlink', rel.id])).stderr).toMatch(/^casefile: not_found:/);

    expect((await cf(['statement', 'related', first.id])).stdout).toBe('No related statements.\n');
    expect((await cf(['statement', 'relate', first.id, '--to', second.id])).code).toBe(0);
    expect((await json<{ id: string }[]>(['statement', 'related', second.id])).map((x) => x.id)).toEqual([first.id]);
    expect((await cf(['statement', 'related', first.id])).stdout).toContain('Second statement');
    expect((await cf(['statement', 'unrelate', first.id, '--from', second.id])).code).toBe(0);
    expect(await json<unknown[]>(['statement', 'related', first.id])).toEqual([]);
  });
});
