// `casefile report import FILE --case ID [--dry-run] [--create-actors]`: the preview is printed,
// nothing is written on a dry run, and every refusal has its exit code and reason.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { cf, cfJson, cfProcess, REPO, tempDir } from './cliRunner';

const SAMPLE = path.join(REPO, 'tests', 'fixtures', 'report', 'jttm-2023-11-01-al-nujaba.txt');
const SAMPLE_HTML = path.join(REPO, 'tests', 'fixtures', 'report', 'jttm-2023-11-01-al-nujaba.html');

/** Rows in the tables an import writes to, and the audit log. */
function counts(desk: string): Record<string, number> {
  const db = new Database(path.join(desk, 'casefile.sqlite'), { readonly: true });
  try {
    return Object.fromEntries(['reports', 'statements', 'sources', 'actors', 'citations', 'case_items', 'audit_log']
      .map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

describe('casefile report import', () => {
  let desk: string;
  let caseId: string;
  beforeEach(async () => {
    desk = tempDir();
    await cfJson(['profile', 'add', '--unencrypted', '--data', desk, '--name', 'Dana Analyst', '--initials', 'DA', '--roles', 'analyst,case_manager']);
    caseId = (await cfJson<{ id: string }>(['case', 'create', '--data', desk, '--title', 'Al-Nujaba, November 2023'])).id;
  });

  it('--dry-run prints what would be created and what is left out, and writes nothing', async () => {
    const before = counts(desk);
    const r = await cf(['report', 'import', SAMPLE, '--case', caseId, '--dry-run', '--data', desk]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Import of "Leader Of Iraqi Shi'ite Al-Nujaba Movement: Iraqi Islamic Resistance Has Decided To 'Militarily Liberate Iraq'" (text, 2,643 bytes) into case ${caseId}`);
    expect(r.stdout).toContain('  Dateline: November 1, 2023 (2023-11-01)');
    expect(r.stdout).toContain('Statement (published wording; original not captured):');
    expect(r.stdout).toContain('  Speaker: Akram Al-Kaabi (new actor: left out without --create-actors); on behalf of: Al-Nujaba Movement (new actor: left out without --create-actors)');
    expect(r.stdout).toContain('  [1]    social_post  Akram Al-Kaabi, post on X, November 1, 2023');
    expect(r.stdout).toContain('  #8   The full text of this post is available to subscribers.  (teaser: the full text is for subscribers only)');
    expect(r.stdout).toContain('Hashtags: #Al-Aqsa_Flood');
    expect(r.stdout).toContain('Scripture: [Quran 8:17]');
    expect(r.stdout.trimEnd().endsWith('Dry run: nothing was written. Run it again without --dry-run to import.')).toBe(true);
    expect(counts(desk)).toEqual(before);

    const json = await cfJson<{ preview: { statement: { publishedWording: string } }; imported: null }>(['report', 'import', SAMPLE, '--case', caseId, '--dry-run', '--data', desk]);
    expect(json.imported).toBeNull();
    expect(json.preview.statement.publishedWording).toMatch(/^In the Name of Allah—the Most Compassionate.*no retreat\.$/);
    expect(counts(desk)).toEqual(before);
  });

  it('without --dry-run writes it all, with --create-actors the new actors too; a second import is refused', async () => {
    const before = counts(desk);
    const r = await cfJson<{ imported: { report: { id: string }; statement: { speakerId: string }; sources: unknown[]; actorsCreated: { id: string; name: string }[] } }>(
      ['report', 'import', SAMPLE_HTML, '--case', caseId, '--create-actors', '--data', desk],
    );
    expect(r.imported.actorsCreated.map((a) => a.name)).toEqual(['Akram Al-Kaabi', 'Al-Nujaba Movement']);
    expect(r.imported.statement.speakerId).toBe(r.imported.actorsCreated[0]!.id);
    expect(r.imported.sources).toHaveLength(4);
    const after = counts(desk);
    expect([after.reports! - before.reports!, after.statements! - before.statements!, after.sources! - before.sources!, after.actors! - before.actors!]).toEqual([1, 1, 4, 2]);

    const again = await cf(['report', 'import', SAMPLE, '--case', caseId, '--data', desk]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`casefile: Case ${caseId} already has a report with this headline (${r.imported.report.id}): it looks imported already. Nothing was imported; move that report to the trash first to import it again.\n`);
    expect(counts(desk)).toEqual(after);
  });

  it('prints a human summary of what it imported', async () => {
    const r = await cf(['report', 'import', SAMPLE, '--case', caseId, '--data', desk]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nImported report [0-9a-f-]{36} into case [0-9a-f-]{36}:\n {2}statement [0-9a-f-]{36} \(published wording\)\n/);
    expect(r.stdout).toContain('8 lines left out.');
  });

  it('shows invisible direction controls in the preview instead of letting them reorder the terminal', async () => {
    const file = path.join(tempDir(), 'bidi.txt');
    fs.writeFileSync(file, fs.readFileSync(SAMPLE, 'utf8').replace('Leader Of', 'Leader\u202E Of'));
    const r = await cf(['report', 'import', file, '--case', caseId, '--dry-run', '--data', desk]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Import of "Leader⟨U+202E⟩ Of Iraqi');
    expect(r.stdout).not.toContain('\u202E');
    expect(r.stdout).toContain('! The headline contains invisible direction controls (U+202E RLO)');
  });

  it('refuses bad files and bad arguments with the right exit code, writing nothing', async () => {
    const before = counts(desk);
    const dir = tempDir();
    const bin = path.join(dir, 'scan.pdf');
    fs.writeFileSync(bin, Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'));
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, Buffer.alloc(6 * 1024 * 1024, 0x61));

    const pdf = await cf(['report', 'import', bin, '--case', caseId, '--data', desk]);
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toBe('casefile: invalid_input: data: the import file "scan.pdf" is binary (application/pdf), not the text or HTML of a report: save the report\'s page as HTML or copy its text into a .txt file; nothing was imported.\n');
    expect((await cf(['report', 'import', empty, '--case', caseId, '--data', desk])).stderr).toContain('the import file "empty.txt" is empty');
    const tooBig = await cf(['report', 'import', big, '--case', caseId, '--data', desk]);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toBe(`casefile: The import file ${big} is 6.0 MB; a published report's text or page is at most 5.0 MB. Nothing was imported.\n`);
    const missing = await cf(['report', 'import', path.join(dir, 'nope.txt'), '--case', caseId, '--data', desk]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const noCase = await cf(['report', 'import', SAMPLE, '--data', desk]);
    expect(noCase.code).toBe(2);
    expect(noCase.stderr).toContain("required option '--case <id>' not specified");
    const unknownCase = await cf(['report', 'import', SAMPLE, '--case', '01900000-0000-7000-8000-0000000000aa', '--data', desk]);
    expect(unknownCase.code).toBe(1);
    expect(unknownCase.stderr).toContain('No case with id 01900000-0000-7000-8000-0000000000aa.');
    expect(counts(desk)).toEqual(before);
  });

  it('reads standard input for -', async () => {
    const r = cfProcess(['report', 'import', '-', '--case', caseId, '--dry-run', '--data', desk], { input: fs.readFileSync(SAMPLE) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(text, 2,643 bytes)');
  });
});
