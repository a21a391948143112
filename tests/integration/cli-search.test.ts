// `casefile search`, `reindex` and the index part of `check`, run as a user would.
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { cf, cfJson, tempDir } from './cliRunner';

interface Hits { total: number; facets: { type: Record<string, number> }; expansions: { term: string; names: string[] }[]; hits: { type: string; id: string; title: string; snippet: { text: string; highlights: [number, number][] } }[] }

describe('casefile search', () => {
  let data: string;
  beforeAll(async () => {
    data = tempDir();
    expect((await cf(['sample', '--unencrypted', '--data', data])).code).toBe(0);
  });

  it('finds the sample statement, expands an actor name to its aliases, and prints JSON in the documented shape', async () => {
    const r = await cfJson<Hits>(['search', 'liberate Iraq', '--type', 'statement', '--data', data]);
    expect(r.total).toBe(1);
    expect(r.hits[0]).toMatchObject({ type: 'statement' });
    const [start, end] = r.hits[0]!.snippet.highlights[0]!;
    expect(r.hits[0]!.snippet.text.slice(start, end).toLowerCase()).toMatch(/liberate|iraq/);

    const kaabi = await cfJson<Hits>(['search', 'Kabi', '--data', data]);
    expect(kaabi.expansions.flatMap((e) => e.names)).toContain('الكعبي');
    expect(kaabi.hits.map((h) => h.type)).toContain('actor');
    const plain = await cfJson<Hits>(['search', 'Kabi', '--no-expand', '--data', data]);
    expect(plain.expansions).toEqual([]);
  });

  it('answers bad syntax with a message that points at it, exit 1, never an SQLite error', async () => {
    const r = await cf(['search', '"unclosed phrase', '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid_input/);
    expect(r.stderr).not.toMatch(/sqlite|fts5/i);
    expect((await cf(['search', 'x', '--type', 'planet', '--data', data])).code).toBe(2);
  });

  it('reindex reports what it did; check catches an index that was tampered with', async () => {
    expect((await cf(['reindex', '--data', data])).stdout).toMatch(/Reindexed \d+ records in [\d.]+ s/);
    expect((await cf(['check', '--data', data])).code).toBe(0);
    const db = new Database(path.join(data, 'casefile.sqlite'));
    db.prepare('DELETE FROM search_docs WHERE rowid = (SELECT min(rowid) FROM search_docs)').run();
    db.close();
    const broken = await cf(['check', '--data', data]);
    expect(broken.code).toBe(1);
    expect(broken.stdout + broken.stderr).toMatch(/Search index/);
    expect((await cf(['reindex', '--data', data])).code).toBe(0);
    expect((await cf(['check', '--data', data])).code).toBe(0);
  });
});
