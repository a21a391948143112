// What encryption at rest costs search (`npm run bench:encryption [-- --sizes 10000] [-- --json]`).
// For each size it builds a deterministic archive of N statements (Arabic original with
// diacritics and alef variants, English translation from a Zipf vocabulary), sources, notes,
// actors with transliterated aliases and cases, straight into the tables; then measures the
// same desk plain and encrypted in place (see encryptionCost below).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/index';
import { encryptDesk } from '../../electron/core/desk/encrypt';
import { reindex } from '../../electron/core/search/index';
import { databaseMb, rng, vocalize, writeCorpus, type ActorGen, type Written } from './search-corpus';

const SEED = 20231101;

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i] as number;
}
const r2 = (x: number) => Math.round(x * 100) / 100;
const r1 = (x: number) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------------------------------
// Corpus

interface Built extends Written { core: Core; dir: string }

/** The same archive bench:search measures (records, translations, a realistic audit trail), in a new desk. */
async function buildCorpus(n: number, log: (s: string) => void): Promise<Built> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cf-bench-${n}-`));
  const core = createCore({ dataDir: dir });
  return { core, dir, ...(await writeCorpus(core, n, SEED, log)) };
}

// ---------------------------------------------------------------------------------------
// Queries: 225, mixed as analysts type them. Single words come from three bands of the
// Zipf vocabulary: common domain words (ranks 28-150, after the function words; each is
// in 20-50% of the documents), middling and rare ones. Nobody searches for "the" alone, so
// function words only appear inside phrases, which are cut from real documents.

function makeQueries(b: Built): string[] {
  const rand = rng(SEED + 1);
  const v = b.vocab;
  const en = (lo: number, hi: number) => v.en[lo + Math.floor(rand() * (hi - lo))] as string;
  const ar = (lo: number, hi: number) => v.ar[lo + Math.floor(rand() * (hi - lo))] as string;
  const textOf = b.core.db.prepare('SELECT published_wording FROM statements WHERE rowid = ?').pluck();
  const nStatements = b.core.db.prepare('SELECT max(rowid) FROM statements').pluck().get() as number;
  const phrase = () => {
    const words = (textOf.get(1 + Math.floor(rand() * nStatements)) as string).split(' ');
    const len = 2 + Math.floor(rand() * 2);
    const at = Math.floor(rand() * (words.length - len));
    return `"${words.slice(at, at + len).join(' ').replace(/[."]/g, '')}"`;
  };
  const qs: string[] = [];
  for (let i = 0; i < 10; i++) qs.push(en(28, 150)); // common domain words
  for (let i = 0; i < 30; i++) qs.push(en(150, 3000)); // middling
  for (let i = 0; i < 15; i++) qs.push(en(3000, 30000)); // rare
  for (let i = 0; i < 15; i++) qs.push(ar(60, 3000));
  for (let i = 0; i < 10; i++) qs.push(vocalize(ar(60, 3000), rand)); // with diacritics
  for (let i = 0; i < 5; i++) qs.push(`وال${ar(60, 3000)}`); // clitics
  for (let i = 0; i < 30; i++) qs.push(`${en(28, 3000)} ${en(150, 5000)}`);
  for (let i = 0; i < 20; i++) qs.push(phrase());
  for (let i = 0; i < 20; i++) qs.push(`${en(150, 3000).slice(0, 4)}*`);
  for (let i = 0; i < 15; i++) qs.push(`${en(150, 3000)} -${en(28, 150)}`);
  for (let i = 0; i < 5; i++) qs.push(`${en(150, 3000)} type:statement lang:ar`);
  for (let i = 0; i < 5; i++) qs.push(`${en(150, 3000)} from:2018 to:2020-06`);
  for (let i = 0; i < 5; i++) qs.push(`${en(150, 3000)} case:${b.caseIds[Math.floor(rand() * b.caseIds.length)]}`);
  for (let i = 0; i < 5; i++) qs.push(`${en(28, 300)} speaker:"${b.actors[Math.floor(rand() * b.actors.length)]?.name}"`);
  for (let i = 0; i < 5; i++) qs.push(`type:statement platform:telegram from:2021-0${1 + (i % 9)} to:2021-0${1 + (i % 9)}`);
  for (let i = 0; i < 20; i++) {
    const a = b.actors[Math.floor(rand() * b.actors.length)] as ActorGen;
    const names = [a.name.split(' ')[1] as string, a.aliases[0]?.alias as string, a.aliases[1]?.alias as string];
    qs.push(names[i % 3] as string);
  }
  for (let i = 0; i < 10; i++) qs.push(`${en(150, 3000)} OR ${en(150, 3000)}`);
  return qs;
}

// ---------------------------------------------------------------------------------------


async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const si = args.indexOf('--sizes');
  const sizes = si >= 0 ? (args[si + 1] ?? '').split(',').map((x) => Number(x.trim())).filter((x) => x > 0) : [10_000, 100_000];
  const log = (s: string) => { if (!json) console.log(s); else process.stderr.write(`${s}\n`); };
  log(`encryption-at-rest benchmark on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${r1(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  await encryptionCosts(sizes, json, log);
}

// ---------------------------------------------------------------------------------------
// The cost of encryption at rest (`npm run bench:encryption -- [--sizes 10000]`): the
// same corpus as a plain desk and, encrypted in place with `encryptDesk`, as a SQLCipher desk
// with the default scrypt parameters (cold start includes it). The two are measured side by
// side, interleaved (reindex and cold start alternately, twice each; every query and edit on one
// then the other, the order swapped each time), so a machine busy with other work slows both
// alike and the ratio holds even when the absolute times do not.

const BENCH_PASSPHRASE = 'bench passphrase';

interface DeskCost { buildMs: number; coldStartMs: number; p50: number; p95: number; saveToSearchableMs: number; dbMb: number }

async function encryptionCost(b: Built, encDir: string, queries: string[]): Promise<{ plain: DeskCost; encrypted: DeskCost }> {
  const as = b.profileId;
  const desks = [
    { dir: b.dir, unlock: undefined as CoreOptions['unlock'] },
    { dir: encDir, unlock: { passphrase: BENCH_PASSPHRASE } as CoreOptions['unlock'] },
  ];
  const builds: number[][] = [[], []];
  const colds: number[][] = [[], []];
  for (const order of [[0, 1], [1, 0]]) {
    for (const i of order) {
      const d = desks[i]!;
      const core = createCore({ dataDir: d.dir, unlock: d.unlock });
      global.gc?.();
      builds[i]!.push(reindex(core).ms);
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      core.close();
    }
  }
  const cores: Core[] = [];
  for (const order of [[0, 1], [1, 0]]) {
    for (const i of order) {
      const d = desks[i]!;
      const t0 = performance.now();
      const core = createCore({ dataDir: d.dir, unlock: d.unlock });
      await core.invoke('search.query', { as, q: queries[0] as string });
      colds[i]!.push(performance.now() - t0);
      if (cores[i]) core.close();
      else cores[i] = core;
    }
  }
  const times: number[][] = [[], []];
  for (let round = 0; round < 2; round++) {
    for (const [n, q] of queries.entries()) {
      for (const i of n % 2 ? [1, 0] : [0, 1]) {
        const s = performance.now();
        await cores[i]!.invoke('search.query', { as, q });
        if (round === 1) times[i]!.push(performance.now() - s);
      }
    }
  }
  const saves: number[][] = [[], []];
  for (let n = 0; n < 20; n++) {
    const id = b.sample[n % b.sample.length] as string;
    for (const i of n % 2 ? [1, 0] : [0, 1]) {
      const st = await cores[i]!.invoke('statements.get', { as, id });
      const s = performance.now();
      await cores[i]!.invoke('statements.update', { as, id, rev: st.rev, summary: `${st.summary} zqxenc${n}kw` });
      await cores[i]!.invoke('search.query', { as, q: `zqxenc${n}kw` });
      saves[i]!.push(performance.now() - s);
    }
  }
  for (const c of cores) {
    c.db.pragma('wal_checkpoint(TRUNCATE)');
    c.close();
  }
  const cost = (i: number): DeskCost => ({
    buildMs: Math.min(...builds[i]!), coldStartMs: Math.min(...colds[i]!), p50: median(times[i]!), p95: quantile(times[i]!, 0.95),
    saveToSearchableMs: median(saves[i]!), dbMb: databaseMb(desks[i]!.dir),
  });
  return { plain: cost(0), encrypted: cost(1) };
}

async function encryptionCosts(sizes: number[], json: boolean, log: (s: string) => void): Promise<void> {
  const results = [];
  for (const n of sizes) {
    log(`\n== encryption at rest, ${n.toLocaleString('en')} statements ==`);
    const b = await buildCorpus(n, log);
    const queries = makeQueries(b);
    b.core.close();
    const encDir = `${b.dir}-encrypted`;
    fs.cpSync(b.dir, encDir, { recursive: true });
    const t0 = performance.now();
    await encryptDesk(encDir, { protection: { method: 'passphrase', passphrase: BENCH_PASSPHRASE } });
    const encryptMs = performance.now() - t0;
    log(`  encrypted a copy in place in ${r1(encryptMs / 1000)} s; ${os.loadavg()[0]?.toFixed(1)} load average`);
    const { plain, encrypted: enc } = await encryptionCost(b, encDir, queries);
    for (const d of [b.dir, encDir]) fs.rmSync(d, { recursive: true, force: true });
    results.push({ docs: n, encryptMs: Math.round(encryptMs), plain, encrypted: enc, loadAverage: os.loadavg()[0] });
    if (json) continue;
    const pct = (a: number, c: number) => `${c >= a ? '+' : ''}${Math.round(((c - a) / a) * 100)}%`;
    const rows: [string, number, number, string][] = [
      ['index build (reindex)', plain.buildMs / 1000, enc.buildMs / 1000, 's'],
      ['query median', plain.p50, enc.p50, 'ms'],
      ['query p95', plain.p95, enc.p95, 'ms'],
      ['one edit searchable (save + query)', plain.saveToSearchableMs, enc.saveToSearchableMs, 'ms'],
      ['cold start (open to first result)', plain.coldStartMs, enc.coldStartMs, 'ms'],
      ['database size', plain.dbMb, enc.dbMb, 'MB'],
    ];
    console.log(`| ${n.toLocaleString('en')} statements | plain | encrypted | cost |`);
    console.log('| --- | --- | --- | --- |');
    for (const [name, a, c, unit] of rows) console.log(`| ${name} | ${r2(a)} ${unit} | ${r2(c)} ${unit} | ${pct(a, c)} |`);
    console.log(`| encrypting the plain desk in place | | ${r1(encryptMs / 1000)} s | |`);
    log(`  (load average ${os.loadavg()[0]?.toFixed(1)} at the end)`);
  }
  if (json) console.log(JSON.stringify({ encryption: results }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
