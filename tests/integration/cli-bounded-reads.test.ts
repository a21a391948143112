// Every file and standard-input read of the command line stops at a size limit with a clear
// message. Before, `--original-file /dev/zero` or an endless pipe grew until memory ran out
// (1.9 GB in 18 s).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, cf, cfJson, cliEnv, tempDir, type Run } from './cliRunner';

/** Runs casefile with a standard input that never ends: 'a' bytes for as long as it reads them. */
function withEndlessStdin(args: string[]): Promise<Omit<Run, 'raw'> & { fedBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: cliEnv() });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let open = true;
    let fedBytes = 0;
    // casefile closing its end is how the writer learns to stop (EPIPE).
    child.stdin.on('error', () => { open = false; });
    const pump = () => {
      while (open && child.stdin.write(chunk)) fedBytes += chunk.length;
      if (open) child.stdin.once('drain', pump);
    };
    pump();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      open = false;
      resolve({ code, stdout, stderr, fedBytes });
    });
  });
}

let desk: string;
let caseId: string;
beforeAll(async () => {
  desk = tempDir();
  await cfJson(['profile', 'add', '--unencrypted', '--data', desk, '--name', 'Dana', '--initials', 'DA', '--roles', 'analyst,case_manager']);
  caseId = (await cfJson<{ id: string }>(['case', 'create', '--data', desk, '--title', 'C'])).id;
});

const LONG_TEXT = 'larger than 7.6 MiB, what one text field can hold (2,000,000 characters): reading stopped there and nothing was written.';

describe('bounded reads', () => {
  it('--original-file /dev/zero stops at the limit with a clear message', async () => {
    const r = await cf(['statement', 'add', '--data', desk, '--original-file', '/dev/zero']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`casefile: the original /dev/zero is ${LONG_TEXT}\n`);
    const xliff = await cf(['xliff', 'import', '/dev/zero', '--data', desk]);
    expect(xliff.code).toBe(1);
    expect(xliff.stderr).toBe(`casefile: the XLIFF file /dev/zero is ${LONG_TEXT}\n`);
    expect((await cfJson<{ total: number }>(['statement', 'list', '--data', desk])).total).toBe(0);
  });

  it('an endless standard input stops at the limit: the original, a note body, a call input', async () => {
    const st = await withEndlessStdin(['statement', 'add', '--data', desk, '--original-file', '-']);
    expect(st.stderr).toBe(`casefile: the original (standard input) is ${LONG_TEXT}\n`);
    expect(st.code).toBe(1);
    const note = await withEndlessStdin(['note', 'add', '--data', desk, '--to', `case:${caseId}`, '--body-file', '-']);
    expect(note.stderr).toBe(`casefile: the note (standard input) is ${LONG_TEXT}\n`);
    const call = await withEndlessStdin(['call', 'notes.create', '--input', '-', '--data', desk]);
    expect(call.code).toBe(1);
    expect(call.stderr).toBe('casefile: the input (standard input) is larger than 256 MiB, what one call may take: reading stopped there and nothing was written.\n');
    expect((await cfJson<{ total: number }>(['statement', 'list', '--data', desk])).total).toBe(0);
    expect(await cfJson<unknown[]>(['note', 'list', '--data', desk, '--to', `case:${caseId}`])).toEqual([]);
  });

  it('a regular file over the limit is refused before it is read', async () => {
    const dir = tempDir();
    // Sparse files: their size is known without writing the bytes.
    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 8_000_001);
    const r = await cf(['note', 'add', '--data', desk, '--to', `case:${caseId}`, '--body-file', big]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`casefile: the note ${big} is ${LONG_TEXT}\n`);
    // import-json streams (an export of any size is read a piece at a time): a huge file of
    // nothing is refused at its first byte, and the folder it would have made is not left behind.
    const exported = path.join(dir, 'huge.json');
    fs.writeFileSync(exported, '');
    fs.truncateSync(exported, 512 * 1024 * 1024 + 1);
    const imp = await cf(['import-json', exported, '--unencrypted', '--data', path.join(dir, 'new-desk')]);
    expect(imp.code).toBe(1);
    expect(imp.stderr).toMatch(/nothing was written\. The document is not valid JSON/);
    expect(fs.existsSync(path.join(dir, 'new-desk'))).toBe(false);
    const segments = path.join(dir, 'segments.json');
    fs.writeFileSync(segments, '');
    fs.truncateSync(segments, 64 * 1024 * 1024 + 1);
    const st = await cfJson<{ id: string }>(['statement', 'add', '--data', desk, '--original-file', '-'], { input: 'جملة.' });
    await cfJson(['translation', 'segment', st.id, '--data', desk]);
    const edit = await cf(['translation', 'edit', st.id, '--from-file', segments, '--data', desk]);
    expect(edit.code).toBe(1);
    expect(edit.stderr).toBe(`casefile: the segments file ${segments} is larger than 64 MiB, what a segments file may be: reading stopped there and nothing was written.\n`);
    // A file within the limit is read.
    const fits = path.join(dir, 'fits.txt');
    fs.writeFileSync(fits, 'a'.repeat(1000));
    expect((await cf(['note', 'add', '--data', desk, '--to', `case:${caseId}`, '--body-file', fits])).code).toBe(0);
  });
});
