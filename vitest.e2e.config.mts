import { defineConfig } from 'vitest/config';

// Browser specs: the production renderer build in the system's Chromium, against a real Core
// through the e2e harness (tests/e2e/harness). Not part of `npm test` (vitest.config.mts):
// `npm run test:e2e` builds the renderer first, then runs this.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/globalSetup.ts'],
    // Every Core answer through the harness is checked against the contract.
    setupFiles: ['tests/setup/contract.ts'],
    // Two spec files at a time: a spec mostly waits (for Chromium, the Core host, the UI), so on
    // two cores a pair takes 167 s where one at a time took 243 s, measured here. No spec
    // measures time; screenshots are per file.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Each worker runs its files one after another in one process: sharing it spares each file
    // importing playwright-core, the harness and TypeScript again. Every spec file still opens
    // its own Chromium and every test its own apps, data folders and Core hosts (support.ts).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
