// The command line loads only the command it runs, from a bundle it keeps up to date itself,
// and draws a progress bar only on a terminal.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, buildProgram, commandNamed } from '../../electron/cli/main';
import { follow } from '../../electron/cli/progress';
import { Session } from '../../electron/cli/session';
import { BIN, REPO, cfProcess, tempDir } from './cliRunner';

const stderrIsTTY = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
afterEach(() => {
  vi.restoreAllMocks();
  if (stderrIsTTY) Object.defineProperty(process.stderr, 'isTTY', stderrIsTTY);
  else delete (process.stderr as { isTTY?: boolean }).isTTY;
});

/** What `casefile ARGS` loaded: whether the Core's database library and zod were among its modules. */
function loadedBy(args: string[]): { sqlite: boolean; zod: boolean; stdout: string } {
  const probe = path.join(tempDir(), 'probe.cjs');
  fs.writeFileSync(probe, `process.on('exit', () => {
    const files = Object.keys(require.cache);
    process.stderr.write('LOADED ' + JSON.stringify({ sqlite: files.some((f) => f.includes('better-sqlite3')), zod: files.some((f) => f.includes('/zod/')) }) + '\\n');
  });`);
  const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  return { ...(JSON.parse(line!.slice(7)) as { sqlite: boolean; zod: boolean }), stdout: r.stdout };
}

describe('casefile startup', () => {
  it('--help lists every command without loading any of them (nor the Core)', () => {
    const help = loadedBy(['--help']);
    expect(help.stdout).toMatch(/^Usage: casefile \[options\] \[command\]/);
    expect(help.stdout).toContain('  attach [options] <file>  ');
    expect(help.stdout).toContain('130 cancelled (Ctrl-C)');
    expect(help).toMatchObject({ sqlite: false, zod: false });
    // A command does load what it needs.
    const dir = tempDir();
    expect(loadedBy(['init', '--data', dir])).toMatchObject({ sqlite: true });
  });

  it('lists each command as its own module defines it', async () => {
    const full = await buildProgram([], { all: true });
    const help = full.createHelp();
    const defined = full.commands.map((c: Command) => [c.name(), help.subcommandTerm(c), help.subcommandDescription(c)]);
    expect(COMMANDS.map((c) => [c.name, c.term, c.summary])).toEqual(defined);
  });

  it('finds the command after the global options, and `help X` names X', () => {
    expect(commandNamed(['--data', '/tmp/x', '--as', 'DA', '--json', 'case', 'list'])).toBe('case');
    expect(commandNamed(['help', 'export-json'])).toBe('export-json');
    expect(commandNamed(['--help'])).toBeNull();
    expect(commandNamed([])).toBeNull();
  });

  it('a mistyped command is a usage error with a suggestion, as before', () => {
    const r = cfProcess(['serch', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'serch'/);
    expect(r.stderr).toMatch(/Did you mean search\?/);
  });

  it('rebuilds its bundle when a source it was built from changes', () => {
    const inputs = path.join(REPO, 'node_modules/.cache/casefile-cli/inputs.json');
    expect(cfProcess(['--version']).code).toBe(0);
    const listed = JSON.parse(fs.readFileSync(inputs, 'utf8')) as Record<string, number>;
    const version = path.join(REPO, 'electron/core/version.ts');
    expect(Object.keys(listed)).toContain(version);
    // Touching a source makes the next run build again (and then list the new time).
    const later = new Date(Date.now() + 1000);
    fs.utimesSync(version, later, later);
    expect(cfProcess(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((JSON.parse(fs.readFileSync(inputs, 'utf8')) as Record<string, number>)[version]).toBe(fs.statSync(version).mtimeMs);
  });
});

describe('the progress bar', () => {
  function capture(isTTY: boolean) {
    let written = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { written += String(chunk); return true; });
    Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
    return () => written;
  }

  it('is drawn on a terminal, with the phase, and is gone when the work ends', () => {
    const written = capture(true);
    const f = follow(new Session({ data: tempDir() }), 'Checking');
    f.run.onProgress!({ phase: 'verifying the audit trail', done: 50, total: 100 });
    f.done();
    expect(written()).toMatch(/Checking .* 50% verifying the audit trail/);
  });

  it('draws nothing when standard error is not a terminal, or with --json', () => {
    const piped = capture(false);
    const f = follow(new Session({ data: tempDir() }), 'Checking');
    f.run.onProgress!({ phase: 'verifying the audit trail', done: 50, total: 100 });
    f.done();
    expect(piped()).toBe('');
    const json = capture(true);
    const g = follow(new Session({ data: tempDir(), json: true }), 'Checking');
    g.run.onProgress!({ phase: 'verifying the audit trail', done: 50, total: 100 });
    g.done();
    expect(json()).toBe('');
  });

  it('Ctrl-C cancels the work it follows', () => {
    capture(false);
    const f = follow(new Session({ data: tempDir() }), 'Exporting');
    expect(f.run.signal!.aborted).toBe(false);
    process.emit('SIGINT');
    expect(f.run.signal!.aborted).toBe(true);
    f.done();
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});
