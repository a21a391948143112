import fs from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Where a module of the host runs from: `<name>.js` beside a bundle (the built app, where
 * electron-vite emits each entry into out/main), else `<name>.ts` from the sources through tsx
 * (the CLI, tests, benchmarks). Returns the file and, for sources, the tsx hook to preload.
 */
export function moduleEntry(dir: string, name: string): { file: string; tsx: string | null } {
  const bundled = path.join(dir, `${name}.js`);
  if (fs.existsSync(bundled)) return { file: bundled, tsx: null };
  return { file: path.join(dir, `${name}.ts`), tsx: require.resolve('tsx/cjs') };
}

/** A worker thread running one of the host's modules (see moduleEntry). */
export function startModuleWorker(dir: string, name: string, opts: WorkerOptions = {}): Worker {
  const { file, tsx } = moduleEntry(dir, name);
  if (!tsx) return new Worker(file, opts);
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, { ...opts, eval: true });
}
