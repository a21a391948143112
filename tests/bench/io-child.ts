/**
 * One operation of `npm run bench:io`, in a process of its own: `export FILE DATA`,
 * `import FILE DATA` or `check DATA`, through the same Core functions the CLI calls. Prints
 * JSON: the process's peak resident memory, and the highest seen while each phase reported
 * progress. A phase that never reports inside (the search index's build and check, single
 * synchronous steps) shows only in the overall peak.
 */
import fs from 'node:fs';
import { createCore } from '../../electron/core/index';
import { exportChunks, importJsonFrom } from '../../electron/core/io/json';
import { createJob } from '../../electron/core/job';
import { writeChunksAtomic } from '../../electron/cli/files';

const [op, a, b] = process.argv.slice(2) as [string, string, string | undefined];
const phases: Record<string, number> = {};
let phase = 'opening';
const sample = () => {
  const mb = process.memoryUsage.rss() / 2 ** 20;
  phases[phase] = Math.max(phases[phase] ?? 0, Math.round(mb));
};
const timer = setInterval(sample, 50);
const job = () => createJob({ onProgress: (p) => { sample(); phase = p.phase; sample(); } });

/**
 * The process's own peak resident memory. Linux's VmHWM belongs to this address space;
 * getrusage's maxrss survives exec and can report the parent's (the benchmark's) peak.
 */
function peakMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  if (op === 'export') {
    const core = createCore({ dataDir: b! });
    const j = job();
    await writeChunksAtomic(a, exportChunks(core, j), j);
    core.close();
  } else if (op === 'import') {
    const core = createCore({ dataDir: b! });
    await importJsonFrom(core, fs.createReadStream(a, { highWaterMark: 1 << 20 }), { totalBytes: fs.statSync(a).size, job: job() });
    core.close();
  } else {
    const core = createCore({ dataDir: a });
    await core.check({ onProgress: (p) => { sample(); phase = p.phase; sample(); } });
    core.close();
  }
  sample();
  clearInterval(timer);
  console.log(JSON.stringify({ ms: Math.round(performance.now() - t0), peakMb: peakMb(), phases }));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
