/**
 * The Core host as a Node child process: what the e2e harness, the UI benchmark and the tests
 * use where Electron's utility process is not available. Same protocol, same host code.
 */
import { fork } from 'node:child_process';
import { connectCore, type CoreClient, type DoorServices, type HostTransport } from './client';
import { moduleEntry } from './load';
import type { OpenOptions, ToHost } from './protocol';

/**
 * `entry`: a bundled host to run instead of the sources (the e2e harness runs the build's
 * out/main/coreHost.js: the host as shipped, and no tsx compile on each of its many starts).
 * `preload`: modules Node loads first in the host and its worker threads (a test's slow disk).
 */
export function forkNodeHost(entry?: string, preload: readonly string[] = []): HostTransport {
  const { file, tsx } = entry ? { file: entry, tsx: null } : moduleEntry(__dirname, 'entry');
  const child = fork(file, [], {
    serialization: 'advanced',
    execArgv: [...(tsx ? ['--require', tsx] : []), ...preload.flatMap((m) => ['--require', m])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let exitHandler: ((code: number | null) => void) | null = null;
  let exitCode: number | null | undefined;
  child.once('exit', (code) => {
    exitCode = code;
    exitHandler?.(code);
  });
  return {
    send: (msg: ToHost) => {
      if (child.connected) child.send(msg);
    },
    onMessage: (fn) => child.on('message', fn),
    onExit: (fn) => {
      exitHandler = fn;
      if (exitCode !== undefined) fn(exitCode);
    },
    kill: () => {
      child.kill();
    },
  };
}

/** A Core in a child process, ready to be called. */
export function startNodeHost(options: OpenOptions, services: DoorServices = {}, entry?: string, preload: readonly string[] = []): Promise<CoreClient> {
  return connectCore(forkNodeHost(entry, preload), options, services);
}
