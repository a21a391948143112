/**
 * Bundles the scripts the crash suites start as child processes, once per Vitest run, so each of
 * their many spawns loads one compiled file instead of tsx compiling the Core again (measured on
 * this 2-core machine: 0.4-0.9 s to the writer's first commit from a bundle, 1.1-2.2 s through
 * tsx; the crash suites spawn some 70 of them). Built the way bin/casefile.js builds the CLI:
 * esbuild, packages left in node_modules, and a module that finds files beside its source
 * (`__dirname`: the search and job workers) given its source folder, so it behaves exactly as it
 * does from the sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
export const CHILD_BUNDLE_DIR = path.join(ROOT, 'node_modules/.cache/test-children');

/** Child scripts (tests/fixtures/...) -> the name of their bundle in CHILD_BUNDLE_DIR. */
export const CHILD_SCRIPTS = {
  'crash-writer': 'tests/fixtures/crash/writer.ts',
  'encrypt-crasher': 'tests/fixtures/encrypt/crasher.ts',
  'reindex-crasher': 'tests/fixtures/crash/reindexer.ts',
} as const;

/** The bundle of a child script (built by this file's setup before any test runs). */
export function childBundle(name: keyof typeof CHILD_SCRIPTS): string {
  return path.join(CHILD_BUNDLE_DIR, `${name}.js`);
}

const sourceDirname: Plugin = {
  name: 'casefile-source-dirname',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const src = fs.readFileSync(args.path, 'utf8');
      if (!/\b__dirname\b/.test(src)) return undefined;
      return { contents: src.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))), loader: 'ts' };
    });
  },
};

export default async function setup(): Promise<void> {
  fs.mkdirSync(CHILD_BUNDLE_DIR, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(CHILD_SCRIPTS).map(([name, file]) => [name, path.join(ROOT, file)])),
    outdir: CHILD_BUNDLE_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
    plugins: [sourceDirname],
  });
}
