// The command line over an encrypted desk: init asks for a passphrase (or --unencrypted), every
// command unlocks from $CASEFILE_PASSPHRASE, --passphrase-file or a prompt that does not echo,
// a wrong passphrase is refused and writes nothing, `encrypt` encrypts a plain desk in place
// with a progress report, and `passphrase change` replaces the passphrase.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, cf, cfJson, tempDir } from './cliRunner';

const PASS = 'desk passphrase one';

/** Runs with a passphrase in the environment (what a script would do). */
async function withEnv(env: Record<string, string>, args: string[]) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await cf(args);
  } finally {
    for (const k of Object.keys(env)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

function passFile(text: string): string {
  const f = path.join(tempDir(), 'pass.txt');
  fs.writeFileSync(f, text, { mode: 0o600 });
  return f;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full)] = `${createHash('sha256').update(fs.readFileSync(full)).digest('hex')} ${fs.statSync(full).mtimeMs}`;
  }
  return out;
}

/**
 * Runs the CLI in a pseudo-terminal (util-linux `script`), answering each prompt when it
 * appears, and returns everything the terminal showed.
 */
function inTerminal(args: string[], answers: string[]): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let asked = 0;
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      screen += d;
      const prompts = screen.match(/(Passphrase|Choose a passphrase|Type it again): $/gm)?.length ?? 0;
      while (asked < prompts && asked < answers.length) child.stdin.write(`${answers[asked++]}\r`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, screen });
    });
  });
}

describe('casefile on an encrypted desk', () => {
  it('init refuses to create a desk without a passphrase or --unencrypted, and creates nothing', async () => {
    const desk = path.join(tempDir(), 'desk');
    const r = await cf(['init', '--data', desk]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Choose a passphrase for the desk: set CASEFILE_PASSPHRASE or give --passphrase-file FILE, or run the command in a terminal to be asked, or add --unencrypted');
    expect(fs.existsSync(desk)).toBe(false);
    const short = await withEnv({ CASEFILE_PASSPHRASE: 'short' }, ['init', '--data', desk]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('A passphrase needs at least 8 characters.');
    expect(fs.existsSync(desk)).toBe(false);
  });

  it('every command unlocks from the environment or a passphrase file; none, or a wrong one, is refused and writes nothing', async () => {
    const desk = path.join(tempDir(), 'desk');
    const init = await withEnv({ CASEFILE_PASSPHRASE: PASS }, ['init', '--data', desk]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Encrypted: yes: it opens only with its passphrase');
    expect(init.stdout).toContain('without it nothing and no one can open this desk again');
    const file = passFile(`${PASS}\n`);
    await cfJson(['profile', 'add', '--data', desk, '--passphrase-file', file, '--name', 'Dana Admin', '--initials', 'DA', '--roles', 'analyst,case_manager']);
    const created = JSON.parse((await withEnv({ CASEFILE_PASSPHRASE: PASS }, ['case', 'create', '--data', desk, '--title', 'Sealed case', '--json'])).stdout) as { id: string };

    const before = snapshot(desk);
    const none = await cf(['case', 'list', '--data', desk]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('This desk is encrypted: give its passphrase with CASEFILE_PASSPHRASE or --passphrase-file FILE, or run the command in a terminal to be asked for it.');
    const wrong = await withEnv({ CASEFILE_PASSPHRASE: `${PASS}!` }, ['case', 'create', '--data', desk, '--title', 'never']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('casefile: forbidden: The passphrase does not unlock this desk. Nothing was changed.\n');
    expect((await cf(['case', 'list', '--data', desk, '--passphrase-file', passFile('not the one\n')])).code).toBe(1);
    expect(snapshot(desk)).toEqual(before);

    const list = await cfJson<{ items: { id: string }[] }>(['case', 'list', '--data', desk, '--passphrase-file', file]);
    expect(list.items.map((c) => c.id)).toEqual([created.id]);
    const check = await cf(['check', '--data', desk, '--passphrase-file', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toContain('not protected at rest');
  });

  it('asks in a terminal without echoing: twice when the desk is made, once to open it', async () => {
    const desk = path.join(tempDir(), 'desk');
    const secret = 'typed in a terminal';
    const init = await inTerminal(['init', '--data', desk], ['short', 'short', secret, secret]);
    expect(init.code).toBe(0);
    expect(init.screen).toContain('A passphrase needs at least 8 characters. Try again');
    expect(init.screen).toContain('Encrypted: yes');
    expect(init.screen).not.toContain(secret);
    const check = await inTerminal(['check', '--data', desk], [secret]);
    expect(check.code).toBe(0);
    expect(check.screen).toContain('OK: no problems');
    expect(check.screen).not.toContain(secret);
    const wrong = await inTerminal(['check', '--data', desk], ['not the passphrase']);
    expect(wrong.code).toBe(1);
    expect(wrong.screen).toContain('The passphrase does not unlock this desk. Nothing was changed.');
  });

  it('encrypt turns a plain desk into an encrypted one; everything is still there', async () => {
    const desk = path.join(tempDir(), 'desk');
    expect((await cf(['sample', '--unencrypted', '--data', desk, '--name', 'Sam Ple', '--initials', 'SP'])).code).toBe(0);
    const evidence = path.join(tempDir(), 'shot.txt');
    fs.writeFileSync(evidence, 'evidence that must be sealed');
    const cases = await cfJson<{ items: { id: string }[] }>(['case', 'list', '--data', desk]);
    const plainCheck = await cf(['check', '--data', desk]);
    expect(plainCheck.stdout).toContain('Note: This desk is not protected at rest');

    const file = passFile(`${PASS}\r\n`);
    const enc = await cf(['encrypt', '--data', desk, '--passphrase-file', file]);
    expect(enc.code, enc.stderr).toBe(0);
    // Not a terminal: no progress bar (as every long command), only the summary.
    expect(enc.stderr).toBe('');
    expect(enc.stdout).toMatch(/^Encrypted .*: \d+ rows in \d+ tables and 0 attachment files \(0 bytes\), in [\d.]+ s\.\n/);
    expect(fs.readFileSync(path.join(desk, 'casefile.sqlite')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');

    expect((await cf(['case', 'list', '--data', desk])).code).toBe(1);
    expect((await cfJson<{ items: { id: string }[] }>(['case', 'list', '--data', desk, '--passphrase-file', file])).items).toEqual(cases.items);
    const again = await cf(['encrypt', '--data', desk, '--passphrase-file', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('This desk is already encrypted. Nothing was changed.');
    expect((await cf(['check', '--data', desk, '--passphrase-file', file])).code).toBe(0);
  });

  it('passphrase change: the new one opens the desk, the old one no longer does', async () => {
    const desk = path.join(tempDir(), 'desk');
    expect((await withEnv({ CASEFILE_PASSPHRASE: PASS }, ['init', '--data', desk])).code).toBe(0);
    const wrong = await withEnv({ CASEFILE_PASSPHRASE: 'not the passphrase', CASEFILE_NEW_PASSPHRASE: 'another passphrase' }, ['passphrase', 'change', '--data', desk]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The passphrase does not unlock this desk. Nothing was changed.');

    const next = passFile('another passphrase\n');
    const change = await withEnv({ CASEFILE_PASSPHRASE: PASS }, ['passphrase', 'change', '--data', desk, '--new-passphrase-file', next]);
    expect(change.code, change.stderr).toBe(0);
    expect(change.stdout).toContain('The passphrase was changed. The old one no longer opens this desk.');
    expect(change.stderr).toContain('backups) still open with the old passphrase');
    expect((await withEnv({ CASEFILE_PASSPHRASE: PASS }, ['check', '--data', desk])).code).toBe(1);
    expect((await cf(['check', '--data', desk, '--passphrase-file', next])).code).toBe(0);

    const plain = path.join(tempDir(), 'plain');
    expect((await cf(['init', '--unencrypted', '--data', plain])).code).toBe(0);
    const refused = await withEnv({ CASEFILE_PASSPHRASE: PASS, CASEFILE_NEW_PASSPHRASE: 'another passphrase' }, ['passphrase', 'change', '--data', plain]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('This desk is not encrypted, so it has no passphrase');
  });
});
