// `casefile report …` on the command line (in this process, cliRunner.ts): drafting, citing, quoting,
// exporting each format to a file, the refusals with their exit codes, publishing and versions.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report, ReportVersion } from '../../shared/domain';
import { createCore } from '../../electron/core/index';
import { cf, cfJson, tempDir } from './cliRunner';

async function desk() {
  const dir = tempDir();
  const data = path.join(dir, 'desk');
  // Profiles and records are set up through the Core directly; the report work goes through the CLI.
  const core = createCore({ dataDir: data });
  const da = await core.invoke('profiles.create', { as: null, name: 'Dana Analyst', initials: 'DA', roles: ['analyst', 'case_manager'] });
  await core.invoke('profiles.create', { as: da.id, name: 'Rami Reviewer', initials: 'RR', roles: ['reviewer'] });
  const src = await core.invoke('sources.create', {
    as: da.id, kind: 'social_post', title: 'Post', publisher: 'X (formerly Twitter)', author: '@akramalkaabi', publishedAt: '2023-11-01', marking: 'public',
  });
  const secret = await core.invoke('sources.create', { as: da.id, kind: 'document', title: 'Liaison note', marking: 'restricted' });
  const st = await core.invoke('statements.create', {
    as: da.id, originalStatus: 'not_captured', publishedWording: 'No stopping, no truce, no retreat.', publishedWordingLanguage: 'en', marking: 'public',
  });
  const draftSt = await core.invoke('statements.create', { as: da.id, originalText: 'لا توقف ولا هدنة.', language: 'ar', marking: 'public' });
  const tr = await core.invoke('translations.start', { as: da.id, statementId: draftSt.id, targetLang: 'en' });
  core.close();
  const run = (args: string[], as = 'DA') => cf(['--data', data, '--as', as, ...args], { cwd: dir });
  const json = <T>(args: string[], as = 'DA') => cfJson<T>(['--data', data, '--as', as, ...args], { cwd: dir });
  return { dir, data, run, json, src, secret, st, draftSt, draftRevision: tr.latest.id };
}

describe('casefile report', () => {
  it('drafts, cites, quotes, shows, exports every format to a file, publishes and exports the published version', async () => {
    const d = await desk();
    fs.writeFileSync(path.join(d.dir, 'body.md'), 'Kaabi posted a statement.\n');
    const r = await d.json<Report>(['report', 'create', '--headline', 'Kaabi declares war', '--date', '2023-11-01', '--hijri', '--marking', 'public', '--body-file', 'body.md']);
    expect(r).toMatchObject({ headline: 'Kaabi declares war', datelineDate: '2023-11-01', showHijri: true, version: 1 });
    const cited = await d.json<Report>(['report', 'cite', r.id, d.src.id, '--at', '24']);
    expect(cited.body).toBe(`Kaabi posted a statement[@${d.src.id}].\n`);
    const quoted = await d.json<Report>(['report', 'quote', r.id, d.st.id, '--published']);
    expect(quoted.body).toContain(`{{quote statement=${d.st.id} wording=published}}`);

    const show = await d.run(['report', 'show', r.id]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Dateline: +November 1, 2023 \(Rabiʻ II 17, 1445 AH\)/);
    expect(show.stdout).toContain('[1] X (formerly Twitter), @akramalkaabi, November 1, 2023.');
    expect(show.stdout).toContain('Note: Quotation 1 quotes the published wording');

    const md = await d.run(['report', 'export', r.id, '--format', 'md', '--out', 'report.md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^Wrote .*report\.md \(md, draft version 1, \d+ bytes, sha256 [0-9a-f]{64}\)/);
    const text = fs.readFileSync(path.join(d.dir, 'report.md'), 'utf8');
    expect(text).toContain('Kaabi posted a statement[^1].');
    expect(text).toContain('> No stopping, no truce, no retreat.');
    for (const format of ['html', 'docx'] as const) {
      const res = await d.run(['report', 'export', r.id, '--format', format, '--out', `report.${format}`]);
      expect(res.code, res.stderr).toBe(0);
    }
    expect(fs.readFileSync(path.join(d.dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(fs.readFileSync(path.join(d.dir, 'report.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await d.run(['report', 'export', r.id, '--format', 'md', '--out', '-'])).stdout).toBe(text);

    // Four eyes: the author may not publish; the reviewer may.
    const mine = await d.run(['report', 'publish', r.id]);
    expect(mine.code).toBe(1);
    expect(mine.stderr).toMatch(/forbidden: Dana Analyst cannot publish this report: they wrote its text/);
    const pub = await d.json<{ version: ReportVersion }>(['report', 'publish', r.id], 'RR');
    expect(pub.version.files.map((f) => f.format)).toEqual(['md', 'html', 'docx', 'pdf']);
    await d.json(['report', 'update', r.id, '--headline', 'Kaabi declares war (updated)']);
    const versions = await d.json<ReportVersion[]>(['report', 'versions', r.id]);
    expect(versions.map((v) => [v.version, v.headline])).toEqual([[1, 'Kaabi declares war']]);
    const again = await d.json<{ sha256: string; published: boolean }>(['report', 'export', r.id, '--version', '1', '--format', 'md', '--out', 'v1.md']);
    expect(again).toMatchObject({ published: true, sha256: pub.version.files[0]?.sha256 });
    expect(fs.readFileSync(path.join(d.dir, 'v1.md'), 'utf8')).toBe(text);
    const draft = await d.json<{ version: number; published: boolean }>(['report', 'export', r.id, '--format', 'md', '--out', 'v2.md']);
    expect(draft).toMatchObject({ version: 2, published: false });
  }, 120_000);

  it('refuses with exit 1 and the reason: unapproved quotation, marking (unless --allow-marking), no PDF engine; never leaves a file', async () => {
    const d = await desk();
    const r = await d.json<Report>(['report', 'create', '--headline', 'Refusals', '--marking', 'public', '--body', `A[@${d.secret.id}]`]);
    const marking = await d.run(['report', 'export', r.id, '--format', 'md', '--out', 'out.md']);
    expect(marking.code).toBe(1);
    expect(marking.stderr).toContain(`forbidden: This report is marked public, but it would include a record more restricted than that: source "Liaison note" (${d.secret.id}) is restricted`);
    expect(fs.existsSync(path.join(d.dir, 'out.md'))).toBe(false);
    const allowed = await d.run(['report', 'export', r.id, '--format', 'md', '--out', 'out.md', '--allow-marking']);
    expect(allowed.code, allowed.stderr).toBe(0);

    const q = await d.json<Report>(['report', 'quote', r.id, d.draftSt.id, '--revision', d.draftRevision]);
    const draft = await d.run(['report', 'export', q.id, '--format', 'html', '--out', 'out.html', '--allow-marking']);
    expect(draft.code).toBe(1);
    expect(draft.stderr).toMatch(/conflict: Exporting this report \(html\) is refused: Quotation 1 .* is a draft: only approved text can be exported or published\./);

    const ok = await d.json<Report>(['report', 'create', '--headline', 'PDF', '--marking', 'public', '--body', 'Text.']);
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = path.join(d.dir, 'no-chromium');
    try {
      const pdf = await d.run(['report', 'export', ok.id, '--format', 'pdf', '--out', 'out.pdf']);
      expect(pdf.code).toBe(1);
      expect(pdf.stderr).toMatch(/CHROMIUM_PATH is set to .*no-chromium, but there is no such file/);
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
    expect(fs.readdirSync(d.dir).sort()).toEqual(['desk', 'out.md']);
  }, 120_000);

  it('usage mistakes exit 2; a bad body or an unknown version exits 1 naming what is wrong', async () => {
    const d = await desk();
    const r = await d.json<Report>(['report', 'create', '--headline', 'Usage']);
    const fmt = await d.run(['report', 'export', r.id, '--format', 'rtf', '--out', 'x.rtf']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('--format must be one of md, html, docx, pdf, not rtf');
    expect((await d.run(['report', 'export', r.id, '--format', 'md'])).code).toBe(2);
    expect((await d.run(['report', 'update', r.id])).code).toBe(2);
    const bad = await d.run(['report', 'update', r.id, '--body', `See [@${'0'.repeat(8)}-0000-7000-8000-000000000000].`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid_input: body: .*names no source/);
    const none = await d.run(['report', 'export', r.id, '--version', '3', '--format', 'md', '--out', 'x.md']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no published version 3 \(it has not been published\)/);
    const folder = await d.run(['report', 'export', r.id, '--format', 'md', '--out', 'missing/x.md']);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/the folder .*missing does not exist/);
  }, 120_000);
});
