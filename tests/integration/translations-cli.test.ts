// `casefile translation …` and `casefile xliff …` through the command line (as in cli.test.ts):
// the same rules as the Core, a refused approval exits 1 and says why.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index';
import { cf as casefile } from './cliRunner';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe('casefile translation and xliff', () => {
  it('translates, refuses approvals by role and four eyes with exit 1, approves, and round-trips XLIFF', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-tr-'));
    temps.push(tmp);
    const desk = path.join(tmp, 'desk');
    const cf = (args: string[], as?: string) => casefile(['--data', desk, ...(as ? ['--as', as] : []), ...args], { cwd: tmp });
    const ok = async <T = Record<string, unknown>>(args: string[], as?: string): Promise<T> => {
      const r = await cf([...args, '--json'], as);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      return JSON.parse(r.stdout) as T;
    };

    // The desk is set up through the Core directly; the translation work goes through the CLI.
    const core = createCore({ dataDir: desk });
    const admin = await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['analyst', 'case_manager'] });
    for (const [name, initials, roles] of [['Ana Analyst', 'AA', ['analyst']], ['Bo Both', 'BB', ['analyst', 'reviewer']], ['Rami Reviewer', 'RR', ['reviewer']]] as const) {
      await core.invoke('profiles.create', { as: admin.id, name, initials, roles: [...roles] });
    }
    const st = await core.invoke('statements.create', { as: admin.id, originalText: 'بسم الله الرحمن الرحيم. هل انتهى؟', language: 'ar' });
    core.close();

    // segment (start), edit by Ana, one segment edited by Bo, submit.
    const started = await ok<{ latest: { segments: { id: string; source: string }[] } }>(['translation', 'segment', st.id], 'AA');
    expect(started.latest.segments.map((s) => [s.id, s.source])).toEqual([['s1', 'بسم الله الرحمن الرحيم.'], ['s2', 'هل انتهى؟']]);
    await ok(['translation', 'edit', st.id, '--set', 's1=In the Name of Allah.', '--set', 's2=Is it over?', '--note', 's1=Basmala'], 'AA');
    await ok(['translation', 'edit', st.id, '--set', 's2=Is it over? (=finished)'], 'BB');
    await ok(['translation', 'submit', st.id], 'AA');

    // Refused approvals: exit 1 and the reason on stderr, nothing on stdout.
    const byAnalyst = await cf(['translation', 'approve', st.id], 'AA');
    expect(byAnalyst).toMatchObject({ code: 1, stdout: '' });
    expect(byAnalyst.stderr).toBe('casefile: forbidden: Only a profile with the reviewer role may approve translations.\n');
    const byEditor = await cf(['translation', 'approve', st.id], 'BB');
    expect(byEditor.code).toBe(1);
    expect(byEditor.stderr).toMatch(/^casefile: forbidden: Bo Both cannot approve revision 1: they wrote or edited segments of it\. Four eyes/);

    const approved = await cf(['translation', 'approve', st.id], 'RR');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/^Approved revision 1; SHA-256 of the approved text [0-9a-f]{64}\.\n$/);
    const shown = await cf(['translation', 'show', st.id], 'RR');
    expect(shown.stdout).toContain('s2  هل انتهى؟');
    expect(shown.stdout).toContain('→ Is it over? (=finished)');
    expect(shown.stdout).toMatch(/Approved: +revision 1 by RR/);

    // XLIFF out, a target edited as text outside the app, back in as a new draft.
    const out = path.join(tmp, 'x');
    fs.mkdirSync(out);
    const exported = await ok<{ files: { path: string }[] }>(['xliff', 'export', '--statement', st.id, '--out', out], 'AA');
    expect(exported.files.map((f) => path.basename(f.path))).toEqual([`statement-${st.id}.en.xlf`]);
    const file = exported.files[0]!.path;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('<target>In the Name of Allah.</target>', '<target>In the name of God.</target>'));
    const imported = await cf(['xliff', 'import', file], 'AA');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe(`Statement ${st.id} (en): new draft revision 2 from the file; submit it for review when ready.\n`);

    // A change request needs a comment.
    await ok(['translation', 'submit', st.id], 'AA');
    const noComment = await cf(['translation', 'request-changes', st.id], 'RR');
    expect(noComment.code).toBe(1);
    expect(noComment.stderr).toBe('casefile: invalid_input: comment: a change request needs a comment saying what to change (on the revision or on a segment)\n');

    const after = createCore({ dataDir: desk });
    try {
      const rows = after.db.prepare('SELECT number, state, origin FROM translation_revisions ORDER BY number').all();
      expect(rows).toEqual([{ number: 1, state: 'approved', origin: 'start' }, { number: 2, state: 'in_review', origin: 'xliff' }]);
    } finally {
      after.close();
    }
  });
});
