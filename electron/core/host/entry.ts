/**
 * The Core host process: an Electron utility process in the app (main forks out/main/coreHost.js),
 * a Node child process under tests and the e2e harness (fork with the IPC channel and
 * `advanced` serialization). Whichever it is, it serves the Core over the protocol.
 */
import type { FromHost } from './protocol';
import { serveCore } from './serve';

interface ElectronParentPort {
  postMessage(msg: unknown): void;
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
}

const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;

if (electronPort) {
  serveCore({
    post: (msg: FromHost) => electronPort.postMessage(msg),
    onMessage: (fn) => electronPort.on('message', (e) => fn(e.data)),
  }, { exit: () => process.exit(0) });
} else if (process.send) {
  const send = process.send.bind(process);
  serveCore({
    post: (msg: FromHost) => { send(msg); },
    onMessage: (fn) => process.on('message', fn),
  }, { exit: () => process.disconnect() });
} else {
  process.stderr.write('The Casefile Core host must be started by Casefile (it talks over an IPC channel).\n');
  process.exit(2);
}
