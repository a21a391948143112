// Builds the Core the way the app ships it (scripts/mainBuild.ts: electron-vite's main build,
// with the search worker in a bundle of its own) from tests/support/coreEntry.ts, so a test or
// a benchmark can run it under plain Node: the path the packaged app takes, without Electron.
import path from 'node:path';
import { MainConfigFactory } from 'electron-vite';
import { build } from 'vite';
import { mainBuild } from '../../scripts/mainBuild';
import type * as coreEntry from './coreEntry';

const root = path.resolve(__dirname, '../..');

/** What tests/support/coreEntry.ts exports, as the bundle has it. */
export type CoreBundle = typeof coreEntry;

/**
 * Bundles the Core into `outDir` (inside the repository, so better-sqlite3 resolves) from
 * coreEntry.ts, or from other entries (name → file), and returns the path of the first.
 */
export async function buildCoreBundle(outDir: string, entries: Record<string, string> = { core: path.join(root, 'tests/support/coreEntry.ts') }): Promise<string> {
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const config = await new MainConfigFactory(mainBuild(entries, outDir), { configFile: false, mode: 'production', logLevel: 'warn' }, { root }).build(false);
  await build({ ...config, root });
  return path.join(outDir, `${Object.keys(entries)[0]}.js`);
}
