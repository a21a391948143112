// Pivots (issue 14): from a hashtag, a handle, a Quran reference or a URL on a record to every
// record that shares it, through the search's filters (mention:, quran:, url:, and tag:), with
// the same folding as the rest of the search.
import { describe, expect, it } from 'vitest';
import { checkIndex, reindex } from '../../electron/core/search/index';
import { DOC_VERSION } from '../../electron/core/search/indexWriter';
import { pivotQuery } from '../../shared/text/pivots';
import { makeDesk, newSource, newStatement, refused, useCleanup, type Desk } from './helpers';

useCleanup();

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();
const q = (d: Desk, query: string) => d.core.invoke('search.query', { as: d.analyst.id, q: query, limit: 50 });

async function corpus(d: Desk) {
  const a = await newStatement(d, {
    originalText: 'أعلنت #النجباء عبر @Nujaba_Official: ﴿وَمَا رَمَيْتَ إِذْ رَمَيْتَ﴾ [الأنفال: 17] https://x.com/nujaba/status/1',
    handle: '@kaabi_akram', url: 'https://x.com/kaabi_akram/status/9',
  });
  // Shares the hashtag written with diacritics, the mention in other case, and sura 8 (verses 16-18).
  const b = await newStatement(d, {
    originalText: 'بيان #النُّجَباء إلى @NUJABA_OFFICIAL (الأنفال: 16-18) http://www.X.com/nujaba/status/1/',
  });
  // Posted by the account the first one only mentions: a handle pivot finds both.
  const c = await newStatement(d, { originalText: 'نص آخر بلا وسوم', handle: 'nujaba_official' });
  const other = await newStatement(d, { originalText: 'لا شيء مشترك #العراق (البقرة: 255)' });
  const src = await newSource(d, { title: 'The post on X', url: 'https://x.com/nujaba/status/1' });
  return { a, b, c, other, src };
}

describe('pivot filters', () => {
  it('find every record that shares a hashtag, a handle, a Quran verse or sura, or a URL', async () => {
    const d = await makeDesk();
    const { a, b, c, other, src } = await corpus(d);
    expect(a.mentions).toEqual(['Nujaba_Official']);
    expect(a.scriptureRefs.map((r) => `${r.chapter}:${r.verse}`)).toEqual(['8:17']);

    expect(ids(await q(d, pivotQuery('tag', '#النجباء')))).toEqual([a.id, b.id].sort());
    expect(ids(await q(d, pivotQuery('mention', '@nujaba_official')))).toEqual([a.id, b.id, c.id].sort());
    expect(ids(await q(d, 'mention:KAABI_AKRAM'))).toEqual([a.id]);
    expect(ids(await q(d, pivotQuery('quran', '8:17')))).toEqual([a.id, b.id].sort());
    expect(ids(await q(d, 'quran:8:18'))).toEqual([b.id]);
    expect(ids(await q(d, 'quran:8'))).toEqual([a.id, b.id].sort());
    expect(ids(await q(d, 'quran:٢:٢٥٥'))).toEqual([other.id]);
    expect(ids(await q(d, 'quran:8:17-18'))).toEqual([a.id, b.id].sort());
    // Scheme, www., case and a trailing slash do not make another address; sources share URLs too.
    expect(ids(await q(d, pivotQuery('url', 'https://x.com/nujaba/status/1')))).toEqual([a.id, b.id, src.id].sort());
    expect(ids(await q(d, 'url:x.com/nujaba/status/1 type:source'))).toEqual([src.id]);
    expect(ids(await q(d, 'url:x.com/kaabi_akram/status/9'))).toEqual([a.id]);
    // With words and negations, as any filter.
    expect(ids(await q(d, 'mention:nujaba_official -quran:8'))).toEqual([c.id]);
    expect(ids(await q(d, 'بيان mention:nujaba_official'))).toEqual([b.id]);
    expect(checkIndex(d.core)).toEqual([]);
  });

  it('refuses a value that is not one, naming it', async () => {
    const d = await makeDesk();
    expect((await refused(q(d, 'quran:200'), 'invalid_input')).message).toMatch(/"quran:200" is not a Quran reference/);
    expect((await refused(q(d, 'quran:8:20-3'), 'invalid_input')).message).toMatch(/not a Quran reference/);
    expect((await refused(q(d, 'mention:@'), 'invalid_input')).message).toMatch(/"mention:" needs a handle/);
  });

  it('follows edits: a mention taken out of the text leaves the pivot', async () => {
    const d = await makeDesk();
    const { b } = await corpus(d);
    await d.core.invoke('statements.update', { as: d.analyst.id, id: b.id, rev: b.rev, originalText: 'بيان بلا إشارة', correctionReason: 'wrong paste' });
    expect(ids(await q(d, 'mention:nujaba_official'))).not.toContain(b.id);
    expect(ids(await q(d, 'quran:8'))).not.toContain(b.id);
  });

  it('brings an index built before pivots up to date without a rebuild', async () => {
    const d = await makeDesk();
    const { a, c } = await corpus(d);
    const db = d.core.db;
    reindex(d.core);
    // As version 3 left it: no pivot terms, and documents whose FTS rows lack the pivot tokens.
    db.prepare("UPDATE search_state SET value = '3' WHERE key = 'doc_version'").run();
    db.prepare("DELETE FROM search_doc_terms WHERE kind IN ('quran', 'url')").run();
    db.prepare("DELETE FROM search_fts WHERE rowid IN (SELECT doc FROM search_docs WHERE record_id = ?)").run(c.id);
    expect(ids(await q(d, 'quran:8:17'))).toContain(a.id);
    expect(ids(await q(d, 'mention:nujaba_official'))).toContain(c.id);
    expect(db.prepare("SELECT value FROM search_state WHERE key = 'doc_version'").pluck().get()).toBe(DOC_VERSION);
    expect(checkIndex(d.core)).toEqual([]);
  });
});
