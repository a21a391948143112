import { describe, expect, it } from 'vitest';
import type { Method } from '../../shared/ipc/contract';
import {
  auditRows, makeDesk, newActor, newCase, newSource, newStatement, refused, tableCounts, useCleanup, type Desk,
} from './helpers';

useCleanup();

type Listed = { id: string; rev: number };
interface Kind {
  recordType: 'case' | 'actor' | 'statement' | 'source' | 'note' | 'event' | 'report';
  plural: string;
  make: (d: Desk) => Promise<Listed>;
  /** The ids a user sees in the usual list, or in the list of trashed ones. */
  list: (d: Desk, made: Listed, trashed: boolean) => Promise<string[]>;
}

const paged = (method: Method) => async (d: Desk, _m: Listed, trashed: boolean) =>
  ((await d.core.invoke(method, { as: d.admin.id, trashed })) as { items: Listed[] }).items.map((x) => x.id);

const KINDS: Kind[] = [
  { recordType: 'case', plural: 'cases', make: (d) => newCase(d), list: paged('cases.list') },
  { recordType: 'actor', plural: 'actors', make: (d) => newActor(d), list: paged('actors.list') },
  { recordType: 'statement', plural: 'statements', make: (d) => newStatement(d), list: paged('statements.list') },
  { recordType: 'source', plural: 'sources', make: (d) => newSource(d), list: paged('sources.list') },
  { recordType: 'report', plural: 'reports', make: (d) => d.core.invoke('reports.create', { as: d.admin.id, headline: 'Draft' }), list: paged('reports.list') },
  {
    recordType: 'note', plural: 'notes',
    make: async (d) => d.core.invoke('notes.create', { as: d.admin.id, targetType: 'actor', targetId: (await newActor(d)).id, body: 'A note' }),
    list: async (d, made, trashed) => {
      const targetId = d.core.db.prepare('SELECT target_id FROM notes WHERE id = ?').pluck().get(made.id) as string;
      return (await d.core.invoke('notes.list', { as: d.admin.id, targetType: 'actor', targetId, trashed })).map((x) => x.id);
    },
  },
  {
    recordType: 'event', plural: 'events',
    make: async (d) => d.core.invoke('events.create', { as: d.admin.id, caseId: (await newCase(d)).id, occurredAt: '2023-10-07', title: 'An event' }),
    list: async (d, made, trashed) => {
      const caseId = d.core.db.prepare('SELECT case_id FROM events WHERE id = ?').pluck().get(made.id) as string;
      return (await d.core.invoke('events.list', { as: d.admin.id, caseId, trashed })).map((x) => x.id);
    },
  },
];

describe('trash and restore', () => {
  for (const k of KINDS) {
    it(`${k.plural}: trash hides from the list, shows in trash.list, restore brings it back`, async () => {
      const d = await makeDesk();
      const made = await k.make(d);
      expect(await k.list(d, made, false)).toContain(made.id);

      const t = await d.core.invoke(`${k.plural}.trash` as Method, { as: d.admin.id, id: made.id, rev: made.rev }) as Listed & { deletedAt: string };
      expect(t.deletedAt).toBeTruthy();
      expect(t.rev).toBe(made.rev + 1);
      expect(await k.list(d, made, false)).not.toContain(made.id);
      expect(await k.list(d, made, true)).toEqual([made.id]);
      const inTrash = await d.core.invoke('trash.list', { as: d.admin.id });
      expect(inTrash).toEqual([expect.objectContaining({ recordType: k.recordType, id: made.id, rev: t.rev, deletedAt: t.deletedAt })]);
      expect(await d.core.invoke('trash.list', { as: d.admin.id, recordType: k.recordType })).toHaveLength(1);
      expect(await d.core.invoke('trash.list', { as: d.admin.id, recordType: k.recordType === 'case' ? 'actor' : 'case' })).toEqual([]);

      const r = await d.core.invoke(`${k.plural}.restore` as Method, { as: d.admin.id, id: made.id, rev: t.rev }) as Listed & { deletedAt: string | null };
      expect(r.deletedAt).toBeNull();
      expect(await k.list(d, made, false)).toContain(made.id);
      expect(await d.core.invoke('trash.list', { as: d.admin.id })).toEqual([]);
    });
  }

  it('a trashed record cannot be edited until it is restored', async () => {
    const d = await makeDesk();
    const s = await newSource(d);
    const t = await d.core.invoke('sources.trash', { as: d.analyst.id, id: s.id, rev: s.rev });
    const body = await refused(d.core.invoke('sources.update', { as: d.analyst.id, id: s.id, rev: t.rev, title: 'x' }), 'not_found');
    expect(body.message).toMatch(/trash/);
    // Nor cited, nor noted.
    const st = await newStatement(d);
    await refused(d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId: s.id, locator: '' }));
  });

  it('a trashed statement no longer shows among a case\'s statements or related statements', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const a = await newStatement(d, { caseIds: [kase.id] });
    const b = await newStatement(d, { caseIds: [kase.id] });
    await d.core.invoke('statements.relate', { as: d.analyst.id, statementId: a.id, relatedId: b.id });
    await d.core.invoke('statements.trash', { as: d.analyst.id, id: b.id, rev: b.rev });
    expect((await d.core.invoke('statements.list', { as: d.analyst.id, caseId: kase.id })).items.map((x) => x.id)).toEqual([a.id]);
    expect(await d.core.invoke('statements.related', { as: d.analyst.id, statementId: a.id })).toEqual([]);
  });
});

describe('purge', () => {
  it('needs the record to be in the trash', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const body = await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'case', id: c.id, rev: c.rev }), 'invalid_input');
    expect(body.message).toMatch(/not in the trash/);
    expect(await d.core.invoke('cases.get', { as: d.admin.id, id: c.id })).toEqual(c);
  });

  it('needs an admin', async () => {
    const d = await makeDesk();
    const s = await newSource(d);
    const t = await d.core.invoke('sources.trash', { as: d.analyst.id, id: s.id, rev: s.rev });
    expect((await refused(d.core.invoke('trash.purge', { as: d.analyst.id, recordType: 'source', id: s.id, rev: t.rev }), 'forbidden')).needsRole).toBe('admin');
    expect((await d.core.invoke('trash.list', { as: d.analyst.id })).map((x) => x.id)).toEqual([s.id]);
  });

  it('deletes for good, is audited with the record as it was, and leaves a consistent database', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const src = await newSource(d);
    const st = await newStatement(d, { caseIds: [kase.id], summary: 'to be purged' });
    const other = await newStatement(d);
    await d.core.invoke('statements.relate', { as: d.analyst.id, statementId: st.id, relatedId: other.id });
    await d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId: src.id, locator: '' });
    const t = await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: st.rev });
    const seq = d.core.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

    expect(await d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'statement', id: st.id, rev: t.rev })).toEqual({ ok: true });

    await refused(d.core.invoke('statements.get', { as: d.admin.id, id: st.id }), 'not_found');
    expect(await d.core.invoke('trash.list', { as: d.admin.id })).toEqual([]);
    // The statement's link to the case is gone; the source its citation filed in the case stays (issue 8).
    expect((await d.core.invoke('cases.items', { as: d.admin.id, caseId: kase.id })).map((i) => `${i.itemType}:${i.itemId}`)).toEqual([`source:${src.id}`]);
    expect(await d.core.invoke('statements.related', { as: d.admin.id, statementId: other.id })).toEqual([]);
    expect(await d.core.invoke('citations.list', { as: d.admin.id, sourceId: src.id })).toEqual([]);

    const entries = auditRows(d.core.db, seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'statement.purge', actor_id: d.admin.id, record_type: 'statement', record_id: st.id });
    const changes = JSON.parse(entries[0]!.changes) as Record<string, [unknown, unknown]>;
    expect(changes.summary).toEqual(['to be purged', null]);
    expect(changes.originalText).toEqual([st.originalText, null]);
    expect(d.core.db.prepare("SELECT op FROM change_log WHERE record_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(st.id)).toBe('delete');

    const report = await d.core.check();
    expect(report.problems).toEqual([]);
  });

  it('is refused while a statement names the actor as speaker, and says so', async () => {
    const d = await makeDesk();
    const actor = await newActor(d, { name: 'Akram Al-Kaabi' });
    const st = await newStatement(d, { speakerId: actor.id });
    const t = await d.core.invoke('actors.trash', { as: d.analyst.id, id: actor.id, rev: actor.rev });
    const counts = tableCounts(d.core.db);
    const body = await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'actor', id: actor.id, rev: t.rev }));
    expect(body.message).toMatch(/statements that name it as speaker/);
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(await d.core.invoke('actors.get', { as: d.admin.id, id: actor.id })).toEqual(t);

    // Even a trashed statement still points at it.
    const ts = await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: st.rev });
    await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'actor', id: actor.id, rev: t.rev }));
    // Purge the statement first, then the actor goes.
    await d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'statement', id: st.id, rev: ts.rev });
    await d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'actor', id: actor.id, rev: t.rev });
    await refused(d.core.invoke('actors.get', { as: d.admin.id, id: actor.id }), 'not_found');
    expect((await d.core.check()).problems).toEqual([]);
  });

  it('is refused while a source is cited, a case has events, or a record has notes', async () => {
    const d = await makeDesk();
    const src = await newSource(d);
    const st = await newStatement(d);
    await d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId: src.id, locator: '' });
    const ts = await d.core.invoke('sources.trash', { as: d.analyst.id, id: src.id, rev: src.rev });
    expect((await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'source', id: src.id, rev: ts.rev }))).message).toMatch(/citations/);

    const kase = await newCase(d);
    await d.core.invoke('events.create', { as: d.analyst.id, caseId: kase.id, occurredAt: '2023', title: 'e' });
    const tc = await d.core.invoke('cases.trash', { as: d.admin.id, id: kase.id, rev: kase.rev });
    expect((await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'case', id: kase.id, rev: tc.rev }))).message).toMatch(/timeline events/);

    const rep = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'h' });
    await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'report', targetId: rep.id, body: 'n' });
    const tr = await d.core.invoke('reports.trash', { as: d.analyst.id, id: rep.id, rev: rep.rev });
    expect((await refused(d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'report', id: rep.id, rev: tr.rev }))).message).toMatch(/notes/);
  });

  it('a note in the trash does not outlive the record it is about', async () => {
    const d = await makeDesk();
    const rep = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'h' });
    const n = await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'report', targetId: rep.id, body: 'n' });
    await d.core.invoke('notes.trash', { as: d.analyst.id, id: n.id, rev: n.rev });
    const tr = await d.core.invoke('reports.trash', { as: d.analyst.id, id: rep.id, rev: rep.rev });
    // Either the purge is refused because of the trashed note, or it takes the note with it:
    // what must never happen is a note (restorable from the trash) about a record that is gone.
    await d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'report', id: rep.id, rev: tr.rev }).catch(() => undefined);
    const orphans = d.core.db.prepare("SELECT count(*) FROM notes WHERE target_type = 'report' AND target_id NOT IN (SELECT id FROM reports)").pluck().get();
    expect(orphans).toBe(0);
  });
});
