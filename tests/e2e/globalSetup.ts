// Runs once before the browser specs: fail early with a useful message, and start every run
// with an empty artifacts folder so no screenshot from an older run is mistaken for a new one.
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS_DIR, chromiumPath } from './chromium';
import { DEFAULT_RENDERER_DIR } from './harness/server';

export default function setup(): void {
  if (!fs.existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html'))) {
    throw new Error(`No renderer build at ${DEFAULT_RENDERER_DIR}: run \`npm run test:e2e\` (it builds first) or \`npm run build\`.`);
  }
  chromiumPath();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS_DIR)) {
    if (f.endsWith('.png') || f.endsWith('.json')) fs.rmSync(path.join(ARTIFACTS_DIR, f), { force: true });
  }
}
