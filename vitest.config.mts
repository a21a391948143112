import { defineConfig } from 'vitest/config';

// Every project checks every Core answer against the contract (tests/setup/contract.ts).
const CONTRACT_CHECK = 'tests/setup/contract.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: [CONTRACT_CHECK],
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
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: [CONTRACT_CHECK],
        },
      },
    ],
  },
});
