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
}

export type Call =
  | { op: 'invoke'; method: string; input: unknown }
  | { op: 'attachFile'; as: string; filePath: string; owner: { ownerType: Attachment['ownerType']; ownerId: string }; description?: string };

export type ToHost =
  | { kind: 'open'; options: OpenOptions }
  | { kind: 'call'; id: number; call: Call }
  | { kind: 'cancel'; id: number }
  | { kind: 'close' };

export type FromHost =
  | { kind: 'opened'; dataDir: string }
  | { kind: 'openFailed'; error: ErrorBody }
  | { kind: 'progress'; id: number; progress: Progress }
  | { kind: 'result'; id: number; result: Result<unknown> }
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
    case 'close': return true;
    default: return false;
  }
}

export function isFromHost(v: unknown): v is FromHost {
  if (!isObject(v)) return false;
  switch (v.kind) {
    case 'opened': case 'closed': case 'openFailed': case 'violation': return true;
    case 'progress': case 'result': return Number.isInteger(v.id);
    default: return false;
  }
}
