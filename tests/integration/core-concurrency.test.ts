import { describe, expect, it } from 'vitest';
import type { Method } from '../../shared/ipc/contract';
import { auditCount, makeDesk, newActor, newCase, newSource, newStatement, openCore, refused, tableCounts, useCleanup, type Desk } from './helpers';

useCleanup();

type Kind = 'cases' | 'actors' | 'statements' | 'sources' | 'notes' | 'events' | 'reports';

/** For each editable kind: how to make one, and a harmless edit. */
const KINDS: Record<Kind, { make: (d: Desk) => Promise<{ id: string; rev: number }>; edit: (n: number) => Record<string, unknown> }> = {
  cases: { make: (d) => newCase(d), edit: (n) => ({ summary: `summary ${n}` }) },
  actors: { make: (d) => newActor(d), edit: (n) => ({ description: `description ${n}` }) },
  statements: { make: (d) => newStatement(d), edit: (n) => ({ summary: `summary ${n}` }) },
  sources: { make: (d) => newSource(d), edit: (n) => ({ notes: `notes ${n}` }) },
  notes: {
    make: async (d) => d.core.invoke('notes.create', { as: d.admin.id, targetType: 'case', targetId: (await newCase(d)).id, body: 'note' }),
    edit: (n) => ({ body: `body ${n}` }),
  },
  events: {
    make: async (d) => d.core.invoke('events.create', { as: d.admin.id, caseId: (await newCase(d)).id, occurredAt: '2023-11-01', title: 'event' }),
    edit: (n) => ({ title: `event ${n}` }),
  },
  reports: { make: (d) => d.core.invoke('reports.create', { as: d.admin.id, headline: 'report' }), edit: (n) => ({ body: `body ${n}` }) },
};

const m = (kind: Kind, verb: string) => `${kind}.${verb}` as Method;

/** The saved record as a user would load it (there is no events.get: events are read from their case). */
async function load(d: Desk, kind: Kind, id: string): Promise<unknown> {
  if (kind !== 'events') return d.core.invoke(m(kind, 'get'), { as: d.admin.id, id });
  const caseId = d.core.db.prepare('SELECT case_id FROM events WHERE id = ?').pluck().get(id) as string;
  const all = [
    ...await d.core.invoke('events.list', { as: d.admin.id, caseId }),
    ...await d.core.invoke('events.list', { as: d.admin.id, caseId, trashed: true }),
  ];
  return all.find((e) => e.id === id);
}

describe('optimistic concurrency', () => {
  for (const kind of Object.keys(KINDS) as Kind[]) {
    it(`${kind}: a save with a stale rev is a conflict carrying the saved record, and changes nothing`, async () => {
      const d = await makeDesk();
      const k = KINDS[kind];
      const made = await k.make(d);
      // Someone else saves first.
      const saved = await d.core.invoke(m(kind, 'update'), { as: d.admin.id, id: made.id, rev: made.rev, ...k.edit(1) }) as { rev: number };
      expect(saved.rev).toBe(made.rev + 1);
      const counts = tableCounts(d.core.db);

      const body = await refused(d.core.invoke(m(kind, 'update'), { as: d.admin.id, id: made.id, rev: made.rev, ...k.edit(2) }), 'conflict');
      expect(body.current).toEqual(saved);
      expect(body.message).toMatch(/changed by someone else/);
      expect(await load(d, kind, made.id)).toEqual(saved);
      expect(tableCounts(d.core.db)).toEqual(counts);

      // Trash and restore with a stale rev are refused the same way.
      const trashBody = await refused(d.core.invoke(m(kind, 'trash'), { as: d.admin.id, id: made.id, rev: made.rev }), 'conflict');
      expect(trashBody.current).toEqual(saved);
      expect(await load(d, kind, made.id)).toMatchObject({ deletedAt: null, rev: saved.rev });

      const trashed = await d.core.invoke(m(kind, 'trash'), { as: d.admin.id, id: made.id, rev: saved.rev }) as { rev: number; deletedAt: string };
      expect(trashed.deletedAt).toBeTruthy();
      const counts2 = tableCounts(d.core.db);
      const restoreBody = await refused(d.core.invoke(m(kind, 'restore'), { as: d.admin.id, id: made.id, rev: saved.rev }), 'conflict');
      expect(restoreBody.current).toEqual(trashed);
      expect(await load(d, kind, made.id)).toEqual(trashed);
      expect(tableCounts(d.core.db)).toEqual(counts2);
    });
  }

  it('profiles: a stale rev is a conflict too', async () => {
    const d = await makeDesk();
    const saved = await d.core.invoke('profiles.update', { as: d.admin.id, id: d.analyst.id, rev: d.analyst.rev, name: 'Ana A.' });
    const body = await refused(d.core.invoke('profiles.update', { as: d.admin.id, id: d.analyst.id, rev: d.analyst.rev, initials: 'AN' }), 'conflict');
    expect(body.current).toEqual(saved);
  });

  it('purge with a stale rev is refused and purges nothing', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const trashed = await d.core.invoke('cases.trash', { as: d.admin.id, id: c.id, rev: c.rev });
    const body = await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'case', id: c.id, rev: c.rev }), 'conflict');
    expect(body.current).toEqual(trashed);
    expect(await d.core.invoke('cases.get', { as: d.admin.id, id: c.id })).toEqual(trashed);
  });

  it('two Cores on one data folder (the app and the CLI): the second save of rev 1 loses, nothing is merged', async () => {
    const d = await makeDesk();
    const c = await newCase(d, { title: 'Shared' });
    const cli = openCore(d.dir);
    const fromApp = await d.core.invoke('cases.update', { as: d.admin.id, id: c.id, rev: 1, title: 'Edited in the app' });
    const audits = auditCount(d.core);
    const body = await refused(cli.invoke('cases.update', { as: d.analyst.id, id: c.id, rev: 1, summary: 'Edited in the CLI' }), 'conflict');
    expect(body.current).toEqual(fromApp);
    expect(await cli.invoke('cases.get', { as: d.admin.id, id: c.id })).toEqual(fromApp);
    expect(auditCount(d.core)).toBe(audits);
    expect((await d.core.invoke('audit.verify', { as: d.admin.id })).ok).toBe(true);
  });
});
