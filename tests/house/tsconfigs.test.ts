// Each runtime layer's tsconfig gives it the globals of its runtime and no others, and together
// they cover every TypeScript file once. Code using another runtime's globals is planted in
// each layer and type-checked with that layer's real tsconfig.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plant, repoRoot } from './plant';

const LAYERS = {
  shared: 'shared/tsconfig.json',
  core: 'electron/core/tsconfig.json',
  cli: 'electron/cli/tsconfig.json',
  main: 'electron/main/tsconfig.json',
  preload: 'electron/preload/tsconfig.json',
  renderer: 'renderer/tsconfig.json',
  tests: 'tests/tsconfig.json',
  tooling: 'tsconfig.tooling.json',
} as const;

function parse(config: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(repoRoot, config), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (!parsed) throw new Error(`cannot read ${config}`);
  return parsed;
}

// One statement per global, so each error points at the global that is missing.
const USES_GLOBALS = [
  'export const nodeBuffer: unknown = Buffer.from("x");',
  'export const nodeProcess: unknown = process.pid;',
  'export const domDocument: unknown = document.title;',
  'export const domWindow: unknown = window.location;',
  'export const both: unknown = new URL("https://example.org/").hostname;',
].join('\n');

// Library files (Node's types are large) are parsed once for all the layers.
const parsedFiles = new Map<string, ts.SourceFile | undefined>();
function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => {
    if (!name.includes('/node_modules/')) return read(name, version, ...rest);
    if (!parsedFiles.has(name)) parsedFiles.set(name, read(name, version, ...rest));
    return parsedFiles.get(name);
  };
  return host;
}

function isGlobalScript(file: string): boolean {
  return file.endsWith('.d.ts') && !/^\s*(?:import|export)\b/m.test(fs.readFileSync(file, 'utf8'));
}

/** The globals among Buffer, process, document, window and URL that the layer's tsconfig lacks. */
function missingGlobals(config: string, file: string): string[] {
  const { options, fileNames } = parse(config);
  const program = ts.createProgram({
    // The file, plus the layer's global declaration scripts (shared/globals.d.ts).
    rootNames: [path.join(repoRoot, file), ...fileNames.filter(isGlobalScript)],
    options: { ...options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false },
    host: cachingHost(options),
  });
  const missing = new Set<string>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const name = /Cannot find name '(\w+)'/.exec(text)?.[1];
    if (!name) throw new Error(`unexpected diagnostic in ${file}: ${text}`);
    missing.add(name);
  }
  return [...missing].sort();
}

let planted: ReturnType<typeof plant>;
beforeAll(() => {
  planted = plant({
    'shared/globals.ts': USES_GLOBALS,
    'electron/core/globals.ts': USES_GLOBALS,
    'electron/cli/globals.ts': USES_GLOBALS,
    'electron/main/globals.ts': USES_GLOBALS,
    'renderer/src/globals.ts': USES_GLOBALS,
  });
});
afterAll(() => planted?.remove());

describe('one tsconfig per runtime layer', () => {
  it('gives shared/ neither Node nor the DOM (URL, which both have, is declared)', () => {
    expect(missingGlobals(LAYERS.shared, planted.paths['shared/globals.ts']!)).toEqual(['Buffer', 'document', 'process', 'window']);
  });

  it('gives the Core, the CLI and main Node but not the DOM', () => {
    expect(missingGlobals(LAYERS.core, planted.paths['electron/core/globals.ts']!)).toEqual(['document', 'window']);
    expect(missingGlobals(LAYERS.cli, planted.paths['electron/cli/globals.ts']!)).toEqual(['document', 'window']);
    expect(missingGlobals(LAYERS.main, planted.paths['electron/main/globals.ts']!)).toEqual(['document', 'window']);
  });

  it('gives the renderer the DOM but not Node', () => {
    expect(missingGlobals(LAYERS.renderer, planted.paths['renderer/src/globals.ts']!)).toEqual(['Buffer', 'process']);
  });

  it('puts every TypeScript file in exactly one project, and typecheck builds them all', () => {
    const owners = new Map<string, string[]>();
    for (const config of Object.values(LAYERS)) {
      for (const f of parse(config).fileNames) {
        const rel = path.relative(repoRoot, f).split(path.sep).join('/');
        // tests/ borrows the renderer's window.casefile declaration and its typed catalogue keys; they are the renderer's files.
        if (config === LAYERS.tests && (rel === 'renderer/src/api/bridge.d.ts' || rel === 'renderer/src/i18n/i18next.d.ts')) continue;
        owners.set(rel, [...(owners.get(rel) ?? []), config]);
      }
    }
    const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\0').filter((f) => /\.(?:ts|tsx|mts|cts)$/.test(f) && !f.includes('__planted_'));
    const unowned = tracked.filter((f) => !owners.has(f));
    const twice = [...owners].filter(([, c]) => c.length > 1).map(([f, c]) => `${f}: ${c.join(', ')}`);
    expect({ unowned, twice }).toEqual({ unowned: [], twice: [] });

    const root = parse('tsconfig.json');
    const referenced = (root.projectReferences ?? []).map((r) => path.relative(repoRoot, ts.resolveProjectReferencePath(r)).split(path.sep).join('/'));
    expect(referenced.sort()).toEqual(Object.values(LAYERS).sort());
  });
});
