import { describe, expect, it } from 'vitest';
import {
  auditRows, makeDesk, newActor, newCase, newSource, newStatement, NO_SUCH_ID, refused, useCleanup, type Desk,
} from './helpers';

useCleanup();

const MARKINGS = ['public', 'subscribers', 'internal', 'restricted'] as const;

// An Arabic + Latin original as an analyst pastes it: harakat, a tatweel run, a superscript
// alef, an RLO…PDF pair, a ZWJ, a decomposed alef + hamza (NFC would compose it to أ), a
// CRLF, and leading/trailing spaces. Every code unit must come back as it went in.
const ORIGINAL =
  '  بِسْمِ اللهِ الرَّحْمـــٰنِ الرَّحِيمِ \u202Eقال\u202C تعالى: ﴿وَمَا رَمَيْتَ إِذْ رَمَيْتَ﴾ [الأنفال: 17]\r\n' +
  '#طوفان_الأقصى #Iraq @Nujaba_Media https://t.me/nujaba/123 قا\u200Dل ا\u0654كرم (Quran 9:29)  ';

describe('cases', () => {
  it('create fills defaults, get returns the saved record, update bumps rev', async () => {
    const d = await makeDesk();
    const c = await newCase(d, { title: 'Al-Nujaba threats', tags: ['Iraq'] });
    expect(c).toMatchObject({
      title: 'Al-Nujaba threats', summary: '', status: 'open', priority: 'normal', marking: 'internal', tags: ['Iraq'],
      assignees: [], dueDate: null, rev: 1, createdBy: d.admin.id, updatedBy: d.admin.id, deletedAt: null,
    });
    expect(await d.core.invoke('cases.get', { as: d.analyst.id, id: c.id })).toEqual(c);

    const u = await d.core.invoke('cases.update', { as: d.analyst.id, id: c.id, rev: 1, title: 'Al-Nujaba threats (Nov 2023)', summary: 'Escalation' });
    expect(u).toMatchObject({ title: 'Al-Nujaba threats (Nov 2023)', summary: 'Escalation', rev: 2, updatedBy: d.analyst.id, createdBy: d.admin.id });
    expect(await d.core.invoke('cases.get', { as: d.analyst.id, id: c.id })).toEqual(u);
  });

  it('get of an unknown id is not_found', async () => {
    const d = await makeDesk();
    const body = await refused(d.core.invoke('cases.get', { as: d.analyst.id, id: NO_SUCH_ID }), 'not_found');
    expect(body.message).toContain(NO_SUCH_ID);
  });

  it('list filters by status, priority, marking, assignee, tag and text, sorts and pages', async () => {
    const d = await makeDesk();
    const a = await newCase(d, { title: 'Alpha', status: 'active', priority: 'urgent', marking: 'public', tags: ['Iraq'], assignees: [d.analyst.id] });
    const b = await newCase(d, { title: 'bravo', summary: 'Houthi drone claims', status: 'on_hold', priority: 'low', marking: 'restricted', tags: ['Yemen'] });
    const c = await newCase(d, { title: 'Charlie', status: 'active', priority: 'high', marking: 'public', tags: ['iraq', 'Syria'] });
    const titles = async (q: Record<string, unknown>) =>
      (await d.core.invoke('cases.list', { as: d.analyst.id, sort: 'title', dir: 'asc', ...q })).items.map((x) => x.title);

    expect(await titles({})).toEqual(['Alpha', 'bravo', 'Charlie']);
    expect(await titles({ dir: 'desc' })).toEqual(['Charlie', 'bravo', 'Alpha']);
    expect(await titles({ status: ['active'] })).toEqual(['Alpha', 'Charlie']);
    expect(await titles({ status: ['on_hold', 'closed'] })).toEqual(['bravo']);
    expect(await titles({ priority: ['urgent', 'high'] })).toEqual(['Alpha', 'Charlie']);
    expect(await titles({ marking: ['restricted'] })).toEqual(['bravo']);
    expect(await titles({ assignee: d.analyst.id })).toEqual(['Alpha']);
    expect(await titles({ tag: 'IRAQ' })).toEqual(['Alpha', 'Charlie']);
    expect(await titles({ text: 'drone' })).toEqual(['bravo']);
    expect(await titles({ text: '%' })).toEqual([]); // LIKE wildcards are literal
    expect(await titles({ status: ['active'], marking: ['public'], tag: 'Syria' })).toEqual(['Charlie']);

    const byPriority = await d.core.invoke('cases.list', { as: d.analyst.id, sort: 'priority', dir: 'desc' });
    expect(byPriority.items.map((x) => x.id)).toEqual([a.id, c.id, b.id]);

    const p1 = await d.core.invoke('cases.list', { as: d.analyst.id, sort: 'title', dir: 'asc', limit: 2, offset: 0 });
    const p2 = await d.core.invoke('cases.list', { as: d.analyst.id, sort: 'title', dir: 'asc', limit: 2, offset: 2 });
    expect(p1).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(p1.items.map((x) => x.title)).toEqual(['Alpha', 'bravo']);
    expect(p2).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(p2.items.map((x) => x.title)).toEqual(['Charlie']);
  });

  it('cases.forItem lists the live cases a record belongs to', async () => {
    const d = await makeDesk();
    const a = await newCase(d);
    const b = await newCase(d);
    const st = await newStatement(d);
    expect(await d.core.invoke('cases.forItem', { as: d.analyst.id, itemType: 'statement', itemId: st.id })).toEqual([]);
    await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: a.id, itemType: 'statement', itemId: st.id });
    await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: b.id, itemType: 'statement', itemId: st.id });
    const both = await d.core.invoke('cases.forItem', { as: d.analyst.id, itemType: 'statement', itemId: st.id });
    expect(both.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    const bNow = await d.core.invoke('cases.get', { as: d.admin.id, id: b.id });
    await d.core.invoke('cases.trash', { as: d.admin.id, id: b.id, rev: bNow.rev });
    expect((await d.core.invoke('cases.forItem', { as: d.analyst.id, itemType: 'statement', itemId: st.id })).map((c) => c.id)).toEqual([a.id]);
    await refused(d.core.invoke('cases.forItem', { as: d.analyst.id, itemType: 'source', itemId: st.id }), 'not_found');
  });

  it('case items: add, list, remove; a trashed record cannot be added', async () => {
    const d = await makeDesk();
    const c = await newCase(d);
    const st = await newStatement(d);
    const src = await newSource(d);
    const rep = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'Draft' });

    await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: c.id, itemType: 'statement', itemId: st.id });
    await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: c.id, itemType: 'source', itemId: src.id });
    const again = await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: c.id, itemType: 'report', itemId: rep.id });
    expect(again).toMatchObject({ caseId: c.id, itemType: 'report', itemId: rep.id, addedBy: d.analyst.id });
    // Adding twice keeps one link.
    await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: c.id, itemType: 'report', itemId: rep.id });

    const items = await d.core.invoke('cases.items', { as: d.analyst.id, caseId: c.id });
    expect(items.map((i) => `${i.itemType}:${i.itemId}`).sort()).toEqual([`report:${rep.id}`, `source:${src.id}`, `statement:${st.id}`].sort());
    expect((await d.core.invoke('cases.items', { as: d.analyst.id, caseId: c.id, itemType: 'source' })).map((i) => i.itemId)).toEqual([src.id]);
    expect((await d.core.invoke('statements.list', { as: d.analyst.id, caseId: c.id })).items.map((s) => s.id)).toEqual([st.id]);
    expect((await d.core.invoke('sources.list', { as: d.analyst.id, caseId: c.id })).items.map((s) => s.id)).toEqual([src.id]);
    expect((await d.core.invoke('reports.list', { as: d.analyst.id, caseId: c.id })).items.map((s) => s.id)).toEqual([rep.id]);

    await d.core.invoke('cases.removeItem', { as: d.analyst.id, caseId: c.id, itemType: 'source', itemId: src.id });
    expect((await d.core.invoke('cases.items', { as: d.analyst.id, caseId: c.id, itemType: 'source' }))).toEqual([]);
    await refused(d.core.invoke('cases.removeItem', { as: d.analyst.id, caseId: c.id, itemType: 'source', itemId: src.id }), 'not_found');

    await d.core.invoke('sources.trash', { as: d.analyst.id, id: src.id, rev: src.rev });
    const body = await refused(d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: c.id, itemType: 'source', itemId: src.id }), 'invalid_input');
    expect(body.field).toBe('itemId');
    expect(body.message).toMatch(/trash/);
  });
});

describe('actors', () => {
  async function kaabi(d: Desk) {
    return newActor(d, {
      name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي', country: 'Iraq',
      aliases: [
        { alias: "Akram al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' },
        { alias: 'Abu Haidar', kind: 'kunya', lang: 'en' },
        { alias: 'الكعبي', kind: 'original_script', lang: 'ar' },
      ],
    });
  }

  it('create/get/update keeps aliases', async () => {
    const d = await makeDesk();
    const a = await kaabi(d);
    expect(a.aliases).toHaveLength(3);
    expect(await d.core.invoke('actors.get', { as: d.reviewer.id, id: a.id })).toEqual(a);
    const u = await d.core.invoke('actors.update', {
      as: d.analyst.id, id: a.id, rev: a.rev, aliases: [...a.aliases, { alias: 'Al-Kaabi', kind: 'name', lang: 'en' }],
    });
    expect(u.rev).toBe(2);
    expect(u.aliases.map((x) => x.alias)).toEqual(["Akram al-Ka'bi", 'Abu Haidar', 'الكعبي', 'Al-Kaabi']);
    expect(await d.core.invoke('actors.get', { as: d.analyst.id, id: a.id })).toEqual(u);
  });

  it('list finds an actor by name, original name or any alias, and filters by kind', async () => {
    const d = await makeDesk();
    const a = await kaabi(d);
    const org = await newActor(d, { kind: 'organization', name: 'Al-Nujaba Movement', aliases: [{ alias: 'Harakat al-Nujaba', kind: 'transliteration', lang: 'ar-Latn' }] });
    const find = async (text: string, kind?: string) =>
      (await d.core.invoke('actors.list', { as: d.analyst.id, text, ...(kind ? { kind } : {}) })).items.map((x) => x.id);
    expect(await find('Kaabi')).toEqual([a.id]);
    expect(await find("al-Ka'bi")).toEqual([a.id]);
    expect(await find('Abu Haidar')).toEqual([a.id]);
    expect(await find('الكعبي')).toEqual([a.id]);
    expect(await find('أكرم')).toEqual([a.id]);
    expect(await find('Harakat')).toEqual([org.id]);
    expect(await find('Nujaba', 'person')).toEqual([]);
    expect((await d.core.invoke('actors.list', { as: d.analyst.id, kind: 'organization' })).items.map((x) => x.id)).toEqual([org.id]);
    const paged = await d.core.invoke('actors.list', { as: d.analyst.id, limit: 1, offset: 1 });
    expect(paged.total).toBe(2);
    expect(paged.items.map((x) => x.name)).toEqual(['Al-Nujaba Movement']); // name order: Akram…, Al-Nujaba…
  });

  it('relations: link shows from both sides, duplicates and self-links are refused, unlink removes', async () => {
    const d = await makeDesk();
    const a = await kaabi(d);
    const org = await newActor(d, { kind: 'organization', name: 'Al-Nujaba Movement' });
    const rel = await d.core.invoke('actors.link', { as: d.analyst.id, fromActorId: a.id, relation: 'leader_of', toActorId: org.id, note: 'Secretary-General' });
    expect(rel).toMatchObject({ fromActorId: a.id, relation: 'leader_of', toActorId: org.id, note: 'Secretary-General', createdBy: d.analyst.id });
    expect(await d.core.invoke('actors.relations', { as: d.analyst.id, actorId: a.id })).toEqual([rel]);
    expect(await d.core.invoke('actors.relations', { as: d.analyst.id, actorId: org.id })).toEqual([rel]);

    expect((await refused(d.core.invoke('actors.link', { as: d.analyst.id, fromActorId: a.id, relation: 'leader_of', toActorId: org.id }), 'invalid_input')).field).toBe('relation');
    expect((await refused(d.core.invoke('actors.link', { as: d.analyst.id, fromActorId: a.id, relation: 'member_of', toActorId: a.id }), 'invalid_input')).field).toBe('toActorId');
    await refused(d.core.invoke('actors.link', { as: d.analyst.id, fromActorId: a.id, relation: 'member_of', toActorId: NO_SUCH_ID }), 'not_found');

    await d.core.invoke('actors.unlink', { as: d.analyst.id, relationId: rel.id });
    expect(await d.core.invoke('actors.relations', { as: d.analyst.id, actorId: a.id })).toEqual([]);
    await refused(d.core.invoke('actors.unlink', { as: d.analyst.id, relationId: rel.id }), 'not_found');
  });
});

describe('statements', () => {
  it('keeps the original byte-exact and extracts hashtags, mentions, links and scripture refs', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { originalText: ORIGINAL, saidAt: '2023-11-01', platform: 'X' });
    expect(st.originalText).toBe(ORIGINAL);
    expect(st.originalText?.normalize('NFC')).not.toBe(ORIGINAL); // the fixture really is not NFC
    expect(st.originalStatus).toBe('captured');
    const got = await d.core.invoke('statements.get', { as: d.analyst.id, id: st.id });
    expect(got.originalText).toBe(ORIGINAL);
    // As stored on disk, too: the same UTF-8 bytes.
    const raw = d.core.db.prepare('SELECT CAST(original_text AS BLOB) AS b FROM statements WHERE id = ?').get(st.id) as { b: Buffer };
    expect(Buffer.compare(raw.b, Buffer.from(ORIGINAL, 'utf8'))).toBe(0);

    expect(got.hashtags).toEqual(['طوفان_الأقصى', 'Iraq']);
    expect(got.mentions).toEqual(['Nujaba_Media']);
    expect(got.links).toEqual(['https://t.me/nujaba/123']);
    expect(got.scriptureRefs.map((r) => [r.chapter, r.verse, r.text])).toEqual([[8, 17, '[الأنفال: 17]'], [9, 29, '(Quran 9:29)']]);
  });

  it('derived fields follow the text and cannot be set by the caller', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { originalText: 'بيان #أول' });
    expect(st.hashtags).toEqual(['أول']);
    await refused(d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, hashtags: ['forged'] }), 'invalid_input');
    const u = await d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, publishedWording: 'Statement #Second (Quran 8:17)' });
    expect(u.hashtags).toEqual(['أول', 'Second']);
    expect(u.scriptureRefs.map((r) => `${r.chapter}:${r.verse}`)).toEqual(['8:17']);
  });

  it('changing a captured original needs a correction reason; with one it is audited as a correction', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { originalText: ORIGINAL });
    const corrected = ORIGINAL.replace('قال', 'قالَ');

    const body = await refused(d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, originalText: corrected }), 'invalid_input');
    expect(body.field).toBe('originalText');
    expect(body.message).toContain('originalText');
    expect(body.message).toContain('correctionReason');
    expect(await d.core.invoke('statements.get', { as: d.analyst.id, id: st.id })).toEqual(st);
    // A blank reason is no reason.
    await refused(d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, originalText: corrected, correctionReason: '   ' }), 'invalid_input');

    const seq = (d.core.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number);
    const u = await d.core.invoke('statements.update', {
      as: d.analyst.id, id: st.id, rev: st.rev, originalText: corrected, correctionReason: 'Missing fatha on قال, checked against the video',
    });
    expect(u.originalText).toBe(corrected);
    expect(u.rev).toBe(2);
    const entries = auditRows(d.core.db, seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'statement.correct_original', actor_id: d.analyst.id, record_type: 'statement', record_id: st.id });
    const changes = JSON.parse(entries[0]!.changes) as Record<string, [unknown, unknown]>;
    expect(changes.correctionReason).toEqual([null, 'Missing fatha on قال, checked against the video']);
    expect(changes.originalText).toEqual([ORIGINAL, corrected]);

    // Other fields change without a reason, and are not a correction.
    const v = await d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: u.rev, summary: 'A threat', originalText: corrected });
    expect(v.summary).toBe('A threat');
    expect(auditRows(d.core.db, seq + 1).map((e) => e.action)).toEqual(['statement.update']);
  });

  it('a captured statement needs its original text', async () => {
    const d = await makeDesk();
    const body = await refused(d.core.invoke('statements.create', { as: d.analyst.id, originalStatus: 'captured' }), 'invalid_input');
    expect(body.field).toBe('originalText');
    const nc = await d.core.invoke('statements.create', { as: d.analyst.id, originalStatus: 'not_captured', publishedWording: 'As quoted in English' });
    expect(nc).toMatchObject({ originalText: null, originalStatus: 'not_captured' });
    // An empty original is neither a capture nor a record that nothing was captured.
    const empty = await refused(d.core.invoke('statements.create', { as: d.analyst.id, originalText: '' }), 'invalid_input');
    expect(empty.field).toBe('originalText');
  });

  it('list filters by case, speaker, language, marking and text, sorts by date and pages', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const kaabi = await newActor(d, { name: 'Akram Al-Kaabi' });
    const org = await newActor(d, { kind: 'organization', name: 'Al-Nujaba' });
    const s1 = await newStatement(d, { saidAt: '2023-10-23', speakerId: org.id, originalText: 'بيان مكتوب', marking: 'public', caseIds: [kase.id] });
    const s2 = await newStatement(d, { saidAt: '2023-10-30', speakerId: org.id, originalText: 'فيديو', marking: 'internal', caseIds: [kase.id] });
    const s3 = await newStatement(d, { saidAt: '2023-11-01', speakerId: kaabi.id, onBehalfOfId: org.id, originalText: 'تحرير العراق عسكرياً', marking: 'public' });
    const s4 = await newStatement(d, { saidAt: null, language: 'fa', originalText: 'متن فارسی', marking: 'restricted' });
    const ids = async (q: Record<string, unknown>) => (await d.core.invoke('statements.list', { as: d.analyst.id, ...q })).items.map((x) => x.id);

    expect(await ids({})).toEqual([s3.id, s2.id, s1.id, s4.id]); // saidAt desc, undated last
    expect(await ids({ dir: 'asc' })).toEqual([s1.id, s2.id, s3.id, s4.id]);
    expect(await ids({ caseId: kase.id, dir: 'asc' })).toEqual([s1.id, s2.id]);
    expect(await ids({ speakerId: kaabi.id })).toEqual([s3.id]);
    expect(await ids({ speakerId: org.id, dir: 'asc' })).toEqual([s1.id, s2.id, s3.id]); // speaker or on behalf of
    expect(await ids({ language: 'fa' })).toEqual([s4.id]);
    expect(await ids({ marking: ['public'], dir: 'asc' })).toEqual([s1.id, s3.id]);
    expect(await ids({ text: 'العراق' })).toEqual([s3.id]);
    const p = await d.core.invoke('statements.list', { as: d.analyst.id, dir: 'asc', limit: 2, offset: 1 });
    expect(p.total).toBe(4);
    expect(p.items.map((x) => x.id)).toEqual([s2.id, s3.id]);
  });

  it('refuses a speaker that does not exist and a case that does not exist', async () => {
    const d = await makeDesk();
    expect((await refused(newStatement(d, { speakerId: NO_SUCH_ID }), 'invalid_input')).field).toBe('speakerId');
    await refused(newStatement(d, { caseIds: [NO_SUCH_ID] }), 'not_found');
    expect((await d.core.invoke('statements.list', { as: d.analyst.id })).total).toBe(0);
  });

  it('related statements: relate both ways, unrelate', async () => {
    const d = await makeDesk();
    const a = await newStatement(d, { saidAt: '2023-10-23' });
    const b = await newStatement(d, { saidAt: '2023-11-01' });
    await d.core.invoke('statements.relate', { as: d.analyst.id, statementId: b.id, relatedId: a.id });
    expect((await d.core.invoke('statements.related', { as: d.analyst.id, statementId: b.id })).map((x) => x.id)).toEqual([a.id]);
    expect((await d.core.invoke('statements.related', { as: d.analyst.id, statementId: a.id })).map((x) => x.id)).toEqual([b.id]);
    await refused(d.core.invoke('statements.relate', { as: d.analyst.id, statementId: a.id, relatedId: a.id }), 'invalid_input');
    await d.core.invoke('statements.unrelate', { as: d.analyst.id, statementId: a.id, relatedId: b.id });
    expect(await d.core.invoke('statements.related', { as: d.analyst.id, statementId: b.id })).toEqual([]);
  });
});

describe('sources and citations', () => {
  it('accepts every Admiralty grade A-F / 1-6 and refuses others', async () => {
    const d = await makeDesk();
    for (const [reliability, credibility] of [['A', '1'], ['B', '2'], ['C', '3'], ['D', '4'], ['E', '5'], ['F', '6']] as const) {
      const s = await newSource(d, { reliability, credibility, gradeRationale: `${reliability}${credibility}` });
      expect(await d.core.invoke('sources.get', { as: d.analyst.id, id: s.id })).toMatchObject({ reliability, credibility });
    }
    const before = (await d.core.invoke('sources.list', { as: d.analyst.id })).total;
    expect((await refused(newSource(d, { reliability: 'G' }), 'invalid_input')).field).toBe('reliability');
    expect((await refused(newSource(d, { credibility: '7' }), 'invalid_input')).field).toBe('credibility');
    expect((await refused(newSource(d, { credibility: 3 }), 'invalid_input')).field).toBe('credibility');
    const s = await newSource(d);
    expect((await refused(d.core.invoke('sources.update', { as: d.analyst.id, id: s.id, rev: s.rev, reliability: 'G' }), 'invalid_input')).field).toBe('reliability');
    expect((await d.core.invoke('sources.list', { as: d.analyst.id })).total).toBe(before + 1);
  });

  it('create/get/update/list with filters', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const x = await newSource(d, { title: "Al-Kaabi's post on X", kind: 'social_post', publisher: 'X', publishedAt: '2023-11-01', caseIds: [kase.id], capturedBy: d.analyst.id });
    const v = await newSource(d, { title: 'Al-Nujaba video', kind: 'video', publishedAt: '2023-10-30' });
    expect(x).toMatchObject({ capturedBy: d.analyst.id, marking: 'internal', rev: 1 });
    const u = await d.core.invoke('sources.update', { as: d.analyst.id, id: v.id, rev: v.rev, url: 'https://t.me/nujaba/1', reliability: 'C', credibility: '3' });
    expect(u).toMatchObject({ rev: 2, url: 'https://t.me/nujaba/1', reliability: 'C', credibility: '3' });
    const ids = async (q: Record<string, unknown>) => (await d.core.invoke('sources.list', { as: d.analyst.id, ...q })).items.map((s) => s.id);
    expect(await ids({})).toEqual([x.id, v.id]); // newest publication first
    expect(await ids({ kind: 'video' })).toEqual([v.id]);
    expect(await ids({ caseId: kase.id })).toEqual([x.id]);
    expect(await ids({ text: 't.me/nujaba' })).toEqual([v.id]);
    expect((await refused(newSource(d, { capturedBy: NO_SUCH_ID }), 'invalid_input')).field).toBe('capturedBy');
  });

  it('citations keep the order set, insert at a position, reorder, and renumber on remove', async () => {
    const d = await makeDesk();
    const st = await newStatement(d);
    const [s1, s2, s3, s4] = [await newSource(d, { title: 'S1' }), await newSource(d, { title: 'S2' }), await newSource(d, { title: 'S3' }), await newSource(d, { title: 'S4' })];
    const cite = (sourceId: string, extra: Record<string, unknown> = {}) =>
      d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'statement', citingId: st.id, sourceId, ...extra });
    const order = async () => (await d.core.invoke('citations.list', { as: d.analyst.id, citingType: 'statement', citingId: st.id })).map((c) => [c.sourceId, c.position]);

    const c1 = await cite(s1!.id);
    const c2 = await cite(s2!.id, { locator: '00:01:30' });
    const c3 = await cite(s3!.id);
    expect([c1.position, c2.position, c3.position]).toEqual([0, 1, 2]);
    const c4 = await cite(s4!.id, { position: 0 });
    expect(c4.position).toBe(0);
    expect(await order()).toEqual([[s4!.id, 0], [s1!.id, 1], [s2!.id, 2], [s3!.id, 3]]);

    const re = await d.core.invoke('citations.reorder', { as: d.analyst.id, citingType: 'statement', citingId: st.id, order: [c3.id, c2.id, c1.id, c4.id] });
    expect(re.map((c) => c.id)).toEqual([c3.id, c2.id, c1.id, c4.id]);
    expect(re.map((c) => c.position)).toEqual([0, 1, 2, 3]);
    const bad = await refused(d.core.invoke('citations.reorder', { as: d.analyst.id, citingType: 'statement', citingId: st.id, order: [c3.id, c2.id] }), 'invalid_input');
    expect(bad.field).toBe('order');

    await d.core.invoke('citations.remove', { as: d.analyst.id, id: c2.id });
    expect(await order()).toEqual([[s3!.id, 0], [s1!.id, 1], [s4!.id, 2]]);

    const upd = await d.core.invoke('citations.update', { as: d.analyst.id, id: c1.id, locator: 'p. 4' });
    expect(upd.locator).toBe('p. 4');
    expect((await d.core.invoke('citations.list', { as: d.analyst.id, sourceId: s1!.id })).map((c) => c.locator)).toEqual(['p. 4']);
    // The same source with the same locator is cited once.
    await refused(cite(s1!.id, { locator: 'p. 4' }), 'invalid_input');
  });

  it("a report's citations come from its body: listed like a statement's, edited only through the body", async () => {
    const d = await makeDesk();
    const s = await newSource(d);
    const rep = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'Draft', body: `Posted[@${s.id}] and at 02:13[@${s.id}, at 02:13]; again[@${s.id}].` });
    const rows = await d.core.invoke('citations.list', { as: d.analyst.id, citingType: 'report', citingId: rep.id });
    expect(rows.map((c) => [c.sourceId, c.locator, c.position])).toEqual([[s.id, '', 0], [s.id, 'at 02:13', 1]]);
    expect((await d.core.invoke('citations.list', { as: d.analyst.id, sourceId: s.id })).map((c) => c.citingId)).toEqual([rep.id, rep.id]);
    expect((await refused(d.core.invoke('citations.add', { as: d.analyst.id, citingType: 'report', citingId: rep.id, sourceId: s.id, locator: 'p. 2' }), 'invalid_input')).message).toMatch(/in its body/);
    expect((await refused(d.core.invoke('citations.remove', { as: d.analyst.id, id: rows[0]!.id }), 'invalid_input')).message).toMatch(/in its body/);
    const u = await d.core.invoke('reports.update', { as: d.analyst.id, id: rep.id, rev: rep.rev, body: 'No citations left.' });
    expect(await d.core.invoke('citations.list', { as: d.analyst.id, citingType: 'report', citingId: u.id })).toEqual([]);
  });
});

describe('notes, events, reports', () => {
  it('notes list pinned first, then newest first; update pins and edits', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const n1 = await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'case', targetId: kase.id, body: 'first' });
    const n2 = await d.core.invoke('notes.create', { as: d.reviewer.id, targetType: 'case', targetId: kase.id, body: 'second', pinned: true });
    await new Promise((r) => setTimeout(r, 5));
    const n3 = await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'case', targetId: kase.id, body: 'third' });
    const list = async () => (await d.core.invoke('notes.list', { as: d.analyst.id, targetType: 'case', targetId: kase.id })).map((n) => n.body);
    expect(await list()).toEqual(['second', 'third', 'first']);

    const u = await d.core.invoke('notes.update', { as: d.analyst.id, id: n1.id, rev: n1.rev, pinned: true, body: 'first, **edited**' });
    expect(u).toMatchObject({ pinned: true, body: 'first, **edited**', rev: 2 });
    expect((await list())[2]).toBe('third');
    expect(await d.core.invoke('notes.get', { as: d.analyst.id, id: n2.id })).toEqual(n2);
    expect(n3.createdBy).toBe(d.analyst.id);
    await refused(d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'statement', targetId: NO_SUCH_ID, body: 'x' }), 'not_found');
  });

  it('events: create with partial dates, list in date order, update', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const e1 = await d.core.invoke('events.create', { as: d.analyst.id, caseId: kase.id, occurredAt: '2023-11', datePrecision: 'month', title: 'Strikes on U.S. bases' });
    const e2 = await d.core.invoke('events.create', { as: d.analyst.id, caseId: kase.id, occurredAt: '2023-10-07', title: 'Hamas attack' });
    expect(e2.datePrecision).toBe('day');
    expect((await d.core.invoke('events.list', { as: d.analyst.id, caseId: kase.id })).map((e) => e.id)).toEqual([e2.id, e1.id]);
    const u = await d.core.invoke('events.update', { as: d.analyst.id, id: e1.id, rev: e1.rev, occurredAt: '2023-10-17T20:00Z', datePrecision: 'minute' });
    expect(u).toMatchObject({ occurredAt: '2023-10-17T20:00Z', datePrecision: 'minute', rev: 2 });
    expect((await d.core.invoke('events.list', { as: d.analyst.id, caseId: kase.id })).map((e) => e.id)).toEqual([e2.id, e1.id]);
    expect((await refused(d.core.invoke('events.create', { as: d.analyst.id, caseId: kase.id, occurredAt: 'last week', title: 'x' }), 'invalid_input')).field).toBe('occurredAt');
  });

  it('reports: create in cases, get, update, list by case', async () => {
    const d = await makeDesk();
    const kase = await newCase(d);
    const r = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'Al-Nujaba: "militarily liberate Iraq"', caseIds: [kase.id] });
    expect(r).toMatchObject({ dateline: '', body: '', marking: 'internal', rev: 1 });
    const u = await d.core.invoke('reports.update', { as: d.analyst.id, id: r.id, rev: r.rev, body: 'Text [^src]', dateline: 'Baghdad' });
    expect(await d.core.invoke('reports.get', { as: d.analyst.id, id: r.id })).toEqual(u);
    await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'Other' });
    expect((await d.core.invoke('reports.list', { as: d.analyst.id, caseId: kase.id })).items.map((x) => x.id)).toEqual([r.id]);
    expect((await d.core.invoke('reports.list', { as: d.analyst.id })).total).toBe(2);
  });
});

describe('markings', () => {
  it('cases, statements, sources and reports take the four markings and nothing else', async () => {
    const d = await makeDesk();
    for (const marking of MARKINGS) {
      expect((await newCase(d, { marking })).marking).toBe(marking);
      expect((await newStatement(d, { marking })).marking).toBe(marking);
      expect((await newSource(d, { marking })).marking).toBe(marking);
      expect((await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'h', marking })).marking).toBe(marking);
    }
    for (const call of [
      () => newCase(d, { marking: 'secret' }), () => newStatement(d, { marking: 'Public' }), () => newSource(d, { marking: '' }),
      () => d.core.invoke('reports.create', { as: d.analyst.id, headline: 'h', marking: 'top_secret' }),
    ]) {
      expect((await refused(call(), 'invalid_input')).field).toBe('marking');
    }
    const c = await newCase(d);
    const u = await d.core.invoke('cases.update', { as: d.admin.id, id: c.id, rev: c.rev, marking: 'restricted' });
    expect(u.marking).toBe('restricted');
    expect((await d.core.invoke('cases.list', { as: d.analyst.id, marking: ['restricted'] })).total).toBe(2);
  });
});
