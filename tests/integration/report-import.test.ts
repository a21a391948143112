// Importing a published report into a case: the preview writes nothing, the apply writes
// everything in one transaction or nothing, a stale plan is refused, actors are matched by any
// alias in any script, and bad files are refused naming what is wrong.
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { HEAD_FILE } from '../../electron/core/audit/head';
import { MAX_IMPORT_BYTES } from '../../electron/core/io/reportImport/decode';
import { parseBody } from '../../shared/report/references';
import type { ReportImportPlan } from '../../shared/domain';
import { makeDesk, refused, sideConnection, tableCounts, useCleanup, type Desk } from './helpers';

useCleanup();

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'report');
const SAMPLE = fs.readFileSync(path.join(FIXTURES, 'jttm-2023-11-01-al-nujaba.txt'));
const SAMPLE_HTML = fs.readFileSync(path.join(FIXTURES, 'jttm-2023-11-01-al-nujaba.html'));
const SAMPLE_LINES = SAMPLE.toString('utf8').split('\n');
const HEADLINE = SAMPLE_LINES[0];
const PARAGRAPHS = [SAMPLE_LINES[7], SAMPLE_LINES[9], SAMPLE_LINES[11]] as string[];
const QUOTATION = /The statement reads: "(.*)" The statement was/.exec(PARAGRAPHS[1] as string)?.[1] as string;

async function deskWithActors(): Promise<Desk & { caseId: string; kaabi: string; nujaba: string }> {
  const d = await makeDesk();
  const kase = await d.core.invoke('cases.create', { as: d.admin.id, title: 'Iraqi militias, November 2023', marking: 'subscribers' });
  const kaabi = await d.core.invoke('actors.create', {
    as: d.analyst.id, kind: 'person', name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي',
    aliases: [{ alias: "Akram al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' }, { alias: 'الكعبي', kind: 'original_script', lang: 'ar' }],
  });
  const nujaba = await d.core.invoke('actors.create', {
    as: d.analyst.id, kind: 'organization', name: 'Al-Nujaba Movement', nameOriginal: 'حركة النجباء',
    aliases: [{ alias: 'Al-Nujaba', kind: 'name', lang: 'en' }, { alias: 'Harakat al-Nujaba', kind: 'transliteration', lang: 'ar-Latn' }],
  });
  return { ...d, caseId: kase.id, kaabi: kaabi.id, nujaba: nujaba.id };
}

const preview = (d: Desk, caseId: string, data: Uint8Array | string, fileName = 'report.txt') =>
  d.core.invoke('reports.importPreview', { as: d.analyst.id, caseId, fileName, data: typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data) });

const headFile = (d: Desk) => fs.readFileSync(path.join(d.dir, HEAD_FILE), 'utf8');

/** The body with each citation replaced by its footnote number (by first use) and each quotation by its quoted text. */
function asPublished(body: string, wording: (statementId: string) => string): string {
  const numbers = new Map<string, number>();
  let out = '';
  let at = 0;
  for (const r of parseBody(body).references) {
    out += body.slice(at, r.start);
    if (r.kind === 'cite') {
      if (!numbers.has(r.sourceId)) numbers.set(r.sourceId, numbers.size + 1);
      out += `[${numbers.get(r.sourceId)}]`;
    } else out += `"${wording(r.statementId)}"`;
    at = r.end;
  }
  return out + body.slice(at);
}

describe('reports.importPreview and reports.importApply on the sample', () => {
  it('previews without writing, then creates the report, the statement, four sources and their links in the case', async () => {
    const d = await deskWithActors();
    const counts = tableCounts(d.core.db);
    const head = headFile(d);
    const plan = await preview(d, d.caseId, SAMPLE);
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(headFile(d)).toBe(head);

    expect(plan.report).toMatchObject({ headline: HEADLINE, datelineDate: '2023-11-01', datelineText: 'November 1, 2023', marking: 'subscribers' });
    expect(plan.statement).toMatchObject({
      publishedWording: QUOTATION, speaker: { actorId: d.kaabi }, onBehalfOf: { actorId: d.nujaba }, saidAt: '2023-11-01', platform: 'X',
    });
    expect(plan.sources.map((s) => [s.footnote, s.kind, s.title])).toEqual([
      [1, 'social_post', 'Akram Al-Kaabi, post on X, November 1, 2023'],
      [2, 'document', 'Al-Nujaba Movement, statement, October 23, 2023'],
      [3, 'video', 'Al-Nujaba Movement, video, October 30, 2023'],
      [null, 'web_page', HEADLINE],
    ]);
    expect(plan.actors.matched.map((a) => [a.name, a.roles, a.matchedAs])).toEqual(expect.arrayContaining([
      ['Akram Al-Kaabi', ['speaker'], ['Akram Al-Kaabi']],
      ['Al-Nujaba Movement', ['on_behalf_of'], ['Al-Nujaba Movement', 'Al-Nujaba']],
    ]));
    expect(plan.actors.proposed).toEqual([]);
    expect(plan.dropped).toHaveLength(8);

    const res = await d.core.invoke('reports.importApply', { as: d.analyst.id, plan, choices: { createActors: [], keepDropped: [] } });
    const st = res.statement!;
    expect(st).toMatchObject({
      originalStatus: 'not_captured', originalText: null, publishedWording: QUOTATION, publishedWordingLanguage: 'en',
      speakerId: d.kaabi, onBehalfOfId: d.nujaba, saidAt: '2023-11-01', platform: 'X', marking: 'subscribers',
    });
    expect(st.scriptureRefs.map((r) => `${r.chapter}:${r.verse}`)).toEqual(['8:17']);
    // The sample's dateline is a date and no place: the date goes to its own field.
    expect(res.report).toMatchObject({ headline: HEADLINE, dateline: '', datelineDate: '2023-11-01', lead: '', marking: 'subscribers' });
    expect(res.sources).toHaveLength(4);

    const items = await d.core.invoke('cases.items', { as: d.analyst.id, caseId: d.caseId });
    expect(items.map((i) => i.itemType).sort()).toEqual(['report', 'source', 'source', 'source', 'source', 'statement']);
    const cites = await d.core.invoke('citations.list', { as: d.analyst.id, citingType: 'statement', citingId: st.id });
    expect(cites.map((c) => c.sourceId)).toEqual([res.sources[0]!.id, res.sources[3]!.id]);

    // The body cites the new sources by id, quotes the new statement, and reads as the sample.
    const refs = parseBody(res.report.body);
    expect(refs.problems).toEqual([]);
    expect(refs.references.map((r) => (r.kind === 'cite' ? r.sourceId : r.statementId))).toEqual([
      res.sources[0]!.id, st.id, res.sources[1]!.id, res.sources[2]!.id,
    ]);
    const md = new MarkdownIt({ html: false });
    const published = asPublished(res.report.body, (id) => (id === st.id ? st.publishedWording as string : '?')).split('\n\n');
    expect(published.map((p) => md.render(p))).toEqual(PARAGRAPHS.map((p) => `<p>${md.utils.escapeHtml(p)}</p>\n`));

    const audit = d.core.db.prepare("SELECT actor_id, changes FROM audit_log WHERE action = 'report.import'").all() as { actor_id: string; changes: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(d.analyst.id);
    expect(JSON.parse(audit[0]!.changes).importedFrom[1]).toMatchObject({ fileName: 'report.txt', sha256: plan.input.sha256 });
    expect((await d.core.check()).ok).toBe(true);
  });

  it('keeps the dropped lines the user chose, in their place, and no others', async () => {
    const d = await deskWithActors();
    const plan = await preview(d, d.caseId, SAMPLE);
    const lab = plan.dropped.find((x) => x.text === 'The Cyber & Jihad Lab')!;
    const res = await d.core.invoke('reports.importApply', { as: d.analyst.id, plan, choices: { keepDropped: [lab.at] } });
    const paras = res.report.body.split('\n\n');
    expect(paras).toHaveLength(4);
    expect(paras[3]).toBe('The Cyber & Jihad Lab');
    expect(res.keptLines).toBe(1);
  });

  it('reads the HTML page the same way and takes footnote addresses from its links', async () => {
    const d = await deskWithActors();
    const plan = await preview(d, d.caseId, SAMPLE_HTML, 'report.html');
    expect(plan.input.format).toBe('html');
    expect(plan.paragraphs.map((p) => p.text)).toEqual(PARAGRAPHS);
    expect(plan.sources.map((s) => [s.footnote, s.kind, s.url, s.author, s.publisher, s.publishedAt, s.guessed])).toEqual([
      [1, 'social_post', 'https://x.com/Akram_Kaabi', '@Akram_Kaabi', 'X (formerly Twitter)', '2023-11-01', []],
      [2, 'social_post', 'https://t.me/nujaba_official/1234', '@nujaba_official', 'Telegram', '2023-10-23', []],
      [3, 'video', null, 'Al-Nujaba Movement', 'Al-Nujaba Movement video', '2023-10-30', ['author']],
      [null, 'web_page', expect.stringMatching(/^https:\/\/www\.memri\.org\//), null, "MEMRI's Jihad and Terrorism Threat Monitor (JTTM)", '2023-11-01', []],
    ]);
    const res = await d.core.invoke('reports.importApply', { as: d.analyst.id, plan });
    expect(res.statement?.publishedWording).toBe(QUOTATION);
  });
});

describe('matching actors by alias', () => {
  it('in Latin script: transliterations and aliases find the existing actors', async () => {
    const d = await deskWithActors();
    const text = `Harakat al-Nujaba Threatens U.S. Forces\n\nNovember 2, 2023\n\nOn November 2, Akram al-Ka'bi, the leader of Harakat al-Nujaba, wrote on Telegram: "We will not stop until the last occupier has left the land of Iraq." He repeated it later.`;
    const plan = await preview(d, d.caseId, text);
    expect(plan.statement?.speaker).toEqual({ name: 'Akram Al-Kaabi', actorId: d.kaabi, proposedKey: null });
    expect(plan.statement?.onBehalfOf).toEqual({ name: 'Al-Nujaba Movement', actorId: d.nujaba, proposedKey: null });
    expect(plan.statement).toMatchObject({ saidAt: '2023-11-02', platform: 'Telegram', attribution: expect.stringContaining("Akram al-Ka'bi") });
    expect(plan.actors.matched.find((a) => a.actorId === d.kaabi)?.matchedAs).toEqual(["Akram al-Ka'bi"]);
    expect(plan.actors.proposed).toEqual([]);
  });

  it('in Arabic script, with or without diacritics', async () => {
    const d = await deskWithActors();
    const text = 'الكعبي: المقاومة قررت تحرير العراق\n\n1 November 2023\n\nأعلن أَكْرَم الكَعْبِي، الأمين العام حركة النجباء، في بيان نشره على منصة إكس: «إن المقاومة الإسلامية في العراق قررت تحرير العراق عسكرياً وحسم الأمر، وما هو آت سيكون عظيماً».';
    const plan = await preview(d, d.caseId, text);
    expect(plan.report.datelineDate).toBe('2023-11-01');
    expect(plan.statement?.publishedWording).toBe('إن المقاومة الإسلامية في العراق قررت تحرير العراق عسكرياً وحسم الأمر، وما هو آت سيكون عظيماً');
    expect(plan.statement?.publishedWordingLanguage).toBe('ar');
    expect(plan.statement?.speaker?.actorId).toBe(d.kaabi);
    expect(plan.statement?.onBehalfOf?.actorId).toBe(d.nujaba);
    expect(plan.actors.matched.find((a) => a.actorId === d.kaabi)?.matchedAs).toEqual(['الكعبي', 'أَكْرَم الكَعْبِي']);
  });

  it('proposes new actors only when none match, and creates them only when chosen', async () => {
    const d = await makeDesk();
    const kase = await d.core.invoke('cases.create', { as: d.admin.id, title: 'c' });
    const plan = await preview(d, kase.id, SAMPLE);
    expect(plan.actors.matched).toEqual([]);
    expect(plan.actors.proposed.map((a) => [a.kind, a.name, a.roles])).toEqual([
      ['person', 'Akram Al-Kaabi', ['speaker']], ['organization', 'Al-Nujaba Movement', ['on_behalf_of']],
    ]);

    const without = await d.core.invoke('reports.importApply', { as: d.analyst.id, plan });
    expect(without.actorsCreated).toEqual([]);
    expect(without.statement).toMatchObject({ speakerId: null, onBehalfOfId: null });
    expect((await d.core.invoke('actors.list', { as: d.analyst.id })).total).toBe(0);

    const kase2 = await d.core.invoke('cases.create', { as: d.admin.id, title: 'c2' });
    const plan2 = await preview(d, kase2.id, SAMPLE);
    const withActors = await d.core.invoke('reports.importApply', { as: d.analyst.id, plan: plan2, choices: { createActors: plan2.actors.proposed.map((a) => a.key) } });
    expect(withActors.actorsCreated.map((a) => [a.kind, a.name])).toEqual([['person', 'Akram Al-Kaabi'], ['organization', 'Al-Nujaba Movement']]);
    expect(withActors.statement).toMatchObject({ speakerId: withActors.actorsCreated[0]!.id, onBehalfOfId: withActors.actorsCreated[1]!.id });

    // Now they exist: a third preview matches them instead of proposing them again.
    const kase3 = await d.core.invoke('cases.create', { as: d.admin.id, title: 'c3' });
    expect((await preview(d, kase3.id, SAMPLE)).actors.proposed).toEqual([]);
  });
});

describe('one transaction, and a stale plan refused whole', () => {
  it('a failure in the middle of the apply leaves nothing behind, and the same plan applies once the failure is gone', async () => {
    const d = await makeDesk();
    const kase = await d.core.invoke('cases.create', { as: d.admin.id, title: 'c' });
    const plan = await preview(d, kase.id, SAMPLE);
    const counts = tableCounts(d.core.db);
    const head = headFile(d);
    // The report is written last, after the actors, sources, statement and citations.
    const side = sideConnection(d.core);
    side.exec("CREATE TRIGGER fail_report BEFORE INSERT ON reports BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END");
    const choices = { createActors: plan.actors.proposed.map((a) => a.key) };
    await expect(d.core.invoke('reports.importApply', { as: d.analyst.id, plan, choices })).rejects.toThrow('disk full (simulated)');
    expect(tableCounts(d.core.db)).toEqual(counts);
    expect(headFile(d)).toBe(head);

    side.exec('DROP TRIGGER fail_report');
    const res = await d.core.invoke('reports.importApply', { as: d.analyst.id, plan, choices });
    expect(res.actorsCreated).toHaveLength(2);
    expect((await d.core.check()).ok).toBe(true);
  });

  async function staleRefused(d: Desk, plan: ReportImportPlan, message: RegExp, choices = {}) {
    const counts = tableCounts(d.core.db);
    const body = await refused(d.core.invoke('reports.importApply', { as: d.analyst.id, plan, choices }), 'conflict');
    expect(body.message).toMatch(/^The import preview is out of date: /);
    expect(body.message).toMatch(message);
    expect(body.message).toMatch(/Preview the import again; nothing was imported\.$/);
    expect(tableCounts(d.core.db)).toEqual(counts);
  }

  it('refuses a plan whose matched speaker was moved to the trash since', async () => {
    const d = await deskWithActors();
    const plan = await preview(d, d.caseId, SAMPLE);
    const kaabi = await d.core.invoke('actors.get', { as: d.analyst.id, id: d.kaabi });
    await d.core.invoke('actors.trash', { as: d.analyst.id, id: d.kaabi, rev: kaabi.rev });
    await staleRefused(d, plan, /the actor "Akram Al-Kaabi" was moved to the trash/);
  });

  it('refuses a plan whose actor was renamed so that it no longer matches, but not one merely edited', async () => {
    const d = await deskWithActors();
    const plan = await preview(d, d.caseId, SAMPLE);
    let org = await d.core.invoke('actors.update', { as: d.analyst.id, id: d.nujaba, rev: 1, description: 'Iran-backed militia' });
    const renamed = await d.core.invoke('actors.update', { as: d.analyst.id, id: d.nujaba, rev: org.rev, name: 'Kataib Hezbollah', aliases: [] });
    await staleRefused(d, plan, /the actor "Kataib Hezbollah" was changed and is no longer named "Al-Nujaba Movement" or "Al-Nujaba"/);
    org = await d.core.invoke('actors.update', { as: d.analyst.id, id: d.nujaba, rev: renamed.rev, name: 'Al-Nujaba Movement' });
    await expect(d.core.invoke('reports.importApply', { as: d.analyst.id, plan })).resolves.toMatchObject({ statement: { onBehalfOfId: d.nujaba } });
  });

  it('refuses the same plan applied twice, a trashed case, and a new actor someone else created meanwhile', async () => {
    const d = await makeDesk();
    const kase = await d.core.invoke('cases.create', { as: d.admin.id, title: 'c' });
    const plan = await preview(d, kase.id, SAMPLE);
    const choices = { createActors: plan.actors.proposed.map((a) => a.key) };
    await d.core.invoke('actors.create', { as: d.analyst.id, kind: 'person', name: 'Akram al-Kaabi' });
    await staleRefused(d, plan, /an actor named "Akram Al-Kaabi" now exists/, choices);

    await d.core.invoke('reports.importApply', { as: d.analyst.id, plan });
    await staleRefused(d, plan, /a report with this headline was added to the case since \([0-9a-f-]{36}\): this plan may already have been imported/);

    const again = await preview(d, kase.id, SAMPLE);
    expect(again.sameHeadlineReports).toHaveLength(1);
    expect(again.warnings).toContain(`This case already has a report with this headline (${again.sameHeadlineReports[0]!.id}).`);
    const k = await d.core.invoke('cases.get', { as: d.admin.id, id: kase.id });
    await d.core.invoke('cases.trash', { as: d.admin.id, id: kase.id, rev: k.rev });
    await staleRefused(d, again, /the case "c" was moved to the trash/);
  });

  it('refuses choices and plans that do not fit together, naming the field', async () => {
    const d = await deskWithActors();
    const plan = await preview(d, d.caseId, SAMPLE);
    const bad = (p: ReportImportPlan, choices: object = {}) => refused(d.core.invoke('reports.importApply', { as: d.analyst.id, plan: p, choices }), 'invalid_input');
    expect((await bad(plan, { createActors: [d.kaabi] })).field).toBe('choices.createActors');
    expect((await bad(plan, { keepDropped: [9999] })).message).toContain('the plan dropped no line at 9999');
    const forged = structuredClone(plan);
    forged.paragraphs[0]!.markdown += ` [@${d.kaabi}]`;
    expect((await bad(forged)).message).toMatch(/plan\.paragraphs\.0\.markdown: it cites .* which is not one of the plan's sources/);
  });

  it('lets a reviewer preview but only an analyst apply', async () => {
    const d = await deskWithActors();
    const plan = await d.core.invoke('reports.importPreview', { as: d.reviewer.id, caseId: d.caseId, fileName: 'r.txt', data: new Uint8Array(SAMPLE) });
    expect((await refused(d.core.invoke('reports.importApply', { as: d.reviewer.id, plan }), 'forbidden')).message).toBe('Only a profile with the analyst role may import reports.');
  });
});

describe('bad import files are refused, naming what is wrong, and nothing is written', () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const cases: [string, Uint8Array, string, RegExp][] = [
    ['empty', new Uint8Array(0), 'invalid_input', /^data: the import file "f" is empty; nothing was imported\.$/],
    ['white space only', new TextEncoder().encode(' \n\t\n'), 'invalid_input', /holds only white space/],
    ['a PNG image', PNG, 'invalid_input', /is binary \(image\/png\), not the text or HTML of a report/],
    ['NUL bytes', Uint8Array.from([0x48, 0x69, 0x00, 0x00, 0x21]), 'invalid_input', /is binary \(a control byte 0x00 at byte offset 2\)/],
    ['UTF-16', Uint8Array.from([0xff, 0xfe, 0x48, 0x00]), 'invalid_input', /is UTF-16 text: save it as UTF-8/],
    ['Latin-1', Uint8Array.from([...new TextEncoder().encode('Headline\nCaf'), 0xe9, 0x0a]), 'invalid_input', /is not valid UTF-8 \(byte 0xe9 at byte offset 12, line 2\)/],
    ['too large', new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61), 'too_large', /^The import file "f" is 5\.0 MB; a published report's text or page is at most 5\.0 MB\. Nothing was imported\.$/],
    ['a body too long for a report', new TextEncoder().encode(`Headline\n\n${`${'Ordinary words that go on for a while to make a paragraph. '.repeat(14)}\n\n`.repeat(2_600)}`), 'invalid_input', /the report's body would be 2,1[0-9]{2},[0-9]{3} characters, more than a report body may hold \(1,000,000\)/],
    ['not a report', new TextEncoder().encode('Shopping\neggs\nmilk\n'), 'invalid_input', /is not a published report: no paragraph after the headline reads as the body of a report/],
  ];
  it.each(cases)('%s', async (_name, data, code, message) => {
    const d = await deskWithActors();
    const counts = tableCounts(d.core.db);
    const body = await refused(preview(d, d.caseId, data, 'f'), code as 'invalid_input');
    expect(body.field).toBe('data');
    expect(body.message).toMatch(message);
    expect(tableCounts(d.core.db)).toEqual(counts);
  });

  it('an unknown or trashed case', async () => {
    const d = await deskWithActors();
    expect((await refused(preview(d, '01900000-0000-7000-8000-0000000000aa', SAMPLE), 'not_found')).message).toMatch(/No case with id/);
  });
});
