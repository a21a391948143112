// One phase of `npm run bench:bundle` in a process of its own: `export DIR CASE FILE` or
// `import DIR FILE`. Prints { ms, peakRssMb, detail } as its last line.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core/index';
import { exchangeFile } from '../../electron/core/io/bundle';

async function run(): Promise<void> {
  const [op, dir, ...rest] = process.argv.slice(2) as [string, string, ...string[]];
  const passphrase = process.env.CASEFILE_BENCH_PASSPHRASE;
  const core = createCore({ dataDir: dir, ...(passphrase ? { unlock: { passphrase } } : {}) });
  const as = (await core.invoke('profiles.list', {}))[0]!.id;
  const t0 = performance.now();
  let detail: Record<string, unknown> = {};
  if (op === 'export') {
    const [caseId, out] = rest as [string, string];
    const r = await core.invoke('exchange.exportBundle', { as, caseId });
    fs.renameSync(exchangeFile(core.dataDir, r.file), out);
    detail = r.counts;
  } else {
    const [file] = rest as [string];
    const id = crypto.randomUUID();
    const staged = exchangeFile(core.dataDir, id);
    fs.mkdirSync(path.dirname(staged), { recursive: true });
    fs.linkSync(file, staged);
    const r = await core.invoke('exchange.importBundle', { as, file: id, trustKey: true });
    detail = { added: r.counts.added, conflicts: r.counts.conflicts, auditEntries: r.counts.auditEntries };
  }
  const ms = performance.now() - t0;
  core.close();
  console.log(JSON.stringify({ ms: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), detail }));
}

void run();
