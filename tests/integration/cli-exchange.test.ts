// `casefile bundle export|inspect|import`, `casefile export stix` and `casefile export csl` on
// the command line: a case moves between two desks on the command line, an unknown key is refused until
// accepted, and the exports are written where asked.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index';
import { cf, cfJson, tempDir } from './cliRunner';

async function desk(dir: string): Promise<{ caseId: string | null }> {
  const core = createCore({ dataDir: dir });
  try {
    const admin = await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin', 'analyst', 'case_manager'] });
    if (path.basename(dir) !== 'a') return { caseId: null };
    return await core.invoke('sample.load', { as: admin.id });
  } finally {
    core.close();
  }
}

describe('casefile bundle, stix and csl', () => {
  it('moves a case between two desks and writes STIX and CSL-JSON', async () => {
    const tmp = tempDir();
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const { caseId } = await desk(a);
    await desk(b);
    const file = path.join(tmp, 'case.cfb');

    const exported = await cfJson<{ path: string; sha256: string }>(['bundle', 'export', '--data', a, '--case', caseId!, '--out', file]);
    expect(exported.path).toBe(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readdirSync(path.join(a, 'exchange'))).toEqual([]);

    const inspect = await cf(['bundle', 'inspect', '--data', b, file]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/not seen before: import with --trust-key/);
    const unknown = await cf(['bundle', 'import', '--data', b, file]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/has not seen before/);
    const imported = await cfJson<{ counts: { added: number; conflicts: number } }>(['bundle', 'import', '--data', b, '--trust-key', file]);
    expect(imported.counts.added).toBeGreaterThan(3);
    expect(imported.counts.conflicts).toBe(0);
    expect(fs.readdirSync(path.join(b, 'exchange'))).toEqual([]);
    expect((await cf(['check', '--data', b])).code).toBe(0);

    const stixFile = path.join(tmp, 'case.stix.json');
    await cfJson(['export', 'stix', '--data', b, '--case', caseId!, '--out', stixFile]);
    const stix = JSON.parse(fs.readFileSync(stixFile, 'utf8')) as { type: string; objects: { type: string }[] };
    expect(stix.type).toBe('bundle');
    expect(stix.objects.some((o) => o.type === 'casefile-statement')).toBe(true);

    const csl = await cf(['export', 'csl', '--data', b, '--case', caseId!]);
    expect(csl.code).toBe(0);
    const items = JSON.parse(csl.stdout) as { type: string; title: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.type && i.title)).toBe(true);
  });
});
