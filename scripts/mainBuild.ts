// How the main-process side is bundled (electron.vite.config.ts `main`), in one place so that
// the benchmarks and tests that must run the Core as the app ships it (search worker
// included: tests/support/coreBundle.ts) build it exactly the same way, from another entry.
import fs from 'node:fs';
import type { MainViteConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * Lets a module differ between the sources and the build: wherever `X.ts` has a sibling
 * `X.bundle.ts`, the build takes the latter (electron/core/search/workerFile.ts: from the
 * sources the search worker runs through tsx, in the app from its own bundle, which only the
 * build's `?modulePath` import can name).
 */
export function bundleVariants(): Plugin {
  return {
    name: 'casefile:bundle-variants',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source.includes('?')) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!r || r.external || !r.id.endsWith('.ts') || r.id.endsWith('.bundle.ts')) return r;
      const variant = r.id.replace(/\.ts$/, '.bundle.ts');
      return fs.existsSync(variant) ? { ...r, id: variant } : r;
    },
  };
}

/** The main-process build of these entries (name → file) into `outDir`. */
export function mainBuild(input: Record<string, string>, outDir: string): MainViteConfig {
  return {
    plugins: [bundleVariants()],
    build: {
      outDir,
      // Bundle everything (zod, shared/, the Core's libraries) except the native module,
      // which has to be loaded from node_modules at run time.
      externalizeDeps: false,
      rolldownOptions: {
        input,
        external: ['better-sqlite3-multiple-ciphers', /^better-sqlite3-multiple-ciphers\//],
      },
    },
  };
}
