// A worker thread for the analysis half of a rebuild (analyzeRows.ts, run by analysisWorker.ts),
// so that on two cores folding and stemming run beside SQLite's writing. The main thread stays synchronous (a
// better-sqlite3 transaction cannot await): it posts a page, and later blocks on an
// Atomics counter until the worker has answered, then takes the answer with
// receiveMessageOnPort. Whenever the worker cannot be started or fails, the caller does
// the work itself: the worker only ever makes a rebuild faster, never different.
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Analyzed } from './analyzeRows';
import type { SearchType } from './documents';
import { bundledWorkerFile } from './workerFile';

export interface AnalysisWorker {
  submit(type: SearchType, rows: Record<string, unknown>[]): void;
  /** The answer to the oldest page submitted and not yet taken, or null if the worker failed. */
  take(): Analyzed[] | null;
  close(): void;
}

// From the sources (CLI, tests, benchmarks) the worker loads analysisWorker.ts through tsx,
// which is how the Core runs there; a load failure is answered like any other.
const SOURCE_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
try {
  require(workerData.tsx).register();
  require(workerData.file);
} catch (err) {
  workerData.port.postMessage({ error: String(err && err.message || err) });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
`;

/** A worker that cannot load answers nothing: the first answer may take this long (start included), later ones TIMEOUT_MS. */
const FIRST_TIMEOUT_MS = 15_000;
const TIMEOUT_MS = 60_000;

/**
 * Starts the worker: in the bundled app from its own bundle (workerFile.bundle.ts), from the
 * sources through tsx. Returns null where it cannot start (then the caller does the work).
 */
export function startAnalysisWorker(): AnalysisWorker | null {
  let source: { file: string; tsx: string } | null = null;
  if (!bundledWorkerFile) {
    try {
      const file = path.join(__dirname, 'analysisWorker.ts');
      if (!fs.existsSync(file)) return null;
      source = { file, tsx: require.resolve('tsx/cjs/api') };
    } catch {
      return null;
    }
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const workerData = { port: port2, signal, ...source };
    const transferList = [port2 as MessagePort];
    worker = source ? new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData, transferList }) : new Worker(bundledWorkerFile as string, { workerData, transferList });
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
      const deadline = Date.now() + (taken === 0 ? FIRST_TIMEOUT_MS : TIMEOUT_MS);
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
