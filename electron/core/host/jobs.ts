/**
 * The host's side of its job worker (jobWorker.ts): starts it when the first long operation
 * comes, runs long operations there one at a time in the order they came, and cancels them.
 * A cancel sets the job's flag; a job that has not stopped CANCEL_GRACE_MS later (stuck in one
 * long SQLite statement) is ended with its thread, which rolls its transaction back; the next
 * job starts a new worker.
 */
import type { Worker } from 'node:worker_threads';
import type { Result } from '../../../shared/ipc/contract';
import type { Progress } from '../../../shared/ipc/progress';
import { cancelled } from '../job';
import type { ToJobWorker } from './jobWorker';
import { startModuleWorker } from './load';
import type { Call, FromHost, OpenOptions } from './protocol';

const CANCEL_GRACE_MS = 5000;

interface Job {
  id: number;
  call: Call;
  flag: Int32Array;
  onProgress: (p: Progress) => void;
  resolve: (r: Result<unknown>) => void;
  started: boolean;
}

export interface JobRunner {
  run(id: number, call: Call, onProgress: (p: Progress) => void): Promise<Result<unknown>>;
  cancel(id: number): void;
  close(): Promise<void>;
  /**
   * Starts the worker (its modules and its database connection) before the first long operation
   * asks for it: otherwise the first check or export waits seconds for the start-up alone.
   */
  warm(): void;
}

const failure = (message: string): Result<never> => ({ ok: false, error: { code: 'failed', message } });

export function createJobRunner(options: OpenOptions, onViolation: (msg: FromHost) => void, pdfEngine?: (html: string) => Promise<Uint8Array>): JobRunner {
  const queue: Job[] = [];
  let worker: Worker | null = null;
  let current: Job | null = null;
  let closing = false;

  const finish = (job: Job, result: Result<unknown>) => {
    if (current === job) current = null;
    job.resolve(result);
    next();
  };

  const startWorker = (): Worker => {
    const w = startModuleWorker(__dirname, 'jobWorker');
    w.on('message', (msg: FromHost) => {
      if (msg.kind === 'progress' && current?.id === msg.id) current.onProgress(msg.progress);
      else if (msg.kind === 'result' && current?.id === msg.id) finish(current, msg.result);
      else if (msg.kind === 'openFailed' && current) finish(current, { ok: false, error: msg.error });
      else if (msg.kind === 'violation') onViolation(msg);
      else if (msg.kind === 'pdf') {
        // The worker's Core prints through the door too, by way of the host.
        const answer = (r: { pdf?: Uint8Array; error?: string }) => w.postMessage({ kind: 'pdfResult', id: msg.id, ...r } satisfies ToJobWorker);
        if (!pdfEngine) answer({ error: 'No PDF engine here.' });
        else pdfEngine(msg.html).then((pdf) => answer({ pdf }), (err: unknown) => answer({ error: err instanceof Error ? err.message : String(err) }));
      }
    });
    const gone = (why: string) => {
      if (worker !== w) return;
      worker = null;
      if (current) finish(current, Atomics.load(current.flag, 0) ? { ok: false, error: cancelled().body } : failure(why));
    };
    w.on('error', (err) => gone(`The operation failed: ${err.message}`));
    w.on('exit', (code) => gone(`The operation stopped unexpectedly (worker exit ${code}).`));
    w.postMessage({ kind: 'open', options } satisfies ToJobWorker);
    return w;
  };

  function next(): void {
    if (current || closing) return;
    const job = queue.shift();
    if (!job) return;
    current = job;
    job.started = true;
    worker ??= startWorker();
    worker.postMessage({ kind: 'call', id: job.id, call: job.call, flag: job.flag } satisfies ToJobWorker);
  }

  return {
    warm() {
      if (!closing) worker ??= startWorker();
    },
    run(id, call, onProgress) {
      return new Promise((resolve) => {
        queue.push({ id, call, onProgress, resolve, started: false, flag: new Int32Array(new SharedArrayBuffer(4)) });
        next();
      });
    },
    cancel(id) {
      const waiting = queue.findIndex((j) => j.id === id);
      if (waiting >= 0) {
        const [job] = queue.splice(waiting, 1);
        job!.resolve({ ok: false, error: cancelled().body });
        return;
      }
      if (current?.id !== id) return;
      const job = current;
      Atomics.store(job.flag, 0, 1);
      const w = worker;
      setTimeout(() => {
        if (current === job && worker === w) void w?.terminate();
      }, options.cancelGraceMs ?? CANCEL_GRACE_MS).unref();
    },
    async close() {
      closing = true;
      for (const job of queue.splice(0)) job.resolve(failure('The Core is closing.'));
      if (current) Atomics.store(current.flag, 0, 1);
      const w = worker;
      if (!w) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void w.terminate(), CANCEL_GRACE_MS);
        w.once('exit', () => { clearTimeout(timer); resolve(); });
        w.postMessage({ kind: 'close' } satisfies ToJobWorker);
      });
    },
  };
}
