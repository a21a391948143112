// Saved pages from the command line: `attach` to a statement, `page` shows what was read and
// the address and time the file gives, `search` finds the statement by the page's words.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, cf, cfJson, tempDir } from './cliRunner';

const PAGES = path.join(REPO, 'tests', 'fixtures', 'pages');
let desk: string;

beforeAll(async () => {
  desk = path.join(tempDir(), 'desk');
  expect((await cf(['init', '--unencrypted', '--data', desk])).code).toBe(0);
  await cfJson(['profile', 'add', '--data', desk, '--name', 'Dana Admin', '--initials', 'DA', '--roles', 'analyst,case_manager']);
});

describe('casefile attach and page', async () => {
  it('a WARC attached to a statement: its text and offered address, and the statement found by an Arabic word', async () => {
    const st = await cfJson<{ id: string }>(['statement', 'add', '--data', desk, '--as', 'DA', '--original-file', '-', '--language', 'ar'], { input: 'نص' });
    const att = await cfJson<{ id: string; ownerType: string }>(['attach', path.join(PAGES, 'written-statement.warc'), '--to', `statement:${st.id}`, '--data', desk, '--as', 'DA']);
    expect(att.ownerType).toBe('statement');
    const shown = await cf(['page', att.id, '--data', desk, '--as', 'DA']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Saved from:\s+https:\/\/archive\.example\.org\/bayanat\/3/);
    expect(shown.stdout).toContain('إنّ عملياتِ المُقاوَمة ستتواصل.');
    expect((await cf(['statement', 'show', st.id, '--data', desk, '--as', 'DA'])).stdout).toContain('written-statement.warc');
    const hits = await cfJson<{ hits: { id: string }[] }>(['search', 'المقاومة', '--data', desk, '--as', 'DA']);
    expect(hits.hits.map((h) => h.id)).toEqual([st.id]);
  });

  it('a file that is not a page says so, and one that cannot be read says why', async () => {
    const src = await cfJson<{ id: string }>(['source', 'add', '--data', desk, '--as', 'DA', '--kind', 'document', '--title', 'Notes']);
    const notPage = await cfJson<{ id: string }>(['attach', path.join(REPO, 'README.md'), '--to', `source:${src.id}`, '--data', desk, '--as', 'DA']);
    const r = await cf(['page', notPage.id, '--data', desk, '--as', 'DA']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/README\.md \(text\/plain\) is not a saved web page/);
    const cut = path.join(tempDir(), 'cut.warc');
    fs.writeFileSync(cut, fs.readFileSync(path.join(PAGES, 'written-statement.warc')).subarray(0, 900));
    const broken = await cfJson<{ id: string }>(['attach', cut, '--to', `source:${src.id}`, '--data', desk, '--as', 'DA']);
    const b = await cf(['page', broken.id, '--data', desk, '--as', 'DA']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/The file cut\.warc could not be read: record 3 says it is \d+ bytes long but the file ends before that/);
  });
});
