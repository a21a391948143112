// Search at archive scale, in behaviour a desk relies on: counting stops at a cap and says so
// (the first page costs the same however much matches), a rebuild reports progress and can be
// cancelled without losing the index, and the saves after a rebuild never rewrite it.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { checkIndex, reindex, runSearch } from '../../electron/core/search/index';
import { ftsLevels } from '../../electron/core/search/indexWriter';
import { COUNT_CAP } from '../../electron/core/search/search';
import { makeDesk, newCase, newStatement, useCleanup, type Desk } from './helpers';

useCleanup();

/** `n` notes on a case straight into the table (the Core's writes would take minutes), then a rebuild on first search. */
function bulkNotes(d: Desk, caseId: string, n: number, body: (i: number) => string): void {
  const at = '2024-01-01T00:00:00.000Z';
  const ins = d.core.db.prepare(`INSERT INTO notes (id, target_type, target_id, body, pinned, rev, created_at, updated_at, created_by, updated_by)
    VALUES (?, 'case', ?, ?, 0, 1, ?, ?, ?, ?)`);
  d.core.db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(uuidv7(), caseId, body(i), at, at, d.admin.id, d.admin.id);
  })();
  d.core.db.prepare("UPDATE search_state SET value = '1' WHERE key = 'needs_rebuild'").run();
}

describe('counting stops at the cap', () => {
  it('says "at least 10,000" for the total and the type that has them, and stays exact for the others', async () => {
    const d = await makeDesk();
    const kase = await newCase(d, { title: 'Drone campaign' });
    const sts = [];
    for (let i = 0; i < 3; i++) sts.push(await newStatement(d, { originalText: `drone strike report ${i}` }));
    bulkNotes(d, kase.id, COUNT_CAP + 20, (i) => `drone sighting ${i} near the base`);

    let r = await d.core.invoke('search.query', { as: d.analyst.id, q: 'drone' });
    expect(r.capped).toBe(true);
    expect(r.cap).toBe(COUNT_CAP);
    expect(r.total).toBe(COUNT_CAP);
    expect(r.facets.type).toEqual({ statement: 3, note: COUNT_CAP, case: 1 });
    // Case counts then cover the first hits only: at least what they say.
    // (The first 10,000 hits in the index's order: the 3 statements, then notes.)
    const drones = () => r.facets.case.find((c) => c.caseId === kase.id)?.count;
    expect(drones()).toBe(COUNT_CAP - 3);
    expect(r.hits).toHaveLength(20);
    // A statement filed in the case counts there at the next query.
    await d.core.invoke('cases.addItem', { as: d.analyst.id, caseId: kase.id, itemType: 'statement', itemId: sts[0]!.id });
    r = await d.core.invoke('search.query', { as: d.analyst.id, q: 'drone' });
    expect(drones()).toBe(COUNT_CAP - 2);

    // A narrower query is counted exactly, facets included.
    const one = await d.core.invoke('search.query', { as: d.analyst.id, q: 'drone strike' });
    expect(one).toMatchObject({ total: 3, capped: false, facets: { type: { statement: 3 } } });
    const notes = await d.core.invoke('search.query', { as: d.analyst.id, q: '"sighting 17 near"' });
    expect(notes).toMatchObject({ total: 1, capped: false, facets: { type: { note: 1 }, case: [{ caseId: kase.id, count: 1 }] } });
  });
});

describe('rebuilding the index', () => {
  it('reports progress, and a cancelled rebuild leaves the index as it was', async () => {
    const d = await makeDesk();
    for (let i = 0; i < 12; i++) await newStatement(d, { originalText: `بيان رقم ${i}`, publishedWording: `Statement ${i} on the attacks` });
    const seen: [number, number, string][] = [];
    const r = reindex(d.core, { worker: false, onProgress: (done, total, phase) => seen.push([done, total, phase]) });
    expect(r.documents).toBe(12);
    expect(r.settled).toBe(true);
    // Records until the new index is swapped in, then the pages of its settling.
    const building = seen.filter((p) => p[2] === 'reindex');
    const settling = seen.filter((p) => p[2] === 'optimize');
    expect(seen.slice(0, building.length)).toEqual(building);
    expect(building[0]).toEqual([0, 12, 'reindex']);
    expect(building.at(-1)).toEqual([12, 12, 'reindex']);
    for (let i = 1; i < building.length; i++) expect(building[i]![0]).toBeGreaterThanOrEqual(building[i - 1]![0]);
    expect(settling.length).toBeGreaterThan(0);
    for (const [done, total] of settling) expect(done).toBeLessThanOrEqual(total);
    expect(seen.at(-1)).toEqual([1, 1, 'optimize']);

    const stop = new AbortController();
    expect(() => reindex(d.core, { worker: false, signal: stop.signal, onProgress: () => stop.abort() })).toThrow(/abort/i);
    // Thrown from the progress callback (a door's own cancel) works the same way.
    expect(() => reindex(d.core, { worker: false, onProgress: (done) => { if (done > 0) throw new Error('stopped by the user'); } })).toThrow('stopped by the user');
    expect(checkIndex(d.core)).toEqual([]);
    expect(runSearch(d.core, 'attacks').total).toBe(12);

    // Stopped once the rebuilt index is in place, it is kept: only its settling stops.
    const seenStop: string[] = [];
    const late = reindex(d.core, { worker: false, onProgress: (_done, _total, phase) => { seenStop.push(phase); if (phase === 'optimize') throw new Error('stopped by the user'); } });
    expect(late).toMatchObject({ documents: 12, settled: false });
    expect(seenStop.at(-1)).toBe('optimize');
    expect(checkIndex(d.core)).toEqual([]);
    expect(runSearch(d.core, 'attacks').total).toBe(12);
    await newStatement(d, { originalText: 'بيان أخير', publishedWording: 'A later statement on the attacks' });
    expect(runSearch(d.core, 'attacks').total).toBe(13);
    expect(checkIndex(d.core)).toEqual([]);

    const checking = new AbortController();
    expect(() => checkIndex(d.core, { signal: checking.signal, onProgress: () => checking.abort() })).toThrow(/abort/i);
  });

  // Built in one transaction (a small desk) or in many (sliceRecords: as a large desk is), the
  // rebuilt index ends where the saves' own small merges do not reach it.
  it.each([{ slices: 'one transaction', sliceRecords: undefined }, { slices: 'transactions of 7 records', sliceRecords: 7 }])(
    'leaves the rebuilt index where the saves after it never merge it in ($slices)', async ({ sliceRecords }) => {
      const d = await makeDesk();
      const kase = await newCase(d, { title: 'Archive' });
      bulkNotes(d, kase.id, 400, (i) => `note ${i} on the operations of the resistance`);
      const r = reindex(d.core, { worker: false, sliceRecords });
      expect(r.settled).toBe(true);
      // One segment, high above the levels the saves' merges fill (FTS5's structure record).
      const levels = ftsLevels(d.core.db) as number[];
      expect(levels.filter((n) => n > 0)).toEqual([1]);
      expect(levels.indexOf(1)).toBeGreaterThanOrEqual(6);
      // FTS5 keeps the index's pages in search_fts_data (rowids 1 and 10 are its averages and
      // structure records): the pages the rebuild wrote must all still be there after many
      // saves. (FTS5 does rewrite a segment once a tenth of its rows were deleted, so the edits
      // keep to a few records, as a desk's day of work would; most saves add new notes.)
      const pages = () => new Set(d.core.db.prepare('SELECT id FROM search_fts_data WHERE id > 10').pluck().all() as number[]);
      const rebuilt = pages();
      expect(rebuilt.size).toBeGreaterThan(5);
      const edited = d.core.db.prepare('SELECT id FROM notes ORDER BY rowid LIMIT 20').pluck().all() as string[];
      for (let i = 0; i < 40; i++) {
        const id = edited[i % edited.length]!;
        const note = await d.core.invoke('notes.get', { as: d.analyst.id, id });
        await d.core.invoke('notes.update', { as: d.analyst.id, id, rev: note.rev, body: `note edited ${i}` });
      }
      // A note of a few lines each, in words of its own, as new notes are.
      const words = (i: number) => Array.from({ length: 60 }, (_, k) => `w${((i * 61 + k * 7) % 3000).toString(36)}`).join(' ');
      for (let i = 0; i < 160; i++) {
        await d.core.invoke('notes.create', { as: d.analyst.id, targetType: 'case', targetId: kase.id, body: `fresh note ${i} on the convoy ${words(i)}` });
      }
      const after = pages();
      expect([...rebuilt].filter((p) => !after.has(p))).toEqual([]);
      expect(runSearch(d.core, 'edited').total).toBe(20);
      expect(runSearch(d.core, 'convoy').total).toBe(160);
      expect(runSearch(d.core, 'resistance').total).toBe(380);
      expect(checkIndex(d.core)).toEqual([]);
    });
});
