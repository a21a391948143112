import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
// Every project that reaches the Core checks every answer against the contract
// (tests/setup/contract.ts); the house's checks never call it.
const CONTRACT_CHECK = 'tests/setup/contract.ts';
// Projects with tests that start Core hosts get the host bundled once (not tsx on every start).
const HOST_BUNDLE = 'tests/setup/hostBundle.ts';

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is ONE worker (cores - 1). Much of this suite waits on child
    // processes (crash rounds, the CLI, the Core host) rather than computing, so a second worker
    // fills that time.
    maxWorkers: 2,
    // `npm test` runs with --coverage: the summary and the per-layer lines are printed at the end,
    // and the run fails if the Core drops below the threshold.
    coverage: {
      provider: 'v8',
      include: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
      reporter: ['text-summary', [`${root}scripts/coverageByLayer.cjs`, { root }]],
      reportsDirectory: `${root}node_modules/.cache/coverage`,
      thresholds: {
        'electron/core/**': { lines: 90 },
      },
    },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          globalSetup: [HOST_BUNDLE],
          setupFiles: [CONTRACT_CHECK],
          // Some unit tests start a real process (the Core host, electron-builder's config check):
          // seconds on a loaded 2-core machine. A hung test still fails.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // The crash suites' child scripts, bundled once instead of compiled on every spawn.
          globalSetup: ['tests/setup/childBundles.ts', HOST_BUNDLE],
          setupFiles: [CONTRACT_CHECK],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The house's own checks (layers, tsconfigs, path case) judging planted violations.
          name: 'house',
          include: ['tests/house/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          globalSetup: [HOST_BUNDLE],
          setupFiles: [CONTRACT_CHECK],
          // The default 5 s is too tight for a full UI flow on a loaded 2-core machine with
          // coverage on; a hung test still fails, a slow one no longer does.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
