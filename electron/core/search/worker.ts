// A worker thread for the analysis half of a rebuild (analyzeRows.ts), so that on two cores
// folding and stemming run beside SQLite's writing. The main thread stays synchronous (a
// better-sqlite3 transaction cannot await): it posts a page, and later blocks on an
// Atomics counter until the worker has answered, then takes the answer with
// receiveMessageOnPort. Whenever the worker cannot be started or fails, the caller does
// the work itself: the worker only ever makes a rebuild faster, never different.
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Analyzed } from './analyzeRows';
import type { SearchType } from './documents';

export interface AnalysisWorker {
  submit(type: SearchType, rows: Record<string, unknown>[]): void;
  /** The answer to the oldest page submitted and not yet taken, or null if the worker failed. */
  take(): Analyzed[] | null;
  close(): void;
}

// Runs inside the worker. Plain CommonJS: the worker loads the TypeScript modules through
// tsx, which is how the Core runs outside the Electron bundle (CLI, tests, benchmarks).
const WORKER_CODE = `
const { workerData } = require('node:worker_threads');
const { port, signal } = workerData;
const done = (msg) => { port.postMessage(msg); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0); };
let analyzeRows = null;
try {
  require(workerData.tsx).register();
  analyzeRows = require(workerData.module).analyzeRows;
} catch (err) {
  done({ error: String(err && err.message || err) });
}
port.on('message', (m) => {
  if (!analyzeRows) return done({ error: 'worker not loaded' });
  try { done({ ok: analyzeRows(m.type, m.rows) }); } catch (err) { done({ error: String(err && err.message || err) }); }
});
`;

const TIMEOUT_MS = 60_000;

/** Starts the worker, or returns null where it cannot run (the bundled app: no TypeScript sources, no tsx). */
export function startAnalysisWorker(): AnalysisWorker | null {
  let module: string;
  let tsx: string;
  try {
    module = path.join(__dirname, 'analyzeRows.ts');
    if (!fs.existsSync(module)) return null;
    tsx = require.resolve('tsx/cjs/api');
  } catch {
    return null;
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_CODE, { eval: true, workerData: { port: port2, signal, tsx, module }, transferList: [port2 as MessagePort] });
  } catch {
    port1.close();
    return null;
  }
  worker.unref();
  let taken = 0;
  let failed = false;
  return {
    submit(type, rows) {
      port1.postMessage({ type, rows });
    },
    take() {
      if (failed) return null;
      const deadline = Date.now() + TIMEOUT_MS;
      for (;;) {
        const m = receiveMessageOnPort(port1);
        if (m) {
          taken++;
          const msg = m.message as { ok?: Analyzed[]; error?: string };
          if (msg.ok) return msg.ok;
          failed = true;
          return null;
        }
        const seen = Atomics.load(signal, 0);
        if (seen > taken) continue; // answered, message on its way
        if (Date.now() > deadline) { failed = true; return null; }
        Atomics.wait(signal, 0, seen, 1000);
      }
    },
    close() {
      port1.close();
      void worker.terminate();
    },
  };
}
