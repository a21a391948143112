/**
 * A door's handle on a Core host (serve.ts): the same `invoke` and `attachFile` as a Core in
 * the same process, over whatever carries the protocol (an Electron utility process in main,
 * a Node child process in the harness and tests). A call rejects with the CoreError the host
 * answered; a long call's progress reaches `onProgress`, and its signal cancels it. If the
 * host dies, every call in flight fails with a message saying so, and so do later ones.
 */
import type { Attachment, EncryptProgress } from '../../../shared/domain';
import type { ErrorBody, Method, Output, Result } from '../../../shared/ipc/contract';
import { CoreError } from '../errors';
import type { RunOptions } from '../job';
import { ContractViolation, rememberViolation } from '../outputCheck';
import type { Call, FromHost, OpenOptions, ToHost } from './protocol';
import { isFromHost } from './protocol';

export interface HostTransport {
  send(msg: ToHost): void;
  onMessage(fn: (msg: unknown) => void): void;
  /** Called once when the host process is gone, for whatever reason. */
  onExit(fn: (code: number | null) => void): void;
  kill(): void;
}

export interface CoreClient {
  readonly dataDir: string;
  /** The desk is encrypted at rest. */
  readonly encrypted: boolean;
  invoke<M extends Method>(method: M, input: unknown, run?: Omit<RunOptions, 'cancelFlag'>): Promise<Output<M>>;
  attachFile(as: string, filePath: string, owner: { ownerType: Attachment['ownerType']; ownerId: string }, description?: string, run?: Omit<RunOptions, 'cancelFlag'>): Promise<Attachment>;
  /** A stored file's content, decrypted and verified, as a new read-only file `dest` (the viewer's copy). */
  copyAttachment(sha256: string, dest: string): Promise<void>;
  /** True once the host has exited (crash or close). */
  readonly exited: boolean;
  /** Lets calls in flight finish, closes the Core, and ends the host. */
  close(): Promise<void>;
}

const STOPPED: ErrorBody = { code: 'failed', message: 'The Casefile Core stopped unexpectedly; the operation did not finish. Try again.' };
const CLOSE_GRACE_MS = 10_000;

function fromBody(body: ErrorBody): CoreError {
  const { code, message, ...extra } = body;
  return new CoreError(code, message, extra);
}

/** What the door does for the host that the host cannot: print a report's HTML to PDF (main's Chromium). */
export interface DoorServices {
  pdfEngine?: (html: string) => Promise<Uint8Array>;
  /** Follows an encryption asked for in the open options (`encrypt`). */
  onEncryptProgress?: (p: EncryptProgress) => void;
}

/** Opens the Core in the host and resolves once it is open (or rejects with why it could not be). */
export function connectCore(transport: HostTransport, options: OpenOptions, services: DoorServices = {}): Promise<CoreClient> {
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; onProgress?: RunOptions['onProgress'] }>();
  let nextId = 1;
  let exited = false;
  let closed: Promise<void> | null = null;
  let onClosed: (() => void) | null = null;
  let opened: ((dataDir: string, encrypted: boolean) => void) | null = null;
  let openFailed: ((err: CoreError) => void) | null = null;

  transport.onMessage((raw) => {
    if (!isFromHost(raw)) return;
    const msg: FromHost = raw;
    switch (msg.kind) {
      case 'opened': opened?.(msg.dataDir, msg.encrypted); break;
      case 'encryptProgress': services.onEncryptProgress?.(msg.progress); break;
      case 'openFailed': openFailed?.(fromBody(msg.error)); break;
      case 'progress': pending.get(msg.id)?.onProgress?.(msg.progress); break;
      case 'result': {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg.result);
        break;
      }
      case 'violation': rememberViolation(new ContractViolation(msg.method, msg.problems)); break;
      case 'pdf': {
        const id = msg.id;
        const answer = (r: { pdf?: Uint8Array; error?: string }) => transport.send({ kind: 'pdfResult', id, ...r });
        if (!services.pdfEngine) answer({ error: 'This Casefile cannot print PDFs here.' });
        else services.pdfEngine(msg.html).then((pdf) => answer({ pdf }), (err: unknown) => answer({ error: err instanceof Error ? err.message : String(err) }));
        break;
      }
      case 'closed': onClosed?.(); break;
    }
  });
  transport.onExit((code) => {
    exited = true;
    for (const p of pending.values()) p.resolve({ ok: false, error: STOPPED });
    pending.clear();
    openFailed?.(new CoreError('failed', `The Casefile Core could not start (it exited with code ${code}).`));
    onClosed?.();
  });

  async function call(c: Call, run: Omit<RunOptions, 'cancelFlag'> = {}): Promise<unknown> {
    if (exited || closed) throw new CoreError('failed', exited ? STOPPED.message : 'The case database is closed.');
    run.signal?.throwIfAborted();
    const id = nextId++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      pending.set(id, { resolve, onProgress: run.onProgress });
      transport.send({ kind: 'call', id, call: c });
      run.signal?.addEventListener('abort', () => { if (pending.has(id)) transport.send({ kind: 'cancel', id }); }, { once: true });
    });
    if (!result.ok) throw fromBody(result.error);
    return result.value;
  }

  return new Promise((resolve, reject) => {
    opened = (dataDir, encrypted) => {
      opened = null;
      openFailed = null;
      resolve({
        dataDir,
        encrypted,
        get exited() { return exited; },
        invoke: (method, input, run) => call({ op: 'invoke', method, input }, run) as Promise<Output<typeof method>>,
        attachFile: (as, filePath, owner, description, run) => call({ op: 'attachFile', as, filePath, owner, ...(description === undefined ? {} : { description }) }, run) as Promise<Attachment>,
        copyAttachment: async (sha256, dest) => { await call({ op: 'copyAttachment', sha256, dest }); },
        close() {
          closed ??= new Promise<void>((done) => {
            if (exited) { done(); return; }
            const timer = setTimeout(() => transport.kill(), CLOSE_GRACE_MS);
            onClosed = () => { clearTimeout(timer); done(); };
            transport.send({ kind: 'close' });
          });
          return closed;
        },
      });
    };
    openFailed = (err) => {
      opened = null;
      openFailed = null;
      transport.kill();
      reject(err);
    };
    transport.send({ kind: 'open', options: { ...options, pdf: services.pdfEngine !== undefined } });
  });
}
