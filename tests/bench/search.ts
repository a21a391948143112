// The search benchmark (`npm run bench:search [-- --sizes 10000] [-- --json] [-- --encrypted]`).
//
// For each size it builds a deterministic archive of N statements (Arabic original with
// diacritics and alef variants, English translation from a Zipf vocabulary), N/50 sources
// and N/50 notes, actors with transliterated aliases and cases, straight into the tables;
// then times `reindex`, measures the database, and starts a fresh process that opens the
// database and answers a first query (cold start), then 225 mixed queries through the
// Core's contract (with hydration and snippets), then 20 edits each followed by the query
// that finds it (save to searchable), and reports its RSS. In the same run it times raw
// FTS5 (unicode61 on the unfolded text, no stems, no filters) on the same text and the
// same queries, and at 10k a single lunr index over the same text.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import lunr from 'lunr';
import { v7 as uuidv7 } from 'uuid';
import { createCore, DB_FILE, type Core, type CoreOptions } from '../../electron/core/index';
import { encryptDesk } from '../../electron/core/desk/encrypt';
import { columnsOf, recordToRow, tableOf } from '../../electron/core/db/tables';
import { reindex } from '../../electron/core/search/index';
import { foldText } from '../../shared/text/fold';
import { makeActors, makeStatement, makeVocab, rng, vocalize, type ActorGen, type Vocab } from './search-corpus';

const SEED = 20231101;

interface SizeResult {
  docs: number;
  buildMs: number;
  dbMb: number;
  queryP50Ms: number;
  queryP95Ms: number;
  saveToSearchableMs: number;
  rssMb: number;
  coldStartMs: number;
  rawFts5Ratio: number;
  lunrRatio?: number;
  // Details behind the ratios, for the closing note.
  indexMb: number;
  queries: number;
  rawFts5: { buildMs: number; queryP50Ms: number; queryP95Ms: number; buildRatio: number };
  lunr?: { buildMs: number; heapMb: number; queryP50Ms: number; queryP95Ms: number; buildRatio: number };
}

interface ChildResult { coldStartMs: number; p50: number; p95: number; saveToSearchableMs: number; saveMs: number; rssMb: number; misses: number }

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

interface Built { core: Core; dir: string; profileId: string; actors: ActorGen[]; caseIds: string[]; vocab: Vocab; sample: string[] }

async function buildCorpus(n: number, log: (s: string) => void): Promise<Built> {
  const rand = rng(SEED);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cf-bench-${n}-`));
  const core = createCore({ dataDir: dir });
  const profile = await core.invoke('profiles.create', { as: null, name: 'Bench', initials: 'B', roles: ['admin', 'analyst', 'case_manager'] });
  const db = core.db;
  const now = new Date('2025-01-01T00:00:00.000Z').toISOString();
  const meta = { rev: 1, createdAt: now, updatedAt: now, createdBy: profile.id, updatedBy: profile.id, deletedAt: null };
  const inserter = (type: 'actor' | 'case' | 'statement' | 'source' | 'note') => {
    const def = tableOf(type);
    const cols = columnsOf(def);
    const stmt = db.prepare(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
    return (rec: Record<string, unknown>) => stmt.run(recordToRow(def, rec));
  };
  const vocab = makeVocab(rand);
  const actors = makeActors(rand, Math.max(200, Math.round(n / 250)), uuidv7);
  const tags = Array.from({ length: 300 }, (_, i) => `${vocab.en[(i * 7) % 2000]}_${vocab.en[(i * 13 + 5) % 2000]}`);
  const nCases = Math.max(50, Math.round(n / 1000));
  const caseIds: string[] = [];
  const t0 = performance.now();
  db.transaction(() => {
    const insActor = inserter('actor');
    for (const a of actors) insActor({ ...meta, id: a.id, kind: a.kind, name: a.name, nameOriginal: a.nameOriginal, aliases: a.aliases, description: '', country: 'Iraq' });
    const insCase = inserter('case');
    for (let i = 0; i < nCases; i++) {
      const id = uuidv7();
      caseIds.push(id);
      insCase({
        ...meta, id, title: `${vocab.en[50 + i]} ${vocab.en[400 + i]} case ${i}`, summary: `${vocab.en[900 + i]} ${vocab.en[30]}`,
        status: 'active', priority: 'normal', tags: [tags[i % tags.length]], assignees: [], marking: 'internal', dueDate: null,
      });
    }
  })();
  const insItem = db.prepare("INSERT INTO case_items (case_id, item_type, item_id, added_at, added_by) VALUES (?, 'statement', ?, ?, ?)");
  const insSt = inserter('statement');
  const insSrc = inserter('source');
  const insNote = inserter('note');
  const sample: string[] = [];
  const BATCH = 2000;
  for (let done = 0; done < n; done += BATCH) {
    db.transaction(() => {
      for (let i = done; i < Math.min(n, done + BATCH); i++) {
        const g = makeStatement(rand, vocab, actors, nCases, tags);
        const id = uuidv7();
        if (i % Math.max(1, Math.floor(n / 50)) === 0) sample.push(id);
        insSt({
          ...meta, id, speakerId: g.speaker.id, onBehalfOfId: null, saidAt: g.saidAt, datePrecision: 'day', timezone: null,
          platform: g.platform, handle: null, url: null, language: 'ar', originalText: g.originalText, originalStatus: 'captured',
          publishedWording: g.publishedWording, publishedWordingLanguage: 'en', summary: g.summary, hashtags: g.hashtags,
          mentions: [], links: [], scriptureRefs: [], reliability: null, credibility: null, marking: i % 3 === 0 ? 'public' : 'internal',
        });
        insItem.run(caseIds[g.caseIdx], id, now, profile.id);
        if (i % 50 === 0) {
          const sid = uuidv7();
          insSrc({
            ...meta, id: sid, kind: 'web_page', title: g.summary.split(' ').slice(0, 6).join(' '), author: null, publisher: 'Desk',
            url: null, publishedAt: g.saidAt, accessedAt: null, capturedBy: null, reliability: null, credibility: null,
            gradeRationale: '', notes: g.publishedWording.slice(0, 300), marking: 'internal',
          });
          insNote({ ...meta, id: uuidv7(), targetType: 'statement', targetId: id, body: g.publishedWording.slice(0, 400), pinned: false });
        }
      }
    })();
  }
  db.prepare("UPDATE search_state SET value = '1' WHERE key = 'needs_rebuild'").run();
  log(`  corpus: ${n} statements, ${Math.ceil(n / 50)} sources and notes, ${actors.length} actors, ${nCases} cases in ${r1((performance.now() - t0) / 1000)} s`);
  return { core, dir, profileId: profile.id, actors, caseIds, vocab, sample };
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
// The child: a fresh process, as the app or the CLI would start

async function child(dir: string, queriesFile: string): Promise<void> {
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as { profileId: string; queries: string[]; sample: string[] };
  const as = queries.profileId;
  const t0 = performance.now();
  const core = createCore({ dataDir: dir });
  await core.invoke('search.query', { as, q: queries.queries[0] });
  const coldStartMs = performance.now() - t0;
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const q of queries.queries) {
      const s = performance.now();
      await core.invoke('search.query', { as, q });
      if (round === 1) times.push(performance.now() - s);
    }
  }
  const saves: number[] = [];
  const saveOnly: number[] = [];
  let misses = 0;
  for (let i = 0; i < 20; i++) {
    const id = queries.sample[i % queries.sample.length] as string;
    const st = await core.invoke('statements.get', { as, id });
    const word = `zqxbench${i}kw`;
    const s = performance.now();
    await core.invoke('statements.update', { as, id, rev: st.rev, summary: `${st.summary} ${word}` });
    const saved = performance.now();
    const r = await core.invoke('search.query', { as, q: word });
    const e = performance.now();
    if (!r.hits.some((h) => h.id === id)) misses++;
    saves.push(e - s);
    saveOnly.push(saved - s);
  }
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  core.close();
  const out: ChildResult = {
    coldStartMs, p50: median(times), p95: quantile(times, 0.95), saveToSearchableMs: median(saves), saveMs: median(saveOnly), rssMb, misses,
  };
  process.stdout.write(JSON.stringify(out));
}

function runChild(dir: string, queriesFile: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', __filename, '--child', dir, queriesFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`bench child exited with ${code}`))));
  });
}

// ---------------------------------------------------------------------------------------
// Baselines

/** A plain FTS5 query for the same words: what "FTS5 out of the box" would be given. */
function rawMatch(q: string): string | null {
  const parts: string[] = [];
  const neg: string[] = [];
  const re = /(-?)"([^"]*)"|(-?)(\S+)/g;
  for (const m of q.matchAll(re)) {
    if (m[2] !== undefined) { if (m[2].trim()) (m[1] ? neg : parts).push(`"${m[2].replace(/"/g, '')}"`); continue; }
    const w = m[4] as string;
    if (/^[a-z]+:/.test(w) || w === 'OR') continue;
    const prefix = w.endsWith('*');
    const clean = w.replace(/[*"]/g, '');
    if (!clean) continue;
    (m[3] ? neg : parts).push(`"${clean}"${prefix ? '*' : ''}`);
  }
  if (parts.length === 0) return null;
  return neg.length ? `(${parts.join(' ')}) NOT (${neg.join(' OR ')})` : parts.join(' ');
}

function rawFts5(dir: string, queries: string[]): { buildMs: number; p50: number; p95: number } {
  const file = path.join(dir, 'raw-baseline.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`ATTACH '${path.join(dir, DB_FILE)}' AS main_db`);
  const t0 = performance.now();
  db.exec("CREATE VIRTUAL TABLE raw USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
  db.exec(`INSERT INTO raw (rowid, body) SELECT rowid, coalesce(original_text, '') || ' ' || coalesce(published_wording, '') || ' ' || summary
    FROM main_db.statements WHERE deleted_at IS NULL`);
  const buildMs = performance.now() - t0;
  const count = db.prepare('SELECT count(*) FROM raw WHERE raw MATCH ?').pluck();
  const top = db.prepare("SELECT rowid, snippet(raw, 0, '[', ']', '…', 24) AS snip FROM raw WHERE raw MATCH ? ORDER BY rank LIMIT 20");
  const hydrate = db.prepare('SELECT * FROM main_db.statements WHERE rowid = ?');
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const q of queries) {
      const m = rawMatch(q);
      if (!m) continue;
      const s = performance.now();
      try {
        count.get(m);
        for (const r of top.all(m) as { rowid: number }[]) hydrate.get(r.rowid);
      } catch {
        // raw FTS5 refuses some user input; that is one of the reasons for the compiler
      }
      if (round === 1) times.push(performance.now() - s);
    }
  }
  db.close();
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}-wal`, { force: true });
  fs.rmSync(`${file}-shm`, { force: true });
  return { buildMs, p50: median(times), p95: quantile(times, 0.95) };
}

function lunrBaseline(core: Core, queries: string[]): { buildMs: number; heapMb: number; p50: number; p95: number } {
  const rows = core.db.prepare('SELECT id, original_text, published_wording, summary FROM statements WHERE deleted_at IS NULL').all() as
    { id: string; original_text: string; published_wording: string; summary: string }[];
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const idx = lunr(function () {
    this.pipeline.remove(lunr.trimmer); // it deletes Arabic letters
    this.ref('id');
    this.field('original');
    this.field('translation');
    this.field('summary');
    this.metadataWhitelist = ['position'];
    for (const r of rows) this.add({ id: r.id, original: foldText(r.original_text ?? ''), translation: r.published_wording ?? '', summary: r.summary });
  });
  const buildMs = performance.now() - t0;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const times: number[] = [];
  for (const q of queries) {
    const words = q.replace(/[a-z]+:\S+/g, '').replace(/["*]/g, ' ').replace(/\bOR\b/g, ' ').split(/\s+/).filter((w) => w && !w.startsWith('-'));
    if (words.length === 0) continue;
    const s = performance.now();
    idx.query((qq) => { for (const w of words) qq.term(foldText(w), { presence: lunr.Query.presence.REQUIRED }); });
    times.push(performance.now() - s);
  }
  return { buildMs, heapMb, p50: median(times), p95: quantile(times, 0.95) };
}

// ---------------------------------------------------------------------------------------

function dbSizeMb(dir: string): number {
  let bytes = 0;
  for (const f of [DB_FILE, `${DB_FILE}-wal`]) {
    const p = path.join(dir, f);
    if (fs.existsSync(p)) bytes += fs.statSync(p).size;
  }
  return bytes / 2 ** 20;
}

function indexSizeMb(core: Core): number {
  try {
    const bytes = core.db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_%'").pluck().get() as number;
    return bytes / 2 ** 20;
  } catch {
    return NaN;
  }
}

async function runSize(n: number, log: (s: string) => void): Promise<SizeResult> {
  log(`\n== ${n.toLocaleString('en')} statements ==`);
  const b = await buildCorpus(n, log);
  global.gc?.();
  const built = reindex(b.core);
  log(`  reindex: ${built.documents} documents in ${r1(built.ms / 1000)} s`);
  b.core.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbMb = dbSizeMb(b.dir);
  const indexMb = indexSizeMb(b.core);
  const queries = makeQueries(b);
  const qfile = path.join(b.dir, 'bench-queries.json');
  fs.writeFileSync(qfile, JSON.stringify({ profileId: b.profileId, queries, sample: b.sample }));
  const lunrRes = n <= 10_000 && !process.env.BENCH_NO_LUNR ? lunrBaseline(b.core, queries) : undefined;
  b.core.close();
  const c = await runChild(b.dir, qfile);
  if (c.misses) log(`  WARNING: ${c.misses} edits were not found right after saving`);
  const raw = rawFts5(b.dir, queries);
  if (process.env.BENCH_KEEP) log(`  kept ${b.dir}`);
  else fs.rmSync(b.dir, { recursive: true, force: true });
  const res: SizeResult = {
    docs: built.documents,
    buildMs: Math.round(built.ms),
    dbMb: r1(dbMb),
    queryP50Ms: r2(c.p50),
    queryP95Ms: r2(c.p95),
    saveToSearchableMs: r2(c.saveToSearchableMs),
    rssMb: r1(c.rssMb),
    coldStartMs: r1(c.coldStartMs),
    rawFts5Ratio: r2(c.p50 / raw.p50),
    indexMb: r1(indexMb),
    queries: queries.length,
    rawFts5: { buildMs: Math.round(raw.buildMs), queryP50Ms: r2(raw.p50), queryP95Ms: r2(raw.p95), buildRatio: r2(built.ms / raw.buildMs) },
  };
  if (lunrRes) {
    res.lunrRatio = r2(c.p50 / lunrRes.p50);
    res.lunr = { buildMs: Math.round(lunrRes.buildMs), heapMb: r1(lunrRes.heapMb), queryP50Ms: r2(lunrRes.p50), queryP95Ms: r2(lunrRes.p95), buildRatio: r2(built.ms / lunrRes.buildMs) };
  }
  return res;
}

const TARGETS = { buildMs: 20_000, queryP95Ms: 20, saveToSearchableMs: 15, rssMb: 400, coldStartMs: 1000 };

function table(r: SizeResult): string {
  const at100k = r.docs >= 100_000;
  const mark = (v: number, t: number) => (at100k ? (v <= t ? '  ok' : '  MISSED') : '');
  const rows: [string, string, string][] = [
    ['documents indexed', String(r.docs), ''],
    ['index build (reindex)', `${r1(r.buildMs / 1000)} s`, at100k ? `<= 20 s${mark(r.buildMs, TARGETS.buildMs)}` : ''],
    ['database size', `${r.dbMb} MB (search tables ${r.indexMb} MB)`, ''],
    [`query median / p95 (${r.queries} queries)`, `${r.queryP50Ms} / ${r.queryP95Ms} ms`, at100k ? `p95 <= 20 ms${mark(r.queryP95Ms, TARGETS.queryP95Ms)}` : ''],
    ['one edit searchable (save + query)', `${r.saveToSearchableMs} ms`, at100k ? `<= 15 ms${mark(r.saveToSearchableMs, TARGETS.saveToSearchableMs)}` : ''],
    ['main-process RSS', `${r.rssMb} MB`, at100k ? `<= 400 MB${mark(r.rssMb, TARGETS.rssMb)}` : ''],
    ['cold start (open to first result)', `${r.coldStartMs} ms`, at100k ? `<= 1 s${mark(r.coldStartMs, TARGETS.coldStartMs)}` : ''],
    ['raw FTS5, no folding: build / query median / p95', `${r1(r.rawFts5.buildMs / 1000)} s / ${r.rawFts5.queryP50Ms} / ${r.rawFts5.queryP95Ms} ms`, ''],
    ['our cost vs raw FTS5 (query median; build)', `${r.rawFts5Ratio}x; ${r.rawFts5.buildRatio}x`, 'query <= 1.5x'],
  ];
  if (r.lunr) {
    rows.push(['one lunr index: build / heap / query median / p95', `${r1(r.lunr.buildMs / 1000)} s / ${r.lunr.heapMb} MB / ${r.lunr.queryP50Ms} / ${r.lunr.queryP95Ms} ms`, '']);
    rows.push(['our cost vs lunr (query median; build)', `${r.lunrRatio}x; ${r.lunr.buildRatio}x`, '']);
  }
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  return rows.map(([a, b, c]) => `| ${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c}`).join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] as string, args[2] as string);
  const json = args.includes('--json');
  const si = args.indexOf('--sizes');
  const sizes = si >= 0 ? (args[si + 1] ?? '').split(',').map((x) => Number(x.trim())).filter((x) => x > 0) : [10_000, 100_000];
  const log = (s: string) => { if (!json) console.log(s); else process.stderr.write(`${s}\n`); };
  log(`search benchmark on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${r1(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  if (args.includes('--encrypted')) return encryptionCosts(sizes, json, log);
  const results: SizeResult[] = [];
  for (const n of sizes) {
    const r = await runSize(n, log);
    results.push(r);
    if (!json) console.log(table(r));
  }
  if (json) console.log(JSON.stringify({ sizes: results }));
}

// ---------------------------------------------------------------------------------------
// The cost of encryption at rest (`npm run bench:search -- --encrypted [--sizes 10000]`): the
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
    saveToSearchableMs: median(saves[i]!), dbMb: dbSizeMb(desks[i]!.dir),
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
