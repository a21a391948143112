// The benchmark's measuring process (tests/bench/search.ts starts it): bundled the way the app
// bundles the Core (tests/support/coreBundle.ts), search worker included, and started fresh for
// each measurement, so module loading counts and one measurement never warms the next.
//
//   node search-child.js reindex DIR          rebuild the index (the path `casefile reindex` and the app take)
//   node search-child.js check DIR            the whole `casefile check`
//   node search-child.js queries DIR FILE     cold start, the queries twice, then saves each followed by the query that finds it
//
// Each prints one JSON object on stdout; peak RSS is the process's own high-water mark.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { writeSignedHead } from '../../electron/core/audit/head';
import { createCore, DB_FILE } from '../../electron/core/index';
import { reindex } from '../../electron/core/search/index';
import { runChecks } from '../../electron/core/services/check';

export interface QueryFile { profileId: string; queries: { q: string; kind: string }[]; sample: string[]; saves: number }
export interface QueryRun {
  coldStartMs: number;
  /** Per query, the second round. */
  times: number[];
  /** Per query: the other names it was also searched as (for the raw baseline's same meaning). */
  expansions: string[][];
  totals: number[];
  saves: number[];
  /** Of each save to searchable: the write (the record, its audit entry, its index rows, the commit), then the query. */
  saveWrites: number[];
  saveQueries: number[];
  /**
   * Before each save, what its durability alone costs on this disk at that moment: one bare
   * commit of one small row to another database with the Core's pragmas (WAL,
   * synchronous=FULL), and the signed audit head file written as every write of the Core writes it.
   */
  bareCommits: number[];
  /** Before each save, one write of a few bytes to a file and its fsync: the disk's floor for anything durable. */
  plainSyncs: number[];
  savesMissed: number;
  rssMb: number;
  peakRssMb: number;
}

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const [cmd, dir, file] = process.argv.slice(2) as [string, string, string | undefined];
  if (cmd === 'reindex') {
    const core = createCore({ dataDir: dir });
    const r = reindex(core);
    core.close();
    out({ ...r, peakRssMb: peakMb() });
  } else if (cmd === 'check') {
    const core = createCore({ dataDir: dir });
    const t0 = performance.now();
    const report = await runChecks(core.state, path.join(dir, DB_FILE));
    const ms = performance.now() - t0;
    core.close();
    out({ ms, problems: report.problems.length, firstProblems: report.problems.slice(0, 3), peakRssMb: peakMb() });
  } else if (cmd === 'queries') {
    const f = JSON.parse(fs.readFileSync(file as string, 'utf8')) as QueryFile;
    const as = f.profileId;
    const core = createCore({ dataDir: dir });
    await core.invoke('search.query', { as, q: (f.queries[0] as { q: string }).q });
    // From the start of this process: Node, the bundle, opening the database, the first answer.
    const coldStartMs = performance.now();
    const times: number[] = [];
    const expansions: string[][] = [];
    const totals: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const { q } of f.queries) {
        const s = performance.now();
        const r = await core.invoke('search.query', { as, q });
        if (round === 1) {
          times.push(performance.now() - s);
          expansions.push(r.expansions.flatMap((e) => e.names));
          totals.push(r.total);
        }
      }
    }
    // Saves, the first since the rebuild, each followed by the query that must find it.
    const saves: number[] = [];
    const saveWrites: number[] = [];
    const saveQueries: number[] = [];
    const bareCommits: number[] = [];
    const plainSyncs: number[] = [];
    const bareDir = fs.mkdtempSync(path.join(dir, 'bench-bare-'));
    const bare = new Database(path.join(bareDir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE IF NOT EXISTS t (x TEXT)');
    const bareInsert = bare.prepare('INSERT INTO t VALUES (?)');
    const plain = fs.openSync(path.join(bareDir, 'plain'), 'w');
    let savesMissed = 0;
    for (let i = 0; i < f.saves; i++) {
      const id = f.sample[i % f.sample.length] as string;
      const st = await core.invoke('statements.get', { as, id });
      const word = `zqxbench${i}kw`;
      const p0 = performance.now();
      fs.writeSync(plain, word);
      fs.fsyncSync(plain);
      plainSyncs.push(performance.now() - p0);
      const b = performance.now();
      bareInsert.run(word);
      writeSignedHead(bareDir, core.state.key, { seq: i, hash: word, at: null });
      bareCommits.push(performance.now() - b);
      const s = performance.now();
      await core.invoke('statements.update', { as, id, rev: st.rev, summary: `${st.summary ?? ''} ${word}` });
      const w = performance.now();
      const r = await core.invoke('search.query', { as, q: word });
      const e = performance.now();
      saves.push(e - s);
      saveWrites.push(w - s);
      saveQueries.push(e - w);
      if (!r.hits.some((h) => h.id === id)) savesMissed++;
    }
    bare.close();
    fs.closeSync(plain);
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    core.close();
    out({ coldStartMs, times, expansions, totals, saves, saveWrites, saveQueries, bareCommits, plainSyncs, savesMissed, rssMb, peakRssMb: peakMb() } satisfies QueryRun);
  } else {
    throw new Error(`unknown command ${cmd}`);
  }
}

function out(x: unknown): void {
  process.stdout.write(JSON.stringify(x));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
