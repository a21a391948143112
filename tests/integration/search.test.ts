// Search through the Core: the index follows every write in the same transaction, trash and
// purge remove, restore re-adds, the query language refuses bad syntax in words a user can
// act on (never an SQLite error), highlights land on the original characters, and
// checkIndex() catches an index that was tampered with.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIndex, reindex, runSearch } from '../../electron/core/search/index';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { openDb } from '../../electron/core/db/open';
import { DB_FILE } from '../../electron/core/index';
import { makeDesk, newActor, newCase, newStatement, openCore, refused, sideConnection, tempDir, useCleanup, type Desk } from './helpers';

useCleanup();

async function kaabiDesk(): Promise<Desk & { kaabiId: string; caseId: string }> {
  const d = await makeDesk();
  const kaabi = await newActor(d, {
    name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي',
    aliases: [{ alias: "al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' }, { alias: 'الكعبي', kind: 'original_script', lang: 'ar' }],
  });
  const kase = await newCase(d, { title: 'Nujaba threats', tags: ['Iraq'] });
  return { ...d, kaabiId: kaabi.id, caseId: kase.id };
}

const q = (d: Desk, query: string, extra: Record<string, unknown> = {}) => d.core.invoke('search.query', { as: d.analyst.id, q: query, ...extra });
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

describe('search index follows the records', () => {
  it('finds a statement as soon as it is saved, and its edit right after the update', async () => {
    const d = await kaabiDesk();
    const st = await newStatement(d, { originalText: 'قررت المقاومة تحرير العراق', caseIds: [d.caseId] });
    expect(ids(await q(d, 'تحرير'))).toEqual([st.id]);
    const edited = await d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: st.rev, summary: 'Declaration of liberation' });
    expect(ids(await q(d, 'liberation'))).toEqual([st.id]);
    await d.core.invoke('statements.update', { as: d.analyst.id, id: st.id, rev: edited.rev, summary: 'Something else' });
    expect((await q(d, 'liberation')).total).toBe(0);
  });

  it('writes the index in the same transaction: a refused write leaves no index row', async () => {
    const d = await kaabiDesk();
    const before = d.core.db.prepare('SELECT count(*) FROM search_docs').pluck().get();
    // A captured statement without its original text is refused after validation began.
    await refused(d.core.invoke('statements.create', { as: d.analyst.id, originalStatus: 'captured', summary: 'never indexed' }), 'invalid_input');
    expect(d.core.db.prepare('SELECT count(*) FROM search_docs').pluck().get()).toBe(before);
    expect((await q(d, 'indexed')).total).toBe(0);
  });

  it('removes a trashed record and re-adds it on restore; a purge leaves nothing behind', async () => {
    const d = await kaabiDesk();
    const st = await newStatement(d, { originalText: 'بيان عن الطائرات المسيرة', caseIds: [d.caseId] });
    const trashed = await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: st.rev });
    expect((await q(d, 'المسيرة')).total).toBe(0);
    const restored = await d.core.invoke('statements.restore', { as: d.analyst.id, id: st.id, rev: trashed.rev });
    expect(ids(await q(d, 'المسيرة'))).toEqual([st.id]);
    expect((await q(d, `case:${d.caseId} المسيرة`)).total).toBe(1);
    const again = await d.core.invoke('statements.trash', { as: d.analyst.id, id: st.id, rev: restored.rev });
    await d.core.invoke('trash.purge', { as: d.admin.id, recordType: 'statement', id: st.id, rev: again.rev });
    expect(d.core.db.prepare('SELECT count(*) FROM search_docs WHERE record_id = ?').pluck().get(st.id)).toBe(0);
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('follows case membership: added and removed items, and notes on them', async () => {
    const d = await kaabiDesk();
    const st = await newStatement(d, { originalText: 'نص عن القاعدة' });
    const note = await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'statement', targetId: st.id, body: 'Check the base name' });
    expect((await q(d, `case:${d.caseId}`)).facets.type).toEqual({ case: 1 });
    await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: d.caseId, itemType: 'statement', itemId: st.id });
    const inCase = await q(d, `case:${d.caseId}`);
    expect(inCase.facets.type).toEqual({ case: 1, statement: 1, note: 1 });
    expect((await q(d, 'base')).facets.case).toEqual([{ caseId: d.caseId, title: 'Nujaba threats', count: 1 }]);
    // With words, the case filter is a token of the documents' rows: they were rewritten.
    expect(ids(await q(d, `base case:${d.caseId}`))).toEqual([note.id]);
    expect(ids(await q(d, `القاعدة case:${d.caseId}`))).toEqual([st.id]);
    await d.core.invoke('cases.removeItem', { as: d.analyst.id, caseId: d.caseId, itemType: 'statement', itemId: st.id });
    expect((await q(d, `case:${d.caseId}`)).facets.type).toEqual({ case: 1 });
    expect((await q(d, `base case:${d.caseId}`)).total).toBe(0);
    expect(ids(await q(d, `base -case:${d.caseId}`))).toEqual([note.id]);
    expect(ids(await q(d, 'base'))).toEqual([note.id]);
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('indexes sources, notes, reports, cases and actors', async () => {
    const d = await kaabiDesk();
    const src = await d.core.invoke('sources.create', { as: d.analyst.id, kind: 'web_page', title: 'Zanzibar report', publisher: 'Desk' });
    const rep = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'Zanzibar headline', body: 'text' });
    const note = await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'case', targetId: d.caseId, body: 'zanzibar note' });
    const kase = await newCase(d, { title: 'Zanzibar case' });
    const act = await newActor(d, { name: 'Zanzibar Front' });
    const r = await q(d, 'zanzibar');
    expect(new Set(ids(r))).toEqual(new Set([src.id, rep.id, note.id, kase.id, act.id]));
    expect(r.facets.type).toEqual({ source: 1, report: 1, note: 1, case: 1, actor: 1 });
    expect((await q(d, 'zanzibar type:report,source')).total).toBe(2);
    expect((await q(d, 'zanzibar', { types: ['actor'] })).hits.map((h) => h.title)).toEqual(['Zanzibar Front']);
    expect((await q(d, 'zanzibar -type:note')).total).toBe(4);
  });

  it("finds a report by its lead, and follows an edit of it", async () => {
    const d = await kaabiDesk();
    const rep = await d.core.invoke('reports.create', { as: d.analyst.id, headline: 'Threats', lead: 'Kaabi names Ain al-Asad as a target' });
    expect(ids(await q(d, 'Asad type:report', { expandAliases: false }))).toEqual([rep.id]);
    await d.core.invoke('reports.update', { as: d.analyst.id, id: rep.id, rev: rep.rev, lead: 'Kaabi names Harir as a target' });
    expect((await q(d, 'Asad type:report', { expandAliases: false })).total).toBe(0);
    expect(ids(await q(d, 'Harir type:report', { expandAliases: false }))).toEqual([rep.id]);
    expect(checkIndex(d.core)).toEqual([]);
  });
});

describe('results', () => {
  it('highlights whole diacritized words on the original characters', async () => {
    const d = await kaabiDesk();
    const text = 'قَالَ الكَعْبِيُّ إِنَّ المُقَاوَمَةَ مُسْتَمِرَّةٌ';
    await newStatement(d, { originalText: text });
    const r = await q(d, 'المقاومة مستمرة', { expandAliases: false });
    const snip = r.hits[0]?.snippet;
    expect(snip?.text).toBe(text);
    expect(snip?.highlights.map(([s, e]) => snip.text.slice(s, e))).toEqual(['المُقَاوَمَةَ', 'مُسْتَمِرَّةٌ']);
  });

  it('cuts long texts around the first match and keeps offsets right', async () => {
    const d = await kaabiDesk();
    const long = `${'filler words here '.repeat(40)}the Kaabi statement ${'more filler '.repeat(40)}`;
    await newStatement(d, { originalText: null, originalStatus: 'not_captured', publishedWording: long });
    const hit = (await q(d, 'statement', { expandAliases: false })).hits[0];
    expect(hit?.snippet.text.startsWith('…')).toBe(true);
    expect(hit?.snippet.text.endsWith('…')).toBe(true);
    expect(hit?.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e))).toEqual(['statement']);
  });

  it('expands a transliterated name to the actor\'s other names, and says so; the flag turns it off', async () => {
    const d = await kaabiDesk();
    const st = await newStatement(d, { originalText: 'صرح الكعبي بأن الرد قادم' });
    for (const spelling of ['Kaabi', "Ka'bi", 'Kabi', 'KAABI', 'al-Kaabi']) {
      const r = await q(d, spelling);
      expect(ids(r), spelling).toContain(st.id);
      expect(r.expansions[0]?.names).toContain('الكعبي');
    }
    const off = await q(d, 'Kaabi', { expandAliases: false });
    expect(ids(off)).not.toContain(st.id);
    expect(off.expansions).toEqual([]);
  });

  it('expands a name misspelt in its first letter as in any other (Chazali, Khazali)', async () => {
    const d = await makeDesk();
    await newActor(d, { name: 'Qais al-Khazali', nameOriginal: 'قيس الخزعلي', aliases: [] });
    const st = await newStatement(d, { originalText: 'قال قيس الخزعلي إن الرد قادم' });
    for (const spelling of ['Khazali', 'Chazali', 'Khazalo']) {
      const r = await q(d, spelling);
      expect(ids(r), spelling).toContain(st.id);
      expect(r.expansions[0]?.names, spelling).toContain('قيس الخزعلي');
    }
  });

  it('ranks exact matches above stem matches, and newer above older on a tie', async () => {
    const d = await kaabiDesk();
    // bm25 needs a corpus in which the word is not common to have an opinion.
    for (let i = 0; i < 8; i++) await newStatement(d, { originalText: `نص آخر رقم ${i}` });
    const stem = await newStatement(d, { originalText: 'والكتاب هنا', saidAt: '2023-01-01' });
    const exact = await newStatement(d, { originalText: 'كتاب هنا', saidAt: '2022-01-01' });
    expect(ids(await q(d, 'كتاب'))).toEqual([exact.id, stem.id]);
    const old = await newStatement(d, { originalText: 'zebra crossing', saidAt: '2020-01-01' });
    const recent = await newStatement(d, { originalText: 'zebra crossing', saidAt: '2024-01-01' });
    expect(ids(await q(d, 'zebra'))).toEqual([recent.id, old.id]);
  });

  it('filters by speaker, language, platform, dates, marking, status and tag', async () => {
    const d = await kaabiDesk();
    const a = await newStatement(d, { originalText: 'alpha one', speakerId: d.kaabiId, language: 'ar-IQ', platform: 'Telegram', saidAt: '2023-10-30', marking: 'public' });
    const b = await newStatement(d, { originalText: 'alpha two #Iraq', language: 'en', platform: 'X', saidAt: '2023-11-02' });
    expect(ids(await q(d, 'alpha speaker:Kaabi'))).toEqual([a.id]);
    expect(ids(await q(d, `alpha speaker:${d.kaabiId}`))).toEqual([a.id]);
    expect(ids(await q(d, 'alpha lang:ar'))).toEqual([a.id]);
    expect(ids(await q(d, 'alpha platform:x'))).toEqual([b.id]);
    expect(ids(await q(d, 'alpha from:2023-11'))).toEqual([b.id]);
    expect(ids(await q(d, 'alpha to:2023-10-31'))).toEqual([a.id]);
    expect(ids(await q(d, 'alpha marking:public'))).toEqual([a.id]);
    expect(ids(await q(d, 'alpha tag:iraq'))).toEqual([b.id]);
    expect(ids(await q(d, 'alpha status:captured')).sort()).toEqual([a.id, b.id].sort());
    expect((await q(d, 'alpha speaker:Nobody')).total).toBe(0);
  });
});

describe('query language errors', () => {
  const cases: [string, RegExp][] = [
    ['"unclosed phrase', /Unclosed quote.*character 1/],
    ['kaabi from:notadate', /"from:notadate" is not a date.*character 7/],
    ['from:2023-13', /no month 13/],
    ['to:2023-02-30', /no day 30/],
    ['foo:bar kaabi', /Unknown filter "foo:".*character 1/],
    ['type:widget', /"type:widget" is not a record type/],
    ['status:maybe', /not a status/],
    ['marking:secret', /not a marking/],
    ['lang:arabic!', /not a language code/],
    ['OR kaabi', /OR needs a word or phrase on both sides.*character 1/],
    ['kaabi OR', /OR needs a word.*character 7/],
    ['kaabi OR -nujaba', /OR cannot join an excluded/],
    ['ka*bi', /can only end a word.*character 3/],
    ['k*', /too short/],
    ['-kaabi', /cannot only exclude/],
    ['case:', /needs a value/],
    ['from:2024 to:2023', /before/],
  ];
  for (const [query, msg] of cases) {
    it(`refuses ${JSON.stringify(query)} with a message that points at the problem`, async () => {
      const d = await kaabiDesk();
      const err = await refused(q(d, query), 'invalid_input');
      expect(err.message).toMatch(msg);
      expect(err.field).toBe('q');
    });
  }

  it('never lets FTS5 syntax through: odd input is searched as words or refused, never an SQLite error', async () => {
    const d = await kaabiDesk();
    await newStatement(d, { originalText: 'NEAR AND NOT OR text {col} ^start' });
    const odd = ['NEAR(a b)', 'a AND b', 'NOT x', '{head}: x', 'exact:foo', '^start', 'a + b', '(a OR b)', '"a" "b"', 'col : x',
      'x NEAR/2 y', '""', '" "', '-', '--x y', 'a OR OR b', '***', '\u0000', 'ٱلله*', 'https://x.com/a:b', '10:30', 'Warning: text', 'a"b'];
    for (const text of odd) {
      try {
        const r = await q(d, text);
        expect(r.total).toBeGreaterThanOrEqual(0);
      } catch (e) {
        const body = (e as { body?: { code: string; message: string } }).body;
        expect(body?.code, `${text}: ${String(e)}`).toBe('invalid_input');
        expect(body?.message).not.toMatch(/fts5|sqlite|syntax error/i);
      }
    }
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['"', '*', '-', ':', '(', ')', '{', '}', '^', '+', ' ', 'OR', 'NOT', 'NEAR', 'a', 'ك', 'type:', 'from:', '\u064e', 'ـ'];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      try {
        await q(d, text);
      } catch (e) {
        const body = (e as { body?: { code: string; message: string } }).body;
        expect(body?.code, `${JSON.stringify(text)}: ${String(e)}`).toBe('invalid_input');
        expect(body?.message, text).not.toMatch(/fts5|sqlite|syntax error/i);
      }
    }
  });
});

describe('suggest (quick switcher)', () => {
  it('finds an actor by any transliteration, by prefix and in Arabic', async () => {
    const d = await kaabiDesk();
    for (const text of ['Kabi', "Ka'bi", 'Kaabi', 'Akr', 'akram kaa', 'الكعبي', 'كعب']) {
      const r = await d.core.invoke('search.suggest', { as: d.analyst.id, q: text });
      expect(r.items[0], text).toMatchObject({ kind: 'actor', id: d.kaabiId, label: 'Akram Al-Kaabi' });
    }
    const c = await d.core.invoke('search.suggest', { as: d.analyst.id, q: 'nuja' });
    expect(c.items.map((i) => i.kind)).toContain('case');
    expect((await d.core.invoke('search.suggest', { as: d.analyst.id, q: 'ira', kinds: ['tag'] })).items.map((i) => i.label)).toEqual(['#iraq']);
  });

  it('sees a renamed actor right away (the name index is rebuilt after a change)', async () => {
    const d = await kaabiDesk();
    const actor = await d.core.invoke('actors.get', { as: d.analyst.id, id: d.kaabiId });
    expect((await d.core.invoke('search.suggest', { as: d.analyst.id, q: 'Qassim' })).items).toEqual([]);
    await d.core.invoke('actors.update', { as: d.analyst.id, id: actor.id, rev: actor.rev, aliases: [...actor.aliases, { alias: 'Abu Qassim', kind: 'kunya', lang: 'en' }] });
    expect((await d.core.invoke('search.suggest', { as: d.analyst.id, q: 'Qassim' })).items[0]?.id).toBe(d.kaabiId);
    // A change made by another connection (the CLI beside the app) is seen too.
    const trashed = await d.core.invoke('actors.trash', { as: d.analyst.id, id: d.kaabiId, rev: actor.rev + 1 });
    expect(trashed.deletedAt).not.toBeNull();
    expect((await d.core.invoke('search.suggest', { as: d.analyst.id, q: 'Qassim' })).items).toEqual([]);
  });
});

describe('checkIndex and reindex', () => {
  async function filled() {
    const d = await kaabiDesk();
    const st = await newStatement(d, { originalText: 'بيان أول', caseIds: [d.caseId] });
    await newStatement(d, { originalText: 'بيان ثان' });
    return { d, st };
  }

  it('agrees with the records after ordinary work', async () => {
    const { d } = await filled();
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('catches an edited full-text row', async () => {
    const { d, st } = await filled();
    const doc = d.core.db.prepare("SELECT doc FROM search_docs WHERE record_id = ?").pluck().get(st.id);
    // Contentless: an UPDATE must give every column; the row keeps its rowid, the words change.
    sideConnection(d.core).prepare("UPDATE search_fts SET head = '', exact = 'something else', stem = '', attrs = '' WHERE rowid = ?").run(doc);
    expect(checkIndex(d.core).join('\n')).toMatch(/does not say what the record says/);
  });

  it('catches a deleted full-text row, a stray row, a deleted document row and a stale hash', async () => {
    const { d, st } = await filled();
    const side = sideConnection(d.core);
    const doc = d.core.db.prepare('SELECT doc FROM search_docs WHERE record_id = ?').pluck().get(st.id);
    side.prepare('DELETE FROM search_fts WHERE rowid = ?').run(doc);
    side.prepare("INSERT INTO search_fts (rowid, head, exact, stem) VALUES (999999, 'x', 'planted', 'x')").run();
    const problems = checkIndex(d.core).join('\n');
    expect(problems).toMatch(/full-text row of statement .* is missing/);
    expect(problems).toMatch(/has a row \(999999\) that belongs to no record/);

    const d2 = (await filled()).d;
    const side2 = sideConnection(d2.core);
    side2.prepare("DELETE FROM search_docs WHERE record_type = 'actor'").run();
    side2.prepare("UPDATE search_docs SET content_hash = 'x' WHERE record_type = 'case'").run();
    const p2 = checkIndex(d2.core).join('\n');
    expect(p2).toMatch(/actor .* is missing from the index/);
    expect(p2).toMatch(/case .* does not match the record/);
  });

  it('catches a row left for a record whose trash bypassed the Core', async () => {
    const { d, st } = await filled();
    sideConnection(d.core).prepare("UPDATE statements SET deleted_at = '2024-01-01T00:00:00.000Z' WHERE id = ?").run(st.id);
    expect(checkIndex(d.core).join('\n')).toMatch(/in the trash but still in the index/);
  });

  it('reindex rebuilds everything from the records and clears every problem', async () => {
    const { d } = await filled();
    sideConnection(d.core).exec('DELETE FROM search_fts; DELETE FROM search_doc_cases;');
    expect(checkIndex(d.core).length).toBeGreaterThan(0);
    const r = reindex(d.core);
    expect(r.documents).toBe(4); // 2 statements, 1 case, 1 actor
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(checkIndex(d.core)).toEqual([]);
    expect(runSearch(d.core, 'بيان').total).toBe(2);
  });
});

describe('the rebuild worker', () => {
  it('gives the same index as the work done in this thread, and check agrees', async () => {
    const d = await kaabiDesk();
    for (let i = 0; i < 30; i++) await newStatement(d, { originalText: `بيان رقم ${i} عن المقاومة`, publishedWording: `Statement ${i} attacked`, caseIds: i % 2 ? [d.caseId] : [] });
    const snapshot = () => ({
      docs: d.core.db.prepare('SELECT doc, record_type, record_id, content_hash FROM search_docs ORDER BY doc').all(),
      sizes: d.core.db.prepare('SELECT id, sz FROM search_fts_docsize ORDER BY id').all(),
      cases: d.core.db.prepare('SELECT * FROM search_doc_cases ORDER BY doc, case_id').all(),
    });
    const inThread = reindex(d.core, { worker: false });
    expect(inThread.worker).toBe(false);
    const before = snapshot();
    const withWorker = reindex(d.core, { worker: true });
    // From the sources the worker runs through tsx (search-bundle.test.ts: from the bundle).
    expect(withWorker.worker).toBe(true);
    expect(withWorker.documents).toBe(inThread.documents);
    expect(snapshot()).toEqual(before);
    expect(checkIndex(d.core, { worker: true })).toEqual([]);
    expect(runSearch(d.core, 'attacks').total).toBe(30);
  });
});

describe('migration 0002_search', () => {
  it('applies on a version-1 database with records, which are indexed on first use', async () => {
    const dir = tempDir();
    const d1 = openCore(dir);
    d1.close();
    // Bring a fresh folder to version 1 only, add a record there, then let the Core migrate it.
    const dir2 = tempDir();
    const db = openDb(path.join(dir2, DB_FILE));
    migrate(db, migrations, 1);
    db.prepare(`INSERT INTO cases (id, title, summary, status, priority, tags, assignees, marking, created_at, updated_at)
      VALUES ('01900000-0000-7000-8000-000000000001', 'Old case about Mosul', '', 'open', 'normal', '["legacy"]', '[]', 'internal', '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z')`).run();
    db.close();
    const core = openCore(dir2);
    expect(core.db.prepare("SELECT value FROM search_state WHERE key = 'needs_rebuild'").pluck().get()).toBe('1');
    expect(checkIndex(core).join('\n')).toMatch(/not built yet/);
    const r = runSearch(core, 'mosul');
    expect(r.hits.map((h) => h.title)).toEqual(['Old case about Mosul']);
    expect(core.db.prepare("SELECT value FROM search_state WHERE key = 'needs_rebuild'").pluck().get()).toBe('0');
    expect(checkIndex(core)).toEqual([]);
  });
});
