// Runs once before the browser specs: fail early with a useful message, and start every run
// with an empty artifacts folder so no screenshot from an older run is mistaken for a new one.
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR, chromiumPath } from './chromium';
import { BUILT_HOST, DEFAULT_RENDERER_DIR, REPO_ROOT } from './harness/server';

/** The newest source the build's Core host is made from (electron/ and shared/). */
function newestSource(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    const found = entry.isDirectory() ? newestSource(p) : entry.name.endsWith('.ts') ? { file: p, mtimeMs: fs.statSync(p).mtimeMs } : null;
    if (found && found.mtimeMs > newest.mtimeMs) newest = found;
  }
  return newest;
}

export default function setup(): void {
  const build = '`npm run test:e2e` (it builds first) or `npm run build`';
  if (!fs.existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html'))) {
    throw new Error(`No renderer build at ${DEFAULT_RENDERER_DIR}: run ${build}.`);
  }
  // The harness runs the build's Core host, so a Core edited since the build would go untested.
  if (!fs.existsSync(BUILT_HOST)) throw new Error(`No Core host build at ${BUILT_HOST}: run ${build}.`);
  const built = fs.statSync(BUILT_HOST).mtimeMs;
  for (const dir of ['electron', 'shared']) {
    const newest = newestSource(path.join(REPO_ROOT, dir));
    if (newest.mtimeMs > built) {
      throw new Error(`${path.relative(REPO_ROOT, newest.file)} changed after the build the specs would run (${BUILT_HOST}): run ${build}.`);
    }
  }
  chromiumPath();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS_DIR)) {
    if (f.endsWith('.png') || f.endsWith('.json')) fs.rmSync(path.join(ARTIFACTS_DIR, f), { force: true });
  }
}
