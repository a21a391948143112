import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
// Every project that reaches the Core checks every answer against the contract
// (tests/setup/contract.ts); the house's checks never call it.
const CONTRACT_CHECK = 'tests/setup/contract.ts';

export default defineConfig({
  test: {
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
          setupFiles: [CONTRACT_CHECK],
          // The default 5 s is too tight for a full UI flow on a loaded 2-core machine with
          // coverage on; a hung test still fails, a slow one no longer does.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
