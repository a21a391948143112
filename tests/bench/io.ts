/**
 * `npm run bench:io [-- --sizes 10000,100000] [--json]`: the peak memory (and time) of the
 * whole-desk operations that must stream (issue 11): export-json, import-json and check, each
 * in a process of its own through the Core functions the CLI calls (io-child.ts), so its peak
 * RSS is its own, with the peak seen while each phase reported.
 * Target: peak RSS <= 400 MB at every size.
 *
 * The desk per size: N statements (the search bench's synthetic Arabic originals with English
 * wordings, 50-300 words each), one source and one note per 50 statements, cases, actors, and
 * one audit entry per record (a real hash chain), written straight into the tables, then the
 * search index built (--keep leaves the folders for a closer look). 1,000,000 runs by hand (`--sizes 1000000`); it takes a long while.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { appendAudit, readChainHead } from '../../electron/core/audit/chain';
import { writeSignedHead } from '../../electron/core/audit/head';
import { columnsOf, recordToRow, tableOf } from '../../electron/core/db/tables';
import { createCore } from '../../electron/core/index';
import { makeActors, makeStatement, makeVocab, rng } from './search-corpus';

const TARGET_MB = 400;
const REPO = path.resolve(__dirname, '../..');

const { values: args } = parseArgs({
  options: { sizes: { type: 'string', default: '10000,100000' }, json: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
  strict: true,
});
const sizes = args.sizes.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const say = (line: string) => { if (!args.json) console.log(line); };

async function seed(dir: string, n: number): Promise<string> {
  const rand = rng(20231101);
  const core = createCore({ dataDir: dir });
  const profile = await core.invoke('profiles.create', { as: null, name: 'Bench', initials: 'B', roles: ['admin', 'analyst', 'case_manager'] });
  const db = core.db;
  db.pragma('synchronous = OFF');
  const now = '2025-01-01T00:00:00.000Z';
  const meta = { rev: 1, createdAt: now, updatedAt: now, createdBy: profile.id, updatedBy: profile.id, deletedAt: null };
  const inserter = (type: 'actor' | 'case' | 'statement' | 'source' | 'note') => {
    const def = tableOf(type);
    const cols = columnsOf(def);
    const stmt = db.prepare(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
    return (rec: Record<string, unknown>) => {
      stmt.run(recordToRow(def, rec));
      appendAudit(db, { actorId: profile.id, action: `${type}.create`, recordType: type, recordId: rec.id as string, changes: { id: [null, rec.id] }, at: now });
    };
  };
  const vocab = makeVocab(rand);
  const actors = makeActors(rand, Math.max(200, Math.round(n / 250)), uuidv7);
  const tags = Array.from({ length: 300 }, (_, i) => `${vocab.en[(i * 7) % 2000]}_${vocab.en[(i * 13 + 5) % 2000]}`);
  const nCases = Math.max(50, Math.round(n / 1000));
  const caseIds: string[] = [];
  db.transaction(() => {
    const insActor = inserter('actor');
    for (const a of actors) insActor({ ...meta, id: a.id, kind: a.kind, name: a.name, nameOriginal: a.nameOriginal, aliases: a.aliases, description: '', country: 'Iraq' });
    const insCase = inserter('case');
    for (let i = 0; i < nCases; i++) {
      const id = uuidv7();
      caseIds.push(id);
      insCase({ ...meta, id, title: `Case ${i}`, summary: '', status: 'active', priority: 'normal', tags: [], assignees: [], marking: 'internal', dueDate: null });
    }
  })();
  const insItem = db.prepare("INSERT INTO case_items (case_id, item_type, item_id, added_at, added_by) VALUES (?, 'statement', ?, ?, ?)");
  const insSt = inserter('statement');
  const insSrc = inserter('source');
  const insNote = inserter('note');
  for (let done = 0; done < n; done += 5000) {
    db.transaction(() => {
      for (let i = done; i < Math.min(n, done + 5000); i++) {
        const g = makeStatement(rand, vocab, actors, nCases, tags);
        const id = uuidv7();
        insSt({
          ...meta, id, speakerId: g.speaker.id, onBehalfOfId: null, saidAt: g.saidAt, datePrecision: 'day', timezone: null,
          platform: g.platform, handle: null, url: null, language: 'ar', originalText: g.originalText, originalStatus: 'captured',
          publishedWording: g.publishedWording, publishedWordingLanguage: 'en', summary: g.summary, hashtags: g.hashtags,
          mentions: [], links: [], scriptureRefs: [], reliability: null, credibility: null, marking: 'internal',
        });
        insItem.run(caseIds[g.caseIdx], id, now, profile.id);
        if (i % 50 === 0) {
          insSrc({
            ...meta, id: uuidv7(), kind: 'web_page', title: g.summary.slice(0, 60), author: null, publisher: 'Desk', url: null,
            publishedAt: g.saidAt, accessedAt: null, capturedBy: null, reliability: null, credibility: null, gradeRationale: '', notes: '', marking: 'internal',
          });
          insNote({ ...meta, id: uuidv7(), targetType: 'statement', targetId: id, body: g.publishedWording.slice(0, 400), pinned: false });
        }
      }
    })();
    if (done % 50_000 === 0 && done) say(`    seeded ${done.toLocaleString('en-US')} statements…`);
  }
  writeSignedHead(dir, core.state.key, readChainHead(db));
  db.pragma('synchronous = FULL');
  say('    building the search index…');
  await core.invoke('desk.reindex', { as: profile.id });
  core.close();
  return profile.id;
}

interface Run { ms: number; peakMb: number; phases: Record<string, number>; code: number | null; stderr: string }

/** One operation in a process of its own (io-child.ts): its time, peak memory, and peak per phase. */
function child(opArgs: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'io-child.ts'), ...opArgs], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) return { ms: 0, peakMb: 0, phases: {}, code: r.status, stderr: r.stderr };
  return { ...(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Omit<Run, 'code' | 'stderr'>), code: 0, stderr: r.stderr };
}

async function main(): Promise<void> {
  const results: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `cf-bench-io-${n}-`));
    try {
      const desk = path.join(root, 'desk');
      say(`bench:io — ${n.toLocaleString('en-US')} statements (${root})`);
      const t0 = performance.now();
      await seed(desk, n);
      say(`    desk ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; database ${(fs.statSync(path.join(desk, 'casefile.sqlite')).size / 2 ** 20).toFixed(0)} MB`);
      const file = path.join(root, 'desk.json');
      const exp = child(['export', file, desk]);
      const imp = child(['import', file, path.join(root, 'copy')]);
      const chk = child(['check', desk]);
      const row = {
        statements: n,
        exportMb: Math.round(fs.statSync(file).size / 2 ** 20),
        export: exp, import: imp, check: chk,
      };
      for (const [name, r] of [['export-json', exp], ['import-json', imp], ['check', chk]] as const) {
        const ok = r.code === 0 ? '' : `  (exit ${r.code}: ${r.stderr.trim().split('\n').slice(-1)[0]})`;
        say(`  ${name.padEnd(12)} ${(r.ms / 1000).toFixed(1).padStart(7)} s   peak RSS ${r.peakMb.toFixed(0).padStart(5)} MB   target <= ${TARGET_MB} MB: ${r.peakMb <= TARGET_MB ? 'met' : 'MISSED'}${ok}`);
        say(`      by phase (MB while it reported): ${Object.entries(r.phases).map(([p, mb]) => `${p} ${mb}`).join(', ')}`);
      }
      say(`  (the export is ${row.exportMb} MB of JSON)`);
      results.push(row);
    } finally {
      if (args.keep) say(`  kept ${root}`);
      else fs.rmSync(root, { recursive: true, force: true });
    }
  }
  say(`(${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  if (args.json) console.log(JSON.stringify(results.map((r) => ({ ...r, export: strip(r.export), import: strip(r.import), check: strip(r.check) })), null, 2));
}

const strip = (r: unknown) => { const { stderr: _s, ...rest } = r as Run; return rest; };

main().then(() => process.exit(0), (err: unknown) => {
  console.error(`bench:io failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
