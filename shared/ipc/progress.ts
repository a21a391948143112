/**
 * How a long operation (contract entries marked `long`) tells its door how far it has got, and
 * how the window hears about it. The Core reports Progress; a door that started the operation
 * (main, the e2e harness) names it with an operation id and passes it on as OperationEvents.
 */
import type { Method } from './contract';

export interface Progress {
  /** What the operation is doing now, in a few words a person can read ("hashing attachments"). */
  phase: string;
  /** Units done in this phase, out of `total`; `total` 0 when the amount is not known yet. */
  done: number;
  total: number;
}

export type OperationState = 'running' | 'done' | 'cancelled' | 'failed';

export interface OperationEvent extends Progress {
  operationId: string;
  method: Method;
  /** 'running' while it works; the last event of an operation says how it ended. */
  state: OperationState;
}
