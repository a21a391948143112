// What runs inside the analysis worker thread (worker.ts starts it): it analyses each page of
// rows it is sent (analyzeRows.ts) and answers on the port, then bumps the shared counter the
// main thread waits on. In the bundled app this file is its own bundle (workerFile.bundle.ts);
// run from the sources (CLI, tests, benchmarks), worker.ts loads it through tsx.
import { workerData, type MessagePort } from 'node:worker_threads';
import { analyzeRows } from './analyzeRows';
import type { SearchType } from './documents';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

function answer(msg: unknown): void {
  port.postMessage(msg);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (m: { type: SearchType; rows: Record<string, unknown>[] }) => {
  try {
    answer({ ok: analyzeRows(m.type, m.rows) });
  } catch (err) {
    answer({ error: String((err as Error)?.message ?? err) });
  }
});
