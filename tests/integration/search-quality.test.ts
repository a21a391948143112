// The quality set: every query of tests/fixtures/search/quality.json must find its expected
// records in the top 10 (and none of its `absent` ones at all), through the Core's contract.
import { describe, expect, it } from 'vitest';
import { makeDesk, useCleanup, type Desk } from './helpers';
import { loadQualityCorpus, readQualityFixture } from './search-fixture';

useCleanup();

const fx = readQualityFixture();

describe('search quality set', () => {
  it('has at least 40 query/expected-document pairs', () => {
    expect(fx.queries.length).toBeGreaterThanOrEqual(40);
    expect(fx.queries.reduce((n, q) => n + q.expect.length, 0)).toBeGreaterThanOrEqual(40);
  });

  it('answers every query, and prints recall@10', async () => {
    const desk: Desk = await makeDesk();
    const as = desk.admin.id;
    const { ids, keys } = await loadQualityCorpus(desk.core, as, fx);
    let expected = 0;
    let found = 0;
    const failures: string[] = [];
    for (const query of fx.queries) {
      const res = await desk.core.invoke('search.query', { as, q: query.q, limit: 50, expandAliases: query.expandAliases ?? true });
      const top10 = res.hits.slice(0, 10).map((h) => keys.get(h.id) ?? h.id);
      const all = new Set(res.hits.map((h) => keys.get(h.id) ?? h.id));
      for (const want of query.expect) {
        expected++;
        if (!ids.has(want)) throw new Error(`fixture: unknown key ${want}`);
        if (top10.includes(want)) found++;
        else failures.push(`${JSON.stringify(query.q)} (${query.covers}): ${want} not in the top 10 [${top10.join(', ')}]`);
      }
      for (const not of query.absent ?? []) {
        if (all.has(not)) failures.push(`${JSON.stringify(query.q)} (${query.covers}): ${not} should not be found`);
      }
    }
    const recall = found / expected;
    console.log(`search quality: ${fx.queries.length} queries, ${expected} expected hits, recall@10 = ${recall.toFixed(3)}`);
    expect(failures).toEqual([]);
    expect(recall).toBe(1);
  });
});
