// Running the `casefile` command line for the CLI suites, two ways:
//
// - cf / cfJson: in this process, through the same main(argv) that bin/casefile.js calls (same
//   commander program, same escaping of every line printed, same exit codes), with standard
//   input, output and error replaced for the call by streams that behave as pipes do (no TTY).
//   A real process costs some 0.4-0.5 s of CPU to start Node and load the CLI and the Core
//   (2-3 s of wall time on the loaded 2-core machine); the suites make hundreds of calls.
// - cfProcess: the real binary as a child process, for what only a process shows: the Node
//   version check, exit codes seen by a shell, standard input from a pipe, bytes into a pipe.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { main } from '../../electron/cli/main';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(REPO, 'bin', 'casefile.js');
export const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'cli');

export interface Run { code: number | null; stdout: string; stderr: string; raw: Buffer }
export interface RunOptions { input?: string | Buffer; cwd?: string }

/** Settings of the caller that must not leak into a `casefile` run (the tests say what they mean). */
const UNSET = ['CASEFILE_AS', 'CASEFILE_DATA', 'npm_lifecycle_event'] as const;

/** The environment a `casefile` child runs with: the caller's CASEFILE_* settings never leak in. */
export function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of UNSET) delete env[k];
  return env;
}

/** Runs `casefile ...args` as a child process (the real binary) and returns its exit code and output. */
export function cfProcess(args: string[], opts: RunOptions = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, input: opts.input, env: cliEnv(), timeout: 60_000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), raw: r.stdout };
}

/** A stream that keeps what is written to it, as a pipe to the test would. */
function sink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

type StdName = 'stdin' | 'stdout' | 'stderr';

/** Puts `value` in place of process[name] until the returned function is called. */
function replace(name: StdName, value: unknown): () => void {
  const before = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, { configurable: true, enumerable: true, get: () => value });
  return () => {
    if (before) Object.defineProperty(process, name, before);
  };
}

let running = false;

/**
 * Runs `casefile ...args` in this process and returns its exit code and output, as cfProcess
 * would: the caller's CASEFILE_AS, CASEFILE_DATA and npm_lifecycle_event are unset for the call,
 * standard input is `input` (or empty), and the process's exit code is left as it was.
 */
export async function cf(args: string[], opts: RunOptions = {}): Promise<Run> {
  if (running) throw new Error('cf: one casefile run at a time (the process streams are replaced while it runs)');
  running = true;
  const out = sink();
  const err = sink();
  const stdin = Readable.from(opts.input === undefined ? [] : [Buffer.from(opts.input)]);
  const savedEnv = Object.fromEntries(UNSET.map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  const restore: (() => void)[] = [];
  let code: number;
  try {
    for (const k of UNSET) delete process.env[k];
    process.chdir(opts.cwd ?? REPO);
    process.exitCode = undefined;
    restore.push(replace('stdin', stdin), replace('stdout', out.stream), replace('stderr', err.stream));
    code = await main([process.execPath, BIN, ...args]);
  } finally {
    for (const r of restore.reverse()) r();
    process.exitCode = savedExitCode;
    process.chdir(savedCwd);
    for (const k of UNSET) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    stdin.destroy();
    running = false;
  }
  const raw = out.bytes();
  return { code, stdout: raw.toString('utf8'), stderr: err.bytes().toString('utf8'), raw };
}

/** The same, expecting success and JSON output. */
export async function cfJson<T = Record<string, unknown>>(args: string[], opts: RunOptions = {}): Promise<T> {
  const r = await cf([...args, '--json'], opts);
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
