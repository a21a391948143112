// The Core host as the app ships it: out/main/coreHost.js (the entry main forks as a utility
// process) and out/main/jobWorker.js beside it, run under plain Node (the Electron binary
// cannot run here; the bundle takes Node's IPC channel when there is no Electron parentPort).
// Proves the bundled host opens the Core and that its job worker starts from the bundle.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectCore } from '../../electron/core/host/client';
import type { Progress } from '../../shared/ipc/progress';

const OUT = path.resolve(__dirname, '../../out/main');

describe('the bundled Core host', () => {
  it('opens the Core and runs long operations in its bundled job worker', async () => {
    expect(fs.existsSync(path.join(OUT, 'jobWorker.js'))).toBe(true);
    const child = fork(path.join(OUT, 'coreHost.js'), [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bundled-'));
    let onExit: ((code: number | null) => void) | null = null;
    child.on('exit', (code) => onExit?.(code));
    const core = await connectCore({
      send: (m) => { if (child.connected) child.send(m); },
      onMessage: (fn) => child.on('message', fn),
      onExit: (fn) => { onExit = fn; },
      kill: () => child.kill(),
    }, { dataDir: dir, checkOutputs: true });
    try {
      const me = await core.invoke('profiles.create', { as: null, name: 'Dana Admin', initials: 'DA', roles: ['admin'] });
      const seen: Progress[] = [];
      const report = await core.invoke('desk.check', { as: me.id }, { onProgress: (p) => seen.push(p) });
      expect(report.ok).toBe(true);
      expect(seen.map((p) => p.phase)).toContain('verifying the audit trail');
      await expect(core.invoke('desk.reindex', { as: me.id })).resolves.toMatchObject({ documents: expect.any(Number) });
    } finally {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
