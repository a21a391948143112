// The Core's one table of role rules, seen from both sides: what `profiles.permissions` tells
// the UI, and what the Core actually lets each profile do. They must agree for every permission.
import { describe, expect, it } from 'vitest';
import type { Permission, Profile, Role } from '../../shared/domain';
import { Permission as PermissionEnum } from '../../shared/domain';
import { CoreError } from '../../electron/core/errors';
import { makeDesk, newActor, newCase, newSource, newStatement, useCleanup, type Desk } from './helpers';

useCleanup();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Records made by the admin (analyst, case manager and admin) for the probes to act on. What a
 * probe trashes is its own record, so one set serves every probe of a profile.
 */
async function fixtures(d: Desk) {
  const kase = await newCase(d);
  const kase2 = await newCase(d, { title: 'To trash' });
  const statement = await newStatement(d);
  const other = await newStatement(d, { originalText: 'نص آخر' });
  const source = await newSource(d);
  const source2 = await newSource(d, { title: 'To trash' });
  const actor = await newActor(d);
  const actor2 = await newActor(d, { name: 'Second Actor' });
  const att = await d.core.invoke('attachments.add', { as: d.admin.id, ownerType: 'source', ownerId: source.id, fileName: 'a.png', data: PNG });
  const tr = await d.core.invoke('translations.start', { as: d.admin.id, statementId: statement.id, targetLang: 'en' });
  const old = await newCase(d, { title: 'Old' });
  const trashed = await d.core.invoke('cases.trash', { as: d.admin.id, id: old.id, rev: old.rev });
  const restricted = await newStatement(d, { originalText: 'نص مقيد', marking: 'restricted' });
  const report = await d.core.invoke('reports.create', { as: d.admin.id, headline: 'To publish', body: `Published[@${source.id}].` });
  const secret = await newSource(d, { title: 'Restricted', marking: 'restricted' });
  const marked = await d.core.invoke('reports.create', { as: d.admin.id, headline: 'Public', marking: 'public', body: `Cites[@${secret.id}].` });
  return { kase, kase2, statement, other, source, source2, actor, actor2, att, tr, trashed, restricted, report, marked };
}
type F = Awaited<ReturnType<typeof fixtures>>;

/** One write per permission that needs exactly that permission. */
const PROBES = {
  'cases.create': (d, as) => d.core.invoke('cases.create', { as, title: 'New' }),
  'cases.edit': (d, as, f) => d.core.invoke('cases.update', { as, id: f.kase.id, rev: f.kase.rev, summary: 'Edited' }),
  'cases.organize': (d, as, f) => d.core.invoke('cases.update', { as, id: f.kase.id, rev: f.kase.rev, priority: 'urgent' }),
  'cases.file': (d, as, f) => d.core.invoke('cases.addItem', { as, caseId: f.kase.id, itemType: 'source', itemId: f.source.id }),
  'cases.trash': (d, as, f) => d.core.invoke('cases.trash', { as, id: f.kase2.id, rev: f.kase2.rev }),
  'actors.create': (d, as) => d.core.invoke('actors.create', { as, kind: 'person', name: 'New' }),
  'actors.edit': (d, as, f) => d.core.invoke('actors.update', { as, id: f.actor.id, rev: f.actor.rev, description: 'x' }),
  'actors.relate': (d, as, f) => d.core.invoke('actors.link', { as, fromActorId: f.actor.id, relation: 'member_of', toActorId: f.actor2.id }),
  'actors.trash': (d, as, f) => d.core.invoke('actors.trash', { as, id: f.actor2.id, rev: f.actor2.rev }),
  'statements.create': (d, as) => d.core.invoke('statements.create', { as, originalText: 'نص' }),
  'statements.edit': (d, as, f) => d.core.invoke('statements.update', { as, id: f.statement.id, rev: f.statement.rev, summary: 'x' }),
  'statements.relate': (d, as, f) => d.core.invoke('statements.relate', { as, statementId: f.statement.id, relatedId: f.other.id }),
  'statements.trash': (d, as, f) => d.core.invoke('statements.trash', { as, id: f.other.id, rev: f.other.rev }),
  'sources.create': (d, as) => d.core.invoke('sources.create', { as, kind: 'video', title: 'New' }),
  'sources.edit': (d, as, f) => d.core.invoke('sources.update', { as, id: f.source.id, rev: f.source.rev, notes: 'x' }),
  'sources.trash': (d, as, f) => d.core.invoke('sources.trash', { as, id: f.source2.id, rev: f.source2.rev }),
  'markings.lower': (d, as, f) => d.core.invoke('statements.update', { as, id: f.restricted.id, rev: f.restricted.rev, marking: 'public' }),
  'sources.cite': (d, as, f) => d.core.invoke('citations.add', { as, citingType: 'statement', citingId: f.statement.id, sourceId: f.source.id }),
  'attachments.add': (d, as, f) => d.core.invoke('attachments.add', { as, ownerType: 'source', ownerId: f.source.id, fileName: 'b.png', data: PNG }),
  'attachments.trash': (d, as, f) => d.core.invoke('attachments.trash', { as, id: f.att.id, rev: f.att.rev }),
  'notes.write': (d, as, f) => d.core.invoke('notes.create', { as, targetType: 'statement', targetId: f.statement.id, body: 'A note' }),
  'events.write': (d, as, f) => d.core.invoke('events.create', { as, caseId: f.kase.id, occurredAt: '2023-11-01', title: 'Strike' }),
  'reports.write': (d, as) => d.core.invoke('reports.create', { as, headline: 'Report' }),
  // The probe profile did not write these reports (the admin did), so four eyes and authorship stay out of it.
  'reports.publish': (d, as, f) => d.core.invoke('reports.publish', { as, id: f.report.id, rev: f.report.rev }),
  'reports.overrideMarking': (d, as, f) => d.core.invoke('reports.export', { as, id: f.marked.id, format: 'md', allowMarking: true }),
  'translations.translate': (d, as, f) => d.core.invoke('translations.edit', { as, id: f.tr.translation.id, rev: f.tr.translation.rev, segments: [{ id: f.tr.latest.segments[0]!.id, target: 'Text' }] }),
  'translations.review': (d, as, f) => d.core.invoke('translations.approve', { as, id: f.tr.translation.id, rev: f.tr.translation.rev }),
  'translations.comment': (d, as, f) => d.core.invoke('translations.comment', { as, revisionId: f.tr.latest.id, body: 'Why?' }),
  'translations.publish': (d, as, f) => d.core.invoke('translations.publish', { as, id: f.tr.translation.id, rev: f.tr.translation.rev }),
  'profiles.manage': (d, as) => d.core.invoke('profiles.create', { as, name: 'Someone', initials: 'SO', roles: ['analyst'] }),
  'trash.purge': (d, as, f) => d.core.invoke('trash.purge', { as, recordType: 'case', id: f.trashed.id, rev: f.trashed.rev }),
  'desk.reindex': (d, as) => d.core.invoke('desk.reindex', { as }),
  // No such conflict: a profile allowed is told so (not_found); one not allowed is refused first.
  'cases.exchange': (d, as) => d.core.invoke('exchange.resolve', { as, id: '00000000-0000-7000-8000-000000000000', resolution: 'mine', rev: 1 }),
  // Each probe adds a term of its own (a second one with the same spelling would be a conflict).
  'glossary.edit': (d, as) => d.core.invoke('glossary.create', { as, sourceLang: 'ar', targetLang: 'en', term: `مقاومة ${as}`, renderings: ['resistance'] }),
} satisfies Record<Permission, (d: Desk, as: string, f: F) => Promise<unknown>>;

async function outcome(p: Promise<unknown>): Promise<{ forbidden: boolean; message: string | null }> {
  try {
    await p;
    return { forbidden: false, message: null };
  } catch (err) {
    if (!(err instanceof CoreError)) throw err;
    return { forbidden: err.body.code === 'forbidden', message: err.body.message };
  }
}

const PEOPLE: [string, Role[]][] = [
  ['analyst', ['analyst']], ['reviewer', ['reviewer']], ['case manager', ['case_manager']], ['admin', ['admin']],
  ['analyst and reviewer', ['analyst', 'reviewer']],
];

describe('permissions', () => {
  it('has a probe for every permission (the list above is checked against the contract enum)', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...PermissionEnum.options].sort());
  });

  for (const [who, roles] of PEOPLE) {
    it(`tells ${who} exactly what the Core lets them do, with the Core's own words for each refusal`, async () => {
      const d = await makeDesk();
      const me: Profile = await d.core.invoke('profiles.create', { as: d.admin.id, name: `Test ${who}`, initials: 'TP', roles });
      const told = await d.core.invoke('profiles.permissions', { as: me.id });
      expect(told.profileId).toBe(me.id);
      const f = await fixtures(d);
      for (const [permission, probe] of Object.entries(PROBES) as [Permission, (typeof PROBES)[Permission]][]) {
        const got = await outcome((probe as (d: Desk, as: string, f: F) => Promise<unknown>)(d, me.id, f));
        const answer = told.actions[permission];
        expect({ permission, refused: got.forbidden }).toEqual({ permission, refused: !answer.allowed });
        if (answer.allowed) expect(answer.reason).toBeNull();
        else expect(answer.reason, permission).toMatch(/^Only a profile with the .+ role may .+\.$/);
      }
    });
  }

  it("a reviewer is told the statement-editing refusal in the words the Core refuses with", async () => {
    const d = await makeDesk();
    const st = await newStatement(d);
    const told = await d.core.invoke('profiles.permissions', { as: d.reviewer.id });
    const refusal = await outcome(d.core.invoke('statements.update', { as: d.reviewer.id, id: st.id, rev: st.rev, summary: 'x' }));
    expect(told.actions['statements.edit']).toEqual({ allowed: false, reason: refusal.message });
    expect(refusal.message).toBe('Only a profile with the analyst role may edit statements.');
    expect(told.actions['notes.write']).toEqual({ allowed: true, reason: null });
    expect(told.actions['translations.review']).toEqual({ allowed: true, reason: null });
  });

  it('answers only for an active profile named by as', async () => {
    const d = await makeDesk();
    await expect(d.core.invoke('profiles.permissions', {} as never)).rejects.toMatchObject({ body: { code: 'invalid_input', field: 'as' } });
  });
});
