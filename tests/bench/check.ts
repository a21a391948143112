/**
 * How long `casefile check` takes, and its peak memory, on a desk of N statements whose trail
 * is complete (every record written through the Core's own handlers, in batches of 500 per
 * transaction so seeding stays quick). The check runs in a fresh process, so its peak RSS is
 * the check's own.
 *
 *   npm run bench:check            # 10,000 statements
 *   npm run bench:check -- 100000
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/index';
import { handlers } from '../../electron/core/services/handlers';
import { contract, type Method } from '../../shared/ipc/contract';
import { write } from '../../electron/core/services/write';
import { makeActors, makeStatement, makeVocab } from './search-corpus';
import { rng } from '../support/random';

const BATCH = 500;

async function seed(dir: string, n: number): Promise<void> {
  const rand = rng(12);
  const core = createCore({ dataDir: dir });
  const s = core.state;
  const admin = await core.invoke('profiles.create', { as: null, name: 'Bench', initials: 'B', roles: ['admin', 'analyst', 'case_manager'] });
  const actor = { profile: admin };
  const vocab = makeVocab(rand);
  const actors = makeActors(rand, 200, () => s.newId());
  const tags = Array.from({ length: 300 }, (_, i) => `${vocab.en[(i * 7) % 2000]}_${vocab.en[(i * 13 + 5) % 2000]}`);
  // The handlers themselves, inside one write per batch, with the contract's own input parsing.
  const run = (method: Method, input: Record<string, unknown>): string => {
    const parsed = contract[method].input.parse({ as: admin.id, ...input });
    return ((handlers[method] as (st: typeof s, a: typeof actor, i: unknown) => unknown)(s, actor, parsed) as { id: string }).id;
  };
  const actorIds: string[] = [];
  const caseIds: string[] = [];
  write(s, () => {
    for (const a of actors) actorIds.push(run('actors.create', { kind: 'person', name: a.name, nameOriginal: a.nameOriginal, aliases: a.aliases }));
    for (let i = 0; i < 50; i++) caseIds.push(run('cases.create', { title: `Case ${i}` }));
  });
  const t0 = performance.now();
  for (let done = 0; done < n; done += BATCH) {
    write(s, () => {
      for (let i = done; i < Math.min(n, done + BATCH); i++) {
        const g = makeStatement(rand, vocab, actors, caseIds.length, tags);
        const st = run('statements.create', {
          originalText: g.originalText, language: 'ar', publishedWording: g.publishedWording, publishedWordingLanguage: 'en',
          summary: g.summary.slice(0, 200), saidAt: g.saidAt, platform: g.platform, speakerId: actorIds[actors.indexOf(g.speaker)], caseIds: [caseIds[g.caseIdx]],
        });
        if (i % 50 === 0) {
          const src = run('sources.create', { kind: 'web_page', title: g.summary.slice(0, 60), caseIds: [caseIds[g.caseIdx]] });
          run('citations.add', { citingType: 'statement', citingId: st, sourceId: src, locator: 'p. 1' });
          run('notes.create', { targetType: 'statement', targetId: st, body: g.publishedWording.slice(0, 400) });
        }
      }
    });
    if ((done / BATCH) % 10 === 0) process.stderr.write(`  seeded ${Math.min(n, done + BATCH)} statements (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  core.close();
}

async function measure(dir: string): Promise<void> {
  const t0 = performance.now();
  const core = createCore({ dataDir: dir });
  const opened = performance.now();
  const report = await core.check();
  const checked = performance.now();
  core.close();
  process.stdout.write(JSON.stringify({
    ok: report.ok, problems: report.problems.slice(0, 5), counts: report.counts,
    openMs: Math.round(opened - t0), checkMs: Math.round(checked - opened), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === '--measure') return measure(arg as string);
  const n = Number(mode ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cf-bench-check-${n}-`));
  try {
    console.log(`Seeding ${n} statements through the Core's handlers…`);
    const t0 = performance.now();
    await seed(dir, n);
    const size = fs.statSync(path.join(dir, 'casefile.sqlite')).size;
    console.log(`Seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; database ${(size / 1e6).toFixed(0)} MB.`);
    const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--measure', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const m = JSON.parse(r.stdout) as { ok: boolean; problems: string[]; counts: Record<string, number>; openMs: number; checkMs: number; peakRssMB: number };
    console.log(`check: ${m.ok ? 'OK' : `PROBLEMS ${m.problems.join(' | ')}`}; ${m.counts.auditEntries} audit entries, ${m.counts.records} records against the trail`);
    console.log(`open ${m.openMs} ms, check ${(m.checkMs / 1000).toFixed(2)} s, peak RSS of the checking process ${m.peakRssMB} MB`);
  } finally {
    if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
