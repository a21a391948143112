/**
 * Builds the Core host (and its job worker beside it) the way the app ships it
 * (tests/support/coreBundle.ts: electron-vite's main build), once per Vitest run, for the tests
 * that start hosts: from the sources each start had tsx compile the Core again (2.3-3.4 s to the
 * first answer against 0.5-0.75 s from the bundle, measured side by side at load 9).
 * Every project that starts hosts lists this as its global setup; they all run in Vitest's main
 * process, which builds once.
 */
import path from 'node:path';
import { buildCoreBundle } from '../support/coreBundle';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'node_modules/.cache/test-host');

/** The bundled host's entry, for startNodeHost / forkNodeHost (built before any test runs). */
export const TEST_HOST = path.join(OUT, 'coreHost.js');

const BUILT = 'CASEFILE_TEST_HOST_BUILT';

export default async function setup(): Promise<void> {
  if (process.env[BUILT] === String(process.pid)) return;
  await buildCoreBundle(OUT, {
    coreHost: path.join(ROOT, 'electron/core/host/entry.ts'),
    jobWorker: path.join(ROOT, 'electron/core/host/jobWorker.ts'),
  });
  process.env[BUILT] = String(process.pid);
}
