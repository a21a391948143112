// The `casefile` command line on a temp data folder, as a user (or a script) would run it: in
// this process through the CLI's own main() (cliRunner.ts), and as the real binary where only a
// process shows it (exit codes, the Node version check, standard input and output as pipes).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { BIN, FIXTURES, cf, cfJson, cfProcess, tempDir } from './cliRunner';

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

// One desk shared by the tests that only need profiles: Dana (admin, analyst, case manager) and Ana (analyst only).
let desk: string;
let dana: { id: string };
let ana: { id: string };

beforeAll(async () => {
  desk = path.join(tempDir(), 'desk');
  const init = await cf(['init', '--unencrypted', '--data', desk]);
  expect(init.code).toBe(0);
  expect(init.stdout).toContain(`Created the Casefile data folder ${desk}`);
  expect(fs.existsSync(path.join(desk, 'casefile.sqlite'))).toBe(true);
  dana = await cfJson(['profile', 'add', '--data', desk, '--name', 'Dana Admin', '--initials', 'DA', '--roles', 'analyst,case_manager']);
  ana = await cfJson(['profile', 'add', '--data', desk, '--as', 'DA', '--name', 'Ana Analyst', '--initials', 'AA', '--roles', 'analyst']);
});

describe('casefile CLI', () => {
  it('sets up a desk: the first profile gets admin; roles are enforced with the Core\'s message', async () => {
    const profiles = await cfJson<{ id: string; roles: string[] }[]>(['profile', 'list', '--data', desk]);
    expect(profiles.find((p) => p.id === dana.id)?.roles).toEqual(['analyst', 'case_manager', 'admin']);
    expect(profiles.find((p) => p.id === ana.id)?.roles).toEqual(['analyst']);

    const refused = await cf(['case', 'create', '--data', desk, '--as', 'Ana Analyst', '--title', 'Not mine to open']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('casefile: forbidden: Only a profile with the case manager role may open a case file.\n');
    expect(refused.stdout).toBe('');

    // Two profiles: who is acting must be said.
    const who = await cf(['case', 'list', '--data', desk]);
    expect(who.code).toBe(2);
    expect(who.stderr).toMatch(/--as/);
  });

  it('usage errors exit 2: unknown command, unknown option, missing argument, bad value', () => {
    const unknownCommand = cfProcess(['frobnicate', '--data', desk]);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command 'frobnicate'/);

    const unknownOption = cfProcess(['case', 'list', '--data', desk, '--as', 'DA', '--colour', 'red']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option '--colour'/);

    const missing = cfProcess(['case', 'update', '--data', desk, '--as', 'DA']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument 'id'/);

    const badChoice = cfProcess(['case', 'create', '--data', desk, '--as', 'DA', '--title', 'T', '--status', 'bogus']);
    expect(badChoice.code).toBe(2);
    expect(badChoice.stderr).toMatch(/--status/);
  });

  it('refuses a Node.js older than 22.12 with a clear message', () => {
    const fake = "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '22.11.0' } });" +
      "Object.defineProperty(process, 'version', { value: 'v22.11.0' });" +
      `require(${JSON.stringify(BIN)});`;
    const r = spawnSync(process.execPath, ['-e', fake, '--', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^casefile: Node\.js 22\.12 or newer is needed; this is v22\.11\.0\./);
    expect(r.stdout).toBe('');
  });

  it('--help exists for commands and says that attachment files are not in the JSON export', async () => {
    const help = await cf(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['init', 'profile', 'case', 'actor', 'statement', 'source', 'cite', 'attach', 'note', 'trash', 'audit', 'check', 'sample', 'export-json', 'import-json']) {
      expect(help.stdout).toContain(`  ${c}`);
    }
    const exportHelp = await cf(['export-json', '--help']);
    expect(exportHelp.code).toBe(0);
    expect(exportHelp.stdout).toMatch(/Attachment files are not in the JSON document/);
    expect(exportHelp.stdout).toMatch(/--data <dir>/);
  });

  it('stores an Arabic original byte for byte, from a file and from stdin', async () => {
    const file = path.join(FIXTURES, 'original-ar.txt');
    const bytes = fs.readFileSync(file);
    const text = bytes.toString('utf8');
    // The fixture holds what must survive: harakat, a ZWJ, an RLO, a decomposed é, CRLF.
    expect(text).toMatch(/\u064E/);
    expect(text).toContain('\u200D');
    expect(text).toContain('\u202E');
    expect(text).toContain('e\u0301');
    expect(text).toContain('\r\n');

    const fromFile = await cfJson<{ id: string; originalText: string }>(['statement', 'add', '--data', desk, '--as', 'AA', '--original-file', file, '--language', 'ar', '--said-at', '2023-11-01']);
    // Standard input from a real pipe, and --original into one.
    const piped = cfProcess(['statement', 'add', '--data', desk, '--as', 'AA', '--original-file', '-', '--language', 'ar', '--json'], { input: bytes });
    expect(piped.code, piped.stderr).toBe(0);
    const fromStdin = JSON.parse(piped.stdout) as { id: string };

    for (const id of [fromFile.id, fromStdin.id]) {
      const shown = await cfJson<{ originalText: string; originalStatus: string; hashtags: string[] }>(['statement', 'show', id, '--data', desk, '--as', 'AA']);
      expect(shown.originalText).toBe(text);
      expect(Buffer.from(shown.originalText, 'utf8').equals(bytes)).toBe(true);
      expect(shown.originalStatus).toBe('captured');
    }
    // --original prints exactly the stored bytes, for piping into a file.
    const raw = cfProcess(['statement', 'show', fromStdin.id, '--original', '--data', desk, '--as', 'AA']);
    expect(raw.code).toBe(0);
    expect(raw.raw.equals(bytes)).toBe(true);
    // The human view points the invisible characters out.
    const human = await cf(['statement', 'show', fromFile.id, '--data', desk, '--as', 'AA']);
    expect(human.stdout).toMatch(/U\+200D ZERO WIDTH JOINER/);
    expect(human.stdout).toMatch(/U\+202E RIGHT-TO-LEFT OVERRIDE/);
  });

  it('refuses an original that is not valid UTF-8, naming the file and offset, and writes nothing', async () => {
    const dir = path.join(tempDir(), 'utf8');
    await cfJson(['profile', 'add', '--unencrypted', '--data', dir, '--name', 'Solo', '--initials', 'SO', '--roles', 'analyst']);
    const bad = path.join(FIXTURES, 'invalid-utf8.txt');

    const fromFile = await cf(['statement', 'add', '--data', dir, '--original-file', bad]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain(bad);
    expect(fromFile.stderr).toMatch(/not valid UTF-8 at byte offset 9/);

    const fromStdin = await cf(['statement', 'add', '--data', dir, '--original-file', '-'], { input: Buffer.from([0x61, 0xff, 0x62]) });
    expect(fromStdin.code).toBe(1);
    expect(fromStdin.stderr).toMatch(/standard input.*byte offset 1/);

    expect((await cfJson<{ total: number }>(['statement', 'list', '--data', dir])).total).toBe(0);
  });

  it('attaches ../../x.png under attachments/ab/<sha256> and writes nothing outside the data folder', async () => {
    const root = tempDir();
    const data = path.join(root, 'data');
    const outside = path.join(root, 'work');
    const nested = path.join(outside, 'a', 'b');
    fs.mkdirSync(nested, { recursive: true });
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]);
    fs.writeFileSync(path.join(outside, 'x.png'), png);
    await cfJson(['profile', 'add', '--unencrypted', '--data', data, '--name', 'Solo', '--initials', 'SO', '--roles', 'analyst']);
    const statement = await cfJson<{ id: string }>(['statement', 'add', '--data', data, '--summary', 'has a screenshot']);
    const before = filesUnder(root).filter((f) => !f.startsWith(`data${path.sep}`));

    const att = await cfJson<{ sha256: string; originalName: string; size: number; ownerId: string }>(
      ['attach', '../../x.png', '--to', `statement:${statement.id}`, '--data', data], { cwd: nested });
    expect(att.originalName).toBe('x.png');
    expect(att.size).toBe(png.length);
    expect(att.ownerId).toBe(statement.id);
    const stored = path.join(data, 'attachments', att.sha256.slice(0, 2), att.sha256);
    expect(fs.readFileSync(stored).equals(png)).toBe(true);
    expect(filesUnder(root).filter((f) => !f.startsWith(`data${path.sep}`))).toEqual(before);
    expect(filesUnder(path.join(data, 'attachments'))).toEqual([path.join(att.sha256.slice(0, 2), att.sha256)]);
  });

  it('refuses a stale --rev on case update as a conflict; without --rev the current one is used', async () => {
    const c = await cfJson<{ id: string; rev: number }>(['case', 'create', '--data', desk, '--as', 'DA', '--title', 'Rev test']);
    expect(c.rev).toBe(1);
    const up = await cfJson<{ rev: number; title: string }>(['case', 'update', c.id, '--data', desk, '--as', 'DA', '--title', 'Rev test 2']);
    expect(up).toMatchObject({ rev: 2, title: 'Rev test 2' });

    const stale = await cf(['case', 'update', c.id, '--rev', '1', '--data', desk, '--as', 'DA', '--title', 'Lost update']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^casefile: conflict: .*revision 1.*saved one is 2.*Nothing was saved/);

    const closed = await cfJson<{ status: string; title: string; rev: number }>(['case', 'close', c.id, '--data', desk, '--as', 'DA']);
    expect(closed).toMatchObject({ status: 'closed', title: 'Rev test 2', rev: 3 });
  });

  describe('sample, check and the JSON round trip', () => {
    let sample: string;
    let exported: string;

    it('sample on a new folder makes a profile and loads the case; check then exits 0', async () => {
      sample = path.join(tempDir(), 'sample');
      const load = await cf(['sample', '--unencrypted', '--data', sample, '--name', 'Sam Ple', '--initials', 'SP']);
      expect(load.code).toBe(0);
      expect(load.stderr).toMatch(/Created the first profile of this desk: Sam Ple \(SP\)/);
      expect(load.stdout).toMatch(/Sample case loaded/);

      const check = await cf(['check', '--data', sample]);
      expect(check.stderr).toBe('');
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(/^OK: no problems/);

      const list = await cf(['case', 'list', '--data', sample]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/Al-Nujaba: 'militarily liberate Iraq'/);
      expect(list.stdout).toMatch(/^1 case$/m);
    });

    it('export-json | import-json into a new folder, then export-json again: the same tables; the audit trail verifies', async () => {
      const first = cfProcess(['export-json', '--data', sample]);
      expect(first.code).toBe(0);
      exported = first.stdout;
      const doc = JSON.parse(exported) as { format: string; tables: Record<string, unknown[]> };
      expect(doc.format).toBe('casefile-export');
      expect(doc.tables.audit_log?.length).toBeGreaterThan(20);
      expect(doc.tables.statements).toHaveLength(3);

      const copy = path.join(tempDir(), 'copy');
      const imp = cfProcess(['import-json', '-', '--unencrypted', '--data', copy], { input: exported });
      expect(imp.stderr).toBe('');
      expect(imp.code).toBe(0);

      // The history is the exporting desk's, signed with its key; the copy is a new desk with its own.
      expect(imp.stdout).toMatch(/The history is signed by the desk "Casefile desk", key [0-9a-f]{4}(-[0-9a-f]{4}){3}/);

      const again = await cf(['export-json', '--data', copy]);
      expect(again.code).toBe(0);
      const second = JSON.parse(again.stdout) as typeof doc & { head: Record<string, unknown> };
      const original = JSON.parse(exported) as typeof second;
      expect(JSON.stringify(second.tables)).toBe(JSON.stringify(original.tables));
      expect(second.head).toMatchObject({ seq: original.head.seq, hash: original.head.hash, at: original.head.at });
      expect(second.head.publicKey).not.toBe(original.head.publicKey);

      const verify = await cf(['audit', 'verify', '--data', copy]);
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/Audit trail intact: \d+ entries/);

      // Only into an empty folder.
      const twice = await cf(['import-json', '-', '--unencrypted', '--data', copy], { input: exported });
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/already holds records.*import into an empty folder/);
    });

    it('refuses a document with one bad field, naming it, and leaves the target empty', async () => {
      const doc = JSON.parse(exported) as { tables: Record<string, Record<string, unknown>[]> };
      (doc.tables.cases as Record<string, unknown>[])[0]!.status = 'bogus';
      const target = path.join(tempDir(), 'target');
      expect((await cf(['init', '--unencrypted', '--data', target])).code).toBe(0);

      const imp = await cf(['import-json', '-', '--unencrypted', '--data', target], { input: JSON.stringify(doc) });
      expect(imp.code).toBe(1);
      expect(imp.stderr).toMatch(/cases\[0\] \(id [0-9a-f-]+\)\.status: Invalid option/);
      expect(imp.stderr).toMatch(/nothing was written/);

      const after = JSON.parse((await cf(['export-json', '--data', target])).stdout) as { tables: Record<string, unknown[]> };
      expect(Object.entries(after.tables).filter(([, rows]) => rows.length > 0)).toEqual([]);
    });

    it('refuses a document whose audit chain was edited', async () => {
      const doc = JSON.parse(exported) as { tables: Record<string, Record<string, unknown>[]> };
      (doc.tables.audit_log as Record<string, unknown>[])[2]!.actor_id = null;
      const target = path.join(tempDir(), 'tampered');
      const imp = await cf(['import-json', '-', '--unencrypted', '--data', target], { input: JSON.stringify(doc) });
      expect(imp.code).toBe(1);
      expect(imp.stderr).toMatch(/audit_log \(seq 3\): Audit entry 3 was altered/);
      // The folder the refused import would have created is not left behind.
      expect(fs.existsSync(target)).toBe(false);
    });
  });
});
