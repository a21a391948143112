import { describe, expect, it } from 'vitest';
import { makeDesk, tableCounts, useCleanup } from './helpers';

useCleanup();

// The sample case is the product's first impression: a transcription of the published
// JTTM report of November 1, 2023 (../shared/samples/jttm-2023-11-01-al-nujaba.txt).
describe('sample.load', () => {
  it('loads one case with 2 actors, 3 statements, 4 sources and a note, and check passes', async () => {
    const d = await makeDesk();
    const { caseId } = await d.core.invoke('sample.load', { as: d.analyst.id });

    const cases = await d.core.invoke('cases.list', { as: d.analyst.id });
    expect(cases.items.map((c) => c.id)).toEqual([caseId]);
    expect(cases.items[0]).toMatchObject({ status: 'active', marking: 'public', createdBy: d.analyst.id });
    expect(cases.items[0]?.title).toMatch(/Al-Nujaba/);

    const actors = (await d.core.invoke('actors.list', { as: d.analyst.id })).items;
    expect(actors).toHaveLength(2);
    const kaabi = actors.find((a) => a.name === 'Akram Al-Kaabi');
    expect(kaabi).toMatchObject({ kind: 'person', nameOriginal: 'أكرم الكعبي' });
    const org = actors.find((a) => a.kind === 'organization');
    expect(org?.name).toMatch(/Nujaba/);
    expect(await d.core.invoke('actors.relations', { as: d.analyst.id, actorId: kaabi!.id })).toEqual([
      expect.objectContaining({ fromActorId: kaabi!.id, relation: 'leader_of', toActorId: org!.id }),
    ]);
    // Found by an alias in Arabic script.
    expect((await d.core.invoke('actors.list', { as: d.analyst.id, text: 'الكعبي' })).items.map((a) => a.id)).toEqual([kaabi!.id]);

    const statements = (await d.core.invoke('statements.list', { as: d.analyst.id, caseId, sort: 'saidAt', dir: 'asc' })).items;
    expect(statements.map((s) => s.saidAt)).toEqual(['2023-10-23', '2023-10-30', '2023-11-01']);
    const nov1 = statements[2]!;
    expect(nov1).toMatchObject({ speakerId: kaabi!.id, onBehalfOfId: org!.id, platform: 'X' });
    expect(nov1.scriptureRefs.map((r) => ({ book: r.book, chapter: r.chapter, verse: r.verse }))).toEqual([{ book: 'quran', chapter: 8, verse: 17 }]);
    expect((await d.core.invoke('statements.related', { as: d.analyst.id, statementId: nov1.id })).map((s) => s.saidAt).sort()).toEqual(['2023-10-23', '2023-10-30']);

    const sources = (await d.core.invoke('sources.list', { as: d.analyst.id, caseId })).items;
    expect(sources).toHaveLength(4);
    expect((await d.core.invoke('citations.list', { as: d.analyst.id, citingType: 'statement', citingId: nov1.id })).map((c) => c.position)).toEqual([0, 1]);

    const notes = await d.core.invoke('notes.list', { as: d.analyst.id, targetType: 'case', targetId: caseId });
    expect(notes).toHaveLength(1);
    expect(notes[0]?.pinned).toBe(true);

    const report = await d.core.check();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('extracts the hashtag #Al-Aqsa_Flood whole', async () => {
    const d = await makeDesk();
    const { caseId } = await d.core.invoke('sample.load', { as: d.analyst.id });
    const nov1 = (await d.core.invoke('statements.list', { as: d.analyst.id, caseId })).items.find((s) => s.saidAt === '2023-11-01');
    expect(nov1?.hashtags).toEqual(['Al-Aqsa_Flood']);
  });

  it('loading it twice does not duplicate anything', async () => {
    const d = await makeDesk();
    const first = await d.core.invoke('sample.load', { as: d.analyst.id });
    const counts = tableCounts(d.core.db);
    const second = await d.core.invoke('sample.load', { as: d.reviewer.id });
    expect(second).toEqual(first);
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect((await d.core.check()).ok).toBe(true);
  });

  it('after its case was trashed, loading again points at the trash instead of duplicating', async () => {
    const d = await makeDesk();
    const { caseId } = await d.core.invoke('sample.load', { as: d.analyst.id });
    const kase = await d.core.invoke('cases.get', { as: d.analyst.id, id: caseId });
    await d.core.invoke('cases.trash', { as: d.admin.id, id: caseId, rev: kase.rev });
    const counts = tableCounts(d.core.db);
    await expect(d.core.invoke('sample.load', { as: d.analyst.id })).rejects.toThrow(/in the trash/);
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('all of it is audited, and by the profile that loaded it', async () => {
    const d = await makeDesk();
    await d.core.invoke('sample.load', { as: d.reviewer.id });
    const actors = d.core.db.prepare("SELECT DISTINCT actor_id FROM audit_log WHERE action NOT LIKE 'profile.%'").pluck().all();
    expect(actors).toEqual([d.reviewer.id]);
    expect((await d.core.invoke('audit.verify', { as: d.admin.id })).ok).toBe(true);
  });
});
