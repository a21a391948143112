// `casefile glossary …` run for real (a child process per call): add, list, export and import
// through the same Core rules (a reviewer keeps the glossary; an analyst is refused with exit 1).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index';
import { cf, tempDir } from './cliRunner';

describe('casefile glossary', () => {
  it('adds, lists, exports and imports terms; refuses an analyst and names a bad row', async () => {
    const tmp = tempDir();
    const desk = path.join(tmp, 'desk');
    const core = createCore({ dataDir: desk });
    const admin = await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['analyst', 'case_manager'] });
    await core.invoke('profiles.create', { as: admin.id, name: 'Rami Reviewer', initials: 'RR', roles: ['reviewer'] });
    await core.invoke('profiles.create', { as: admin.id, name: 'Ana Analyst', initials: 'AA', roles: ['analyst'] });
    core.close();
    const run = (as: string, ...args: string[]) => cf(['--data', desk, '--as', as, 'glossary', ...args], { cwd: tmp });

    const added = await run('RR', 'add', 'الحشد الشعبي', '--rendering', 'Popular Mobilization Forces', '--rendering', 'PMF', '--forbidden', 'Popular Crowd');
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/^Added “الحشد الشعبي” \(ar → en\): Popular Mobilization Forces \| PMF \[[0-9a-f-]{36}\]\n$/);
    const refused = await run('AA', 'add', 'المقاومة', '--rendering', 'the resistance');
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe('casefile: forbidden: Only a profile with the reviewer or case manager role may edit the glossary.\n');
    expect((await run('AA', 'list')).stdout).toMatch(/ar→en\s+الحشد الشعبي\s+Popular Mobilization Forces \| PMF\s+Popular Crowd/);

    const out = path.join(tmp, 'g.tbx');
    expect((await run('AA', 'export', '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('<term>Popular Mobilization Forces</term>');
    const csv = path.join(tmp, 'more.csv');
    fs.writeFileSync(csv, 'source_lang,target_lang,term,renderings\nar,en,المقاومة,the resistance\n');
    expect((await run('RR', 'import', csv)).stdout).toBe(`Imported ${csv}: 1 added, 0 updated, 0 unchanged.\n`);
    expect((await run('RR', 'import', out)).stdout).toBe(`Imported ${out}: 0 added, 0 updated, 1 unchanged.\n`);
    fs.writeFileSync(csv, 'source_lang,target_lang,term,renderings\nar,en,جهاد,\n');
    const bad = await run('RR', 'import', csv);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/nothing was imported: line 2: “جهاد” has no approved rendering/);
    expect((await run('AA', 'export', '--format', 'csv')).stdout.split('\r\n').slice(0, 3)).toEqual([
      'source_lang,target_lang,term,renderings,forbidden,notes', 'ar,en,الحشد الشعبي,Popular Mobilization Forces | PMF,Popular Crowd,', 'ar,en,المقاومة,the resistance,,',
    ]);
  });
});
