/**
 * What a long operation (contract `long`, and the CLI's exports and imports) gets besides its
 * input: somewhere to report progress, and a way to learn it was cancelled. Cancellation comes
 * from an AbortSignal (the CLI's Ctrl-C, a door's cancel) or from a shared flag another thread
 * sets (the Core host's job worker: a synchronous loop never sees a message arrive, but it does
 * see the flag at its next progress report).
 */
import { setImmediate as turn } from 'node:timers/promises';
import type { Progress } from '../../shared/ipc/progress';
import { CoreError } from './errors';

export interface RunOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Int32Array over a SharedArrayBuffer: non-zero at index 0 means cancel. */
  cancelFlag?: Int32Array;
}

export interface Job {
  /** Aborted once the operation is cancelled: hand it to anything that takes a signal. */
  readonly signal: AbortSignal;
  /** Reports how far the operation has got (at most every PROGRESS_MS), then check(). */
  progress(phase: string, done: number, total: number): void;
  /** Throws CoreError `cancelled` once the operation is cancelled. */
  check(): void;
  /** Reports the last step once the work is kept: past that point a cancel changes nothing. */
  finished(phase?: string): void;
  /** Lets the event loop run (a cancel, another call) if BREATHE_MS have passed, then check(). */
  breathe(): Promise<void>;
}

/** Reports closer together than this are dropped (the first, a new phase and the last never are). */
const PROGRESS_MS = 100;
/** Long enough that yielding costs nothing measurable; short enough that Ctrl-C answers at once. */
const BREATHE_MS = 25;

export function cancelled(): CoreError {
  return new CoreError('cancelled', 'Cancelled: the operation was stopped and nothing of it was kept.');
}

export function createJob(opts: RunOptions = {}): Job {
  const own = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, own.signal]) : own.signal;
  const flag = opts.cancelFlag;
  let lastPhase = '';
  let lastAt = 0;
  let lastBreath = performance.now();
  const check = () => {
    if (flag && Atomics.load(flag, 0) !== 0 && !own.signal.aborted) own.abort();
    if (signal.aborted) throw cancelled();
  };
  return {
    signal,
    check,
    progress(phase, done, total) {
      const now = performance.now();
      if (opts.onProgress && (phase !== lastPhase || done >= total || now - lastAt >= PROGRESS_MS)) {
        lastPhase = phase;
        lastAt = now;
        opts.onProgress({ phase, done, total });
      }
      check();
    },
    finished(phase = 'done') {
      opts.onProgress?.({ phase, done: 1, total: 1 });
    },
    async breathe() {
      if (performance.now() - lastBreath >= BREATHE_MS) {
        await turn();
        lastBreath = performance.now();
      }
      check();
    },
  };
}

/** For callers that run a long operation without following it. */
export const quietJob = (): Job => createJob();
