/**
 * The Core host's job worker: a thread with a Core (and a database connection) of its own, for
 * the contract's long operations. A long operation is mostly synchronous SQLite work; here it
 * blocks only this thread, and the host keeps answering other calls from its own connection
 * (WAL lets them read the last committed state meanwhile). One job at a time. A cancel arrives
 * as a flag in shared memory, which the job sees at its next progress report (job.ts).
 */
import { parentPort } from 'node:worker_threads';
import { createCore, type Core } from '../index';
import { pdfRelay, withBuffers, type Call, type FromHost, type OpenOptions } from './protocol';
import { runCall } from './calls';

export type ToJobWorker =
  | { kind: 'open'; options: OpenOptions }
  | { kind: 'call'; id: number; call: Call; flag: Int32Array }
  | { kind: 'pdfResult'; id: number; pdf?: Uint8Array; error?: string }
  | { kind: 'close' };

const port = parentPort;
if (!port) throw new Error('jobWorker.ts runs as a worker thread of the Core host');

let core: Core | null = null;
const post = (msg: FromHost) => port.postMessage(msg);
const pdf = pdfRelay(post);

port.on('message', (msg: ToJobWorker) => {
  if (msg.kind === 'open') {
    try {
      const { encrypt: _encrypt, create: _create, ...options } = withBuffers(msg.options);
      core = createCore({ ...options, ...(options.pdf ? { pdfEngine: pdf.engine } : {}) });
      post({ kind: 'opened', dataDir: core.dataDir, encrypted: core.encrypted });
    } catch (err) {
      post({ kind: 'openFailed', error: { code: 'failed', message: err instanceof Error ? err.message : String(err) } });
    }
  } else if (msg.kind === 'call') {
    if (!core) {
      post({ kind: 'result', id: msg.id, result: { ok: false, error: { code: 'failed', message: 'The job worker has no Core open.' } } });
      return;
    }
    const id = msg.id;
    void runCall(core, msg.call, { cancelFlag: msg.flag, onProgress: (progress) => post({ kind: 'progress', id, progress }) }, post)
      .then((result) => post({ kind: 'result', id, result }));
  } else if (msg.kind === 'pdfResult') {
    pdf.answer(msg);
  } else if (msg.kind === 'close') {
    core?.close();
    core = null;
    post({ kind: 'closed' });
    port.close();
  }
});
