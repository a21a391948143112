// Running the real `casefile` command line as a child process, for the CLI suites.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(REPO, 'bin', 'casefile.js');
export const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'cli');

export interface Run { code: number | null; stdout: string; stderr: string; raw: Buffer }

/** The environment a `casefile` child runs with: the caller's CASEFILE_* settings never leak in. */
export function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.CASEFILE_AS;
  delete env.CASEFILE_DATA;
  delete env.npm_lifecycle_event;
  return env;
}

/** Runs `casefile ...args` and returns its exit code and output. */
export function cf(args: string[], opts: { input?: string | Buffer; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, input: opts.input, env: cliEnv(), timeout: 60_000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), raw: r.stdout };
}

/** The same, expecting success and JSON output. */
export function cfJson<T = Record<string, unknown>>(args: string[], opts: { input?: string | Buffer; cwd?: string } = {}): T {
  const r = cf([...args, '--json'], opts);
  expect(r.stderr, `casefile ${args.join(' ')}`).toBe('');
  expect(r.code, `casefile ${args.join(' ')}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const temps: string[] = [];
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-cli-'));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

