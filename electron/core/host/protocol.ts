/**
 * The messages between a door (Electron's main process, the e2e harness, a test) and the Core
 * host: the process (an Electron utility process, or a Node child process) that owns the
 * Core, so that a long operation or a crash never stops the window. Both ends use this file.
 *
 * A call carries an id; the host answers it once with a Result, and a long call may send
 * progress for that id before. `cancel` asks the host to stop a long call: its Result then is
 * the error `cancelled`. Messages travel by structured clone (utility process, Node's
 * `advanced` serialization, worker threads), so a Uint8Array arrives as bytes.
 */
import type { ErrorBody, Result } from '../../../shared/ipc/contract';
import type { Progress } from '../../../shared/ipc/progress';
import type { Attachment, EncryptProgress } from '../../../shared/domain';
import type { Protection, Unlock } from '../keys';

export interface OpenOptions {
  dataDir: string;
  checkOutputs?: boolean;
  maxAttachmentBytes?: number;
  /** How long a cancelled job may take to stop before its thread is ended (default 5 s). */
  cancelGraceMs?: number;
  /** The citation style folder (the packaged app's resources/csl). */
  cslDir?: string;
  /** The door prints PDFs (main has Chromium's printToPDF): the host asks it with `pdf` messages. */
  pdf?: boolean;
  /**
   * How the desk unlocks: its passphrase, or the master key main unsealed from the OS key store.
   * It travels only in this message (never argv, the environment or a file); the host hands its
   * job worker the master key it unlocked, so the passphrase's KDF runs once.
   */
  unlock?: Unlock;
  /** A data folder with no desk yet becomes one protected like this (the first-run screen). */
  create?: Protection;
  /**
   * Before opening, encrypt the plain desk in place (copy, verify, swap), protected like this;
   * its progress comes as `encryptProgress`. `unlock` then opens the encrypted desk.
   */
  encrypt?: Exclude<Protection, { method: 'none' }>;
}

export type Call =
  | { op: 'invoke'; method: string; input: unknown }
  | { op: 'attachFile'; as: string; filePath: string; owner: { ownerType: Attachment['ownerType']; ownerId: string }; description?: string }
  /** Writes a stored file's content, decrypted and verified against its hash, to a new read-only file (main's viewer copy). */
  | { op: 'copyAttachment'; sha256: string; dest: string };

export type ToHost =
  | { kind: 'open'; options: OpenOptions }
  | { kind: 'call'; id: number; call: Call }
  | { kind: 'cancel'; id: number }
  /** The door's answer to a `pdf` request. */
  | { kind: 'pdfResult'; id: number; pdf?: Uint8Array; error?: string }
  | { kind: 'close' };

export type FromHost =
  /** The Core is open; `encrypted`: the desk is encrypted at rest. */
  | { kind: 'opened'; dataDir: string; encrypted: boolean }
  | { kind: 'encryptProgress'; progress: EncryptProgress }
  | { kind: 'openFailed'; error: ErrorBody }
  | { kind: 'progress'; id: number; progress: Progress }
  | { kind: 'result'; id: number; result: Result<unknown> }
  /** The host asks the door to print this HTML to PDF (a report export); `pdfResult` answers. */
  | { kind: 'pdf'; id: number; html: string }
  /** An answer that broke the contract (outputCheck.ts): the door's tests fail on it. */
  | { kind: 'violation'; method: string; problems: string[] }
  | { kind: 'closed' };

/** One end of the pipe, whatever carries it. */
export interface Port<In, Out> {
  post(msg: Out): void;
  onMessage(fn: (msg: In) => void): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

/** The host trusts its door, but not blindly: a message of another shape is dropped. */
export function isToHost(v: unknown): v is ToHost {
  if (!isObject(v)) return false;
  switch (v.kind) {
    case 'open': return isObject(v.options) && typeof v.options.dataDir === 'string';
    case 'call': return Number.isInteger(v.id) && isObject(v.call) && (v.call.op === 'invoke' || v.call.op === 'attachFile' || v.call.op === 'copyAttachment');
    case 'cancel': return Number.isInteger(v.id);
    case 'pdfResult': return Number.isInteger(v.id) && (v.pdf instanceof Uint8Array || typeof v.error === 'string');
    case 'close': return true;
    default: return false;
  }
}

export function isFromHost(v: unknown): v is FromHost {
  if (!isObject(v)) return false;
  switch (v.kind) {
    case 'opened': case 'closed': case 'openFailed': case 'violation': case 'encryptProgress': return true;
    case 'progress': case 'result': return Number.isInteger(v.id);
    case 'pdf': return Number.isInteger(v.id) && typeof v.html === 'string';
    default: return false;
  }
}

/**
 * The host's side of `pdf` requests: a PdfEngine for its Core that asks the door, and the
 * handler for the door's answers. (The job worker relays its own through the host.)
 */
export function pdfRelay(post: (msg: { kind: 'pdf'; id: number; html: string }) => void) {
  const waiting = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  let next = 1;
  return {
    engine: (html: string) => new Promise<Uint8Array>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      post({ kind: 'pdf', id, html });
    }),
    answer(msg: { id: number; pdf?: Uint8Array; error?: string }): void {
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (!w) return;
      if (msg.pdf) w.resolve(msg.pdf);
      else w.reject(new Error(msg.error ?? 'the PDF could not be printed'));
    },
  };
}

const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * The options as the Core takes them. A Buffer crosses a worker's or a utility process's
 * structured clone as a plain Uint8Array: the keys in it are made Buffers again.
 */
export function withBuffers(options: OpenOptions): OpenOptions {
  const fix = <T>(x: T): T => {
    if (!x || typeof x !== 'object' || !('masterKey' in x)) return x;
    return { ...x, masterKey: asBuffer((x as { masterKey: Uint8Array }).masterKey) };
  };
  return { ...options, unlock: fix(options.unlock), create: fix(options.create), encrypt: fix(options.encrypt) };
}
