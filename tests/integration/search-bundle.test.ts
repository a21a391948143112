// The Core as the app bundles it (electron-vite's main build, tests/support/coreBundle.ts) runs
// a rebuild with its search worker started from the bundle, under plain Node: before, the
// worker was loaded by a .ts path that only the sources have, so the app never used it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindex } from '../../electron/core/search/index';
import { buildCoreBundle } from '../support/coreBundle';
import { makeDesk, newCase, newStatement, openCore, useCleanup } from './helpers';

useCleanup();

const outDir = path.resolve(__dirname, `../../out/test-bundle-${process.pid}`);
let bundle = '';

beforeAll(async () => {
  bundle = await buildCoreBundle(outDir);
}, 120_000);

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

/** Runs `code` in a fresh Node process with the bundle as `core`; prints its JSON result. */
function inBundle(code: string): unknown {
  const script = `const core = require(${JSON.stringify(bundle)}); (async () => { const out = await (async () => { ${code} })(); process.stdout.write(JSON.stringify(out)); })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as unknown;
}

describe('the bundled Core', () => {
  it('has its search worker as a file of its own, and starts it for a rebuild that gives the same index', async () => {
    const d = await makeDesk();
    const kase = await newCase(d, { title: 'Bundle case' });
    for (let i = 0; i < 30; i++) {
      await newStatement(d, { originalText: `بيان رقم ${i} عن المقاومة`, publishedWording: `Statement ${i} attacked`, ...(i % 2 ? { caseIds: [kase.id] } : {}) });
    }
    const snapshot = () => ({
      docs: d.core.db.prepare('SELECT doc, record_type, record_id, content_hash FROM search_docs ORDER BY doc').all(),
      sizes: d.core.db.prepare('SELECT id, sz FROM search_fts_docsize ORDER BY id').all(),
      cases: d.core.db.prepare('SELECT * FROM search_doc_cases ORDER BY doc, case_id').all(),
    });
    reindex(d.core, { worker: false });
    const inThread = snapshot();
    d.core.close();

    const r = inBundle(`
      const c = core.createCore({ dataDir: ${JSON.stringify(d.dir)} });
      const built = core.reindex(c, { worker: true });
      const problems = core.checkIndex(c, { worker: true });
      const found = core.runSearch(c, 'attacks').total;
      c.close();
      return { built, problems, found, workerFile: core.bundledWorkerFile };
    `) as { built: { documents: number; worker: boolean }; problems: string[]; found: number; workerFile: string };
    expect(r.workerFile.startsWith(outDir)).toBe(true);
    expect(r.workerFile).toMatch(/analysisWorker-[0-9a-f]+\.js$/);
    expect(fs.existsSync(r.workerFile)).toBe(true);
    expect(r.built).toMatchObject({ documents: 31, worker: true });
    expect(r.problems).toEqual([]);
    expect(r.found).toBe(30);

    const again = openCore(d.dir);
    expect({
      docs: again.db.prepare('SELECT doc, record_type, record_id, content_hash FROM search_docs ORDER BY doc').all(),
      sizes: again.db.prepare('SELECT id, sz FROM search_fts_docsize ORDER BY id').all(),
      cases: again.db.prepare('SELECT * FROM search_doc_cases ORDER BY doc, case_id').all(),
    }).toEqual(inThread);
  });
});
