// Saved web pages as evidence, through the Core (issue 14): the page attached to a source or
// a statement is read once, its record found by search for the page's words (Arabic with or
// without diacritics), its own address and time offered; trash, restore, reindex, check,
// bundles and encrypted desks all keep it so.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exchangeFile } from '../../electron/core/io/bundle';
import { makeDesk, newCase, newSource, newStatement, tempDir, useCleanup, type Desk } from './helpers';

useCleanup();

const FIXTURES = path.join(__dirname, '../fixtures/pages');
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

const hits = async (d: Desk, q: string) => (await d.core.invoke('search.query', { as: d.analyst.id, q })).hits.map((h) => `${h.type}:${h.id}`);

async function attach(d: Desk, ownerType: 'source' | 'statement', ownerId: string, name: string) {
  return d.core.invoke('attachments.add', { as: d.analyst.id, ownerType, ownerId, fileName: name, data: fixture(name) });
}

describe('saved pages through the Core', () => {
  it('a source is found by an Arabic word of its saved page, with or without diacritics, and by a hashtag in it', async () => {
    const d = await makeDesk();
    const src = await newSource(d, { title: 'News site', kind: 'web_page' });
    const other = await newSource(d, { title: 'Unrelated' });
    expect(await hits(d, 'المقاومة')).toEqual([]);
    const att = await attach(d, 'source', src.id, 'arabic-statement.html');
    await attach(d, 'source', other.id, 'hostile.html');
    expect(await hits(d, 'المقاومة')).toEqual([`source:${src.id}`]);
    expect(await hits(d, 'المُقاوَمة')).toEqual([`source:${src.id}`]);
    expect(await hits(d, 'طوفان_الأقصى')).toEqual([`source:${src.id}`]);
    // The snippet says where the words were found.
    const snippet = (await d.core.invoke('search.query', { as: d.analyst.id, q: 'مستمرة' })).hits[0]?.snippet;
    expect(JSON.stringify(snippet)).toContain('Saved page (arabic-statement.html)');
    // The page, as the reader shows it: plain text and its own claims, offered (the source is unchanged).
    const page = await d.core.invoke('attachments.page', { as: d.analyst.id, id: att.id });
    expect(page).toMatchObject({ format: 'html', url: 'https://news.example.org/ar/2023/11/01/nujaba-bayan', capturedAt: null, problem: null });
    expect((await d.core.invoke('sources.get', { as: d.analyst.id, id: src.id })).url).toBeNull();
    // Words only scripts, hidden parts and forms held find nothing.
    for (const q of ['onload', 'noscript', 'template', 'Send']) expect(await hits(d, q), q).toEqual([]);
  });

  it('a statement with an MHTML and a WARC capture; trash hides the words, restore brings them back', async () => {
    const d = await makeDesk();
    const st = await newStatement(d, { originalText: 'نص قصير', language: 'ar' });
    const mhtml = await attach(d, 'statement', st.id, 'video-statement.mhtml');
    const warc = await attach(d, 'statement', st.id, 'written-statement.warc');
    expect(await d.core.invoke('attachments.page', { as: d.analyst.id, id: mhtml.id })).toMatchObject({ format: 'mhtml', url: 'https://t.example.org/nujaba/4521', capturedAt: '2023-10-30T15:04:12.000Z' });
    expect(await d.core.invoke('attachments.page', { as: d.analyst.id, id: warc.id })).toMatchObject({ format: 'warc', url: 'https://archive.example.org/bayanat/3', capturedAt: '2023-10-23T14:02:11.000Z' });
    expect(await hits(d, 'الشهداء')).toEqual([`statement:${st.id}`]);
    expect(await hits(d, 'ستتواصل')).toEqual([`statement:${st.id}`]);
    const trashed = await d.core.invoke('attachments.trash', { as: d.analyst.id, id: warc.id, rev: warc.rev });
    expect(await hits(d, 'ستتواصل')).toEqual([]);
    expect(await hits(d, 'الشهداء')).toEqual([`statement:${st.id}`]);
    await d.core.invoke('attachments.restore', { as: d.analyst.id, id: warc.id, rev: trashed.rev });
    expect(await hits(d, 'ستتواصل')).toEqual([`statement:${st.id}`]);
    expect((await d.core.check()).problems).toEqual([]);
  });

  it('a PDF\'s text is searchable; a damaged page is kept as evidence with the reason; an image is not a page', async () => {
    const d = await makeDesk();
    const src = await newSource(d);
    const pdf = await attach(d, 'source', src.id, 'communique.pdf');
    expect(await hits(d, 'truce')).toEqual([`source:${src.id}`]);
    expect(await d.core.invoke('attachments.page', { as: d.analyst.id, id: pdf.id })).toMatchObject({ format: 'pdf', title: 'Communique No. 7', capturedAt: '2023-11-01T05:30:00.000Z' });
    const broken = await d.core.invoke('attachments.add', {
      as: d.analyst.id, ownerType: 'source', ownerId: src.id, fileName: 'cut.warc', data: fixture('written-statement.warc').subarray(0, 900),
    });
    expect(broken.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await d.core.invoke('attachments.page', { as: d.analyst.id, id: broken.id }))?.problem).toMatch(/record 3 says it is \d+ bytes long but the file ends before that/);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const img = await d.core.invoke('attachments.add', { as: d.analyst.id, ownerType: 'source', ownerId: src.id, fileName: 'shot.png', data: new Uint8Array(png) });
    expect(await d.core.invoke('attachments.page', { as: d.analyst.id, id: img.id })).toBeNull();
    expect((await d.core.check()).problems).toEqual([]);
  });

  it('a page attached through a file path (the CLI\'s door) is read from the store', async () => {
    const d = await makeDesk();
    const st = await newStatement(d);
    const file = path.join(tempDir(), 'capture.warc');
    fs.writeFileSync(file, fixture('written-statement.warc'));
    await d.core.attachFile(d.analyst.id, file, { ownerType: 'statement', ownerId: st.id });
    expect(await hits(d, 'عمليات')).toEqual([`statement:${st.id}`]);
  });

  it('pages attached before they were read are read and indexed by reindex', async () => {
    const d = await makeDesk();
    const src = await newSource(d);
    await attach(d, 'source', src.id, 'arabic-statement.html');
    // As a desk from before migration 0011 has them: stored files with no page row.
    d.core.state.db.prepare('DELETE FROM page_texts').run();
    await d.core.invoke('desk.reindex', { as: d.admin.id });
    expect(await hits(d, 'الإسلامية')).toEqual([`source:${src.id}`]);
    expect(d.core.state.db.prepare('SELECT count(*) FROM page_texts').pluck().get()).toBe(1);
    expect((await d.core.check()).problems).toEqual([]);
  });

  it('on an encrypted desk the page is read through the store\'s decryption', async () => {
    const d = await makeDesk({ create: { method: 'passphrase', passphrase: 'correct horse battery staple', scrypt: { N: 2 ** 10, r: 8, p: 1 } } });
    const src = await newSource(d);
    const file = path.join(tempDir(), 'capture.mhtml');
    fs.writeFileSync(file, fixture('video-statement.mhtml'));
    await d.core.attachFile(d.analyst.id, file, { ownerType: 'source', ownerId: src.id });
    expect(await hits(d, 'ابطال')).toEqual([`source:${src.id}`]);
  });

  it('a case bundle carries a statement\'s saved page: the other desk finds the statement by the page\'s words', async () => {
    const a = await makeDesk();
    const b = await makeDesk();
    const kase = await newCase(a);
    const st = await newStatement(a, { caseIds: [kase.id] });
    const att = await attach(a, 'statement', st.id, 'video-statement.mhtml');
    const out = await a.core.invoke('exchange.exportBundle', { as: a.admin.id, caseId: kase.id });
    const dest = exchangeFile(b.core.dataDir, out.file);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(exchangeFile(a.core.dataDir, out.file), dest);
    await b.core.invoke('exchange.importBundle', { as: b.admin.id, file: out.file, trustKey: true });
    expect((await b.core.invoke('attachments.list', { as: b.analyst.id, ownerType: 'statement', ownerId: st.id })).map((x) => x.id)).toEqual([att.id]);
    expect(await hits(b, 'الشهداء')).toEqual([`statement:${st.id}`]);
    expect((await b.core.check()).problems).toEqual([]);
  });
});
