/**
 * Electron's utilityProcess.fork, stood in for by a Node child process running the Core host
 * as bundled for the tests (tests/setup/hostBundle.ts), with `process.parentPort` shaped as Electron gives it to the child
 * (parentPortShim.ts). Main's side sees what it would in the app: an EventEmitter with
 * postMessage, kill, 'message' and 'exit'.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { TEST_HOST } from '../../setup/hostBundle';

const HOST_ENTRY = TEST_HOST;
const SHIM = path.resolve(__dirname, 'parentPortShim.ts');

export interface ForkCall { modulePath: string; args: string[]; options: { serviceName?: string; env?: Record<string, string>; stdio?: unknown } }

export function nodeUtilityProcess() {
  const calls: ForkCall[] = [];
  const children: ChildProcess[] = [];
  /** Every message main posted to a host, in order. */
  const sent: unknown[] = [];
  return {
    calls,
    children,
    sent,
    fork(modulePath: string, args: string[] = [], options: ForkCall['options'] = {}) {
      calls.push({ modulePath, args, options });
      // Main asks for out/main/coreHost.js; the tests' build of it stands in.
      const entry = path.basename(modulePath) === 'coreHost.js' ? HOST_ENTRY : modulePath;
      const child = fork(entry, args, {
        serialization: 'advanced',
        execArgv: ['--require', require.resolve('tsx/cjs'), '--require', SHIM],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...options.env, ELECTRON_UTILITY_STANDIN: '1' },
      });
      children.push(child);
      const proc = new EventEmitter();
      child.on('message', (m) => proc.emit('message', m));
      child.on('exit', (code) => proc.emit('exit', code ?? 1));
      return Object.assign(proc, {
        pid: child.pid,
        postMessage: (m: unknown) => {
          sent.push(m);
          if (child.connected) child.send(m as never);
        },
        kill: () => child.kill(),
      });
    },
  };
}
