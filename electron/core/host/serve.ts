/**
 * The Core host: owns the Core in its own process and answers a door over the protocol
 * (protocol.ts). Reads are answered at once from the host's connection; writes are taken one
 * at a time; long operations (contract `long`) run in the job worker (jobs.ts) with their own
 * connection, so a reindex, check or export never stops the host from answering. While a long
 * operation holds the database's write lock for its whole length (LOCKS_THE_DATABASE), writes
 * wait here for it, never in SQLite's busy handler: nobody ever sees "database is locked".
 */
import { contract, isMethod, type Method, type Result } from '../../../shared/ipc/contract';
import { isLong } from '../../../shared/ipc/methods';
import { CoreError, toErrorBody } from '../errors';
import { createCore, type Core } from '../index';
import { encryptDesk } from '../desk/encrypt';
import { markCasesDirty, markNamesDirty } from '../search/runtime';
import { runCall } from './calls';
import { createJobRunner, type JobRunner } from './jobs';
import { isToHost, pdfRelay, withBuffers, type Call, type FromHost, type Port, type ToHost } from './protocol';

/** How long after opening the job worker starts, ready for the first long operation. */
const WARM_JOBS_AFTER_MS = 1500;

/** Long operations that write in one transaction from start to end. */
const LOCKS_THE_DATABASE: ReadonlySet<Method> = new Set(['desk.reindex']);

const methodOf = (call: Call): Method | null => {
  if (call.op === 'invoke') return isMethod(call.method) ? call.method : null;
  return call.op === 'attachFile' ? 'attachments.add' : null;
};

export function serveCore(port: Port<unknown, FromHost>, opts: { exit?: () => void } = {}): void {
  let core: Core | null = null;
  let opening = false;
  let jobs: JobRunner | null = null;
  /** Writes, one after another: each waits for the one before it. */
  let writes: Promise<unknown> = Promise.resolve();
  const inFlight = new Set<Promise<unknown>>();
  const post = (msg: FromHost) => port.post(msg);
  const pdf = pdfRelay(post);

  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = writes.then(fn);
    writes = run.catch(() => undefined);
    return run;
  };

  function answer(core: Core, jobs: JobRunner, id: number, call: Call): Promise<Result<unknown>> {
    const method = methodOf(call);
    if (method && isLong(method)) {
      const job = () => jobs.run(id, call, (progress) => post({ kind: 'progress', id, progress }));
      if (!LOCKS_THE_DATABASE.has(method)) return job();
      return inTurn(async () => {
        const r = await job();
        // Another connection rewrote the index: what this one cached about it is stale.
        markNamesDirty(core.db);
        markCasesDirty(core.db);
        return r;
      });
    }
    const run = () => runCall(core, call, {}, post);
    return method && contract[method].access === 'write' ? inTurn(run) : run();
  }

  function onMessage(raw: unknown): void {
    if (!isToHost(raw)) return;
    const msg: ToHost = raw;
    switch (msg.kind) {
      case 'open':
        if (core || opening) return;
        opening = true;
        void (async () => {
          try {
            const { encrypt, create, unlock, ...options } = withBuffers(msg.options);
            if (encrypt) {
              await encryptDesk(options.dataDir, { protection: encrypt, onProgress: (progress) => post({ kind: 'encryptProgress', progress }) });
            }
            const opened = createCore({ ...options, unlock, create, ...(options.pdf ? { pdfEngine: pdf.engine } : {}) });
            core = opened;
            // The job worker opens the same desk with the master key this Core unlocked: the
            // passphrase's KDF runs once, and the key only ever travels in memory.
            jobs = createJobRunner({ ...options, dataDir: opened.dataDir, unlock: { masterKey: opened.state.key.masterKey } }, post, pdf.engine);
            post({ kind: 'opened', dataDir: opened.dataDir, encrypted: opened.encrypted });
            // Once the window has had its first answers, not while it is drawing them.
            const runner = jobs;
            setTimeout(() => runner.warm(), WARM_JOBS_AFTER_MS).unref();
          } catch (err) {
            post({ kind: 'openFailed', error: toErrorBody(err) });
          } finally {
            opening = false;
          }
        })();
        return;
      case 'call': {
        const { id, call } = msg;
        if (!core || !jobs) {
          post({ kind: 'result', id, result: { ok: false, error: new CoreError('failed', 'The case database is not open.').body } });
          return;
        }
        const done = answer(core, jobs, id, call).then((result) => post({ kind: 'result', id, result }));
        inFlight.add(done);
        void done.finally(() => inFlight.delete(done));
        return;
      }
      case 'cancel':
        jobs?.cancel(msg.id);
        return;
      case 'pdfResult':
        pdf.answer(msg);
        return;
      case 'close':
        void (async () => {
          await jobs?.close();
          await Promise.allSettled([...inFlight]);
          core?.close();
          core = null;
          post({ kind: 'closed' });
          opts.exit?.();
        })();
        return;
    }
  }

  port.onMessage(onMessage);
}
