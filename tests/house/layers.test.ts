// The layer rules (.dependency-cruiser.cjs) fail on each kind of violation they exist for: a
// file breaking one rule is planted in the real tree and the real config judges it.
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import type { ICruiseResult } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plant, repoRoot } from './plant';

const FILES = {
  // The Core reaching into Electron, main or preload, however it is written.
  'electron/core/toMain.ts': "import { app } from '../../main/index';\nexport const x = app;\n",
  'electron/core/toPreload.ts': "import '../../preload/index';\n",
  'electron/core/dynamicElectron.ts': "export async function load() { return import('electron'); }\n",
  'electron/core/requireElectron.ts': "// eslint-disable-next-line\nexport const e: unknown = require('electron');\n",
  'electron/core/toRenderer.ts': "import { formatGregorian } from '../../../renderer/src/components/format';\nexport const t = formatGregorian;\n",
  // What the Core may do.
  'electron/core/fine.ts': "import Database from 'better-sqlite3-multiple-ciphers';\nimport lunr from 'lunr';\nimport { SaxesParser } from 'saxes';\nimport fs from 'node:fs';\nimport { contract } from '../../../shared/ipc/contract';\nexport const all = [Database, lunr, SaxesParser, fs, contract];\n",
  // The renderer loading the Core's libraries, Node, or the Core itself.
  'renderer/src/sqlite.ts': "import Database from 'better-sqlite3-multiple-ciphers';\nexport const d = Database;\n",
  'renderer/src/nodeFs.ts': "import fs from 'node:fs';\nexport const f = fs;\n",
  'renderer/src/core.ts': "import { createCore } from '../../../electron/core/index';\nexport const c = createCore;\n",
  // shared/ with anything but zod.
  'shared/lunr.ts': "import lunr from 'lunr';\nexport const l = lunr;\n",
  'shared/react.ts': "import { useState } from 'react';\nexport const u = useState;\n",
  // A feature reaching into another feature's files, and app/ doing the same.
  'renderer/src/features/cases/internals.ts': "import { StatementPage } from '../../statements/StatementPage';\nexport const p = StatementPage;\n",
  'renderer/src/features/cases/publicEntry.ts': "import { StatementPage } from '../../statements';\nexport const p = StatementPage;\n",
  'renderer/src/app/internals.ts': "import { StatementPage } from '../../features/statements/StatementPage';\nexport const p = StatementPage;\n",
  // The preload may take types from shared/, not code.
  'electron/preload/sharedValue.ts': "import { contract } from '../../../shared/ipc/contract';\nexport const c = contract;\n",
  'electron/preload/sharedType.ts': "import type { Method } from '../../../shared/ipc/contract';\nexport type M = Method;\n",
  // main may not drive the renderer's code.
  'electron/main/renderer.ts': "import '../../../renderer/src/main';\n",
  // A cycle.
  'electron/core/cycleA.ts': "import { b } from './cycleB';\nexport const a = () => b;\n",
  'electron/core/cycleB.ts': "import { a } from './cycleA';\nexport const b = () => a;\n",
  // Files in a folder no rule covers: with an import, and with none.
  'stray.ts': "import { contract } from '../shared/ipc/contract';\nexport const c = contract;\n",
  'lonely.ts': 'export const nothing = 0;\n',
  // An import that does not resolve cannot be checked, so it fails.
  'electron/core/missing.ts': "import { x } from './doesNotExist';\nexport const y = x;\n",
};

let planted: ReturnType<typeof plant>;
let result: ICruiseResult;

beforeAll(async () => {
  planted = plant(FILES);
  const options = await extractDepcruiseOptions(path.join(repoRoot, '.dependency-cruiser.cjs'));
  // Only the planted files' own imports are looked at below; the rest of the tree is `npm run deps`'s job.
  const out = await cruise(Object.values(planted.paths), { ...options, baseDir: repoRoot });
  result = out.output as ICruiseResult;
}, 60_000);

afterAll(() => planted?.remove());

/** The rules each planted file breaks, by name; not-in-allowed is the allowlists' verdict. */
function broken(name: keyof typeof FILES): string[] {
  const from = planted.paths[name];
  const rules = result.summary.violations
    .filter((v) => v.from === from || v.cycle?.some((c) => c.name === from))
    .map((v) => v.rule.name);
  return [...new Set(rules)].sort();
}

describe('layer rules', () => {
  it('refuse the Core importing main, preload, the renderer or Electron, also dynamically or by require', () => {
    expect(broken('electron/core/toMain.ts')).toContain('not-in-allowed');
    expect(broken('electron/core/toPreload.ts')).toContain('not-in-allowed');
    expect(broken('electron/core/dynamicElectron.ts')).toContain('not-in-allowed');
    expect(broken('electron/core/requireElectron.ts')).toContain('not-in-allowed');
    expect(broken('electron/core/toRenderer.ts')).toContain('not-in-allowed');
  });

  it('let the Core use shared/, Node, better-sqlite3, lunr and saxes', () => {
    expect(broken('electron/core/fine.ts')).toEqual([]);
  });

  it('refuse Node, better-sqlite3 and the Core in the renderer', () => {
    expect(broken('renderer/src/sqlite.ts')).toEqual(['not-in-allowed']);
    expect(broken('renderer/src/nodeFs.ts')).toEqual(['not-in-allowed']);
    expect(broken('renderer/src/core.ts')).toEqual(['not-in-allowed']);
  });

  it('refuse any library but zod in shared/', () => {
    expect(broken('shared/lunr.ts')).toEqual(['not-in-allowed']);
    expect(broken('shared/react.ts')).toEqual(['not-in-allowed']);
  });

  it("refuse a feature's internals to other features and to app/, and allow its index", () => {
    expect(broken('renderer/src/features/cases/internals.ts')).toEqual(['feature-private']);
    expect(broken('renderer/src/app/internals.ts')).toEqual(['feature-private-outside']);
    expect(broken('renderer/src/features/cases/publicEntry.ts')).toEqual([]);
  });

  it('let the preload import types from shared/, not code', () => {
    expect(broken('electron/preload/sharedValue.ts')).toEqual(['not-in-allowed']);
    expect(broken('electron/preload/sharedType.ts')).toEqual([]);
  });

  it('refuse main importing the renderer', () => {
    expect(broken('electron/main/renderer.ts')).toEqual(['not-in-allowed']);
  });

  it('refuse a cycle', () => {
    expect(broken('electron/core/cycleA.ts')).toContain('no-circular');
    expect(broken('electron/core/cycleB.ts')).toContain('no-circular');
  });

  it('refuse a file that no layer covers, whether it imports something or nothing', () => {
    expect(broken('stray.ts')).toContain('no-layer');
    expect(broken('lonely.ts')).toEqual(['no-layer-orphan']);
  });

  it('refuse an import that does not resolve', () => {
    expect(broken('electron/core/missing.ts')).toContain('not-to-unresolvable');
  });
});
