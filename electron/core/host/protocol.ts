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
import type { Attachment } from '../../../shared/domain';

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
}

export type Call =
  | { op: 'invoke'; method: string; input: unknown }
  | { op: 'attachFile'; as: string; filePath: string; owner: { ownerType: Attachment['ownerType']; ownerId: string }; description?: string };

export type ToHost =
  | { kind: 'open'; options: OpenOptions }
  | { kind: 'call'; id: number; call: Call }
  | { kind: 'cancel'; id: number }
  /** The door's answer to a `pdf` request. */
  | { kind: 'pdfResult'; id: number; pdf?: Uint8Array; error?: string }
  | { kind: 'close' };

export type FromHost =
  | { kind: 'opened'; dataDir: string }
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
    case 'call': return Number.isInteger(v.id) && isObject(v.call) && (v.call.op === 'invoke' || v.call.op === 'attachFile');
    case 'cancel': return Number.isInteger(v.id);
    case 'pdfResult': return Number.isInteger(v.id) && (v.pdf instanceof Uint8Array || typeof v.error === 'string');
    case 'close': return true;
    default: return false;
  }
}

export function isFromHost(v: unknown): v is FromHost {
  if (!isObject(v)) return false;
  switch (v.kind) {
    case 'opened': case 'closed': case 'openFailed': case 'violation': return true;
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
