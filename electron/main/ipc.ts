import { randomUUID } from 'node:crypto';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { AttachmentOwnerType, Id, ShortText } from '../../shared/domain';
import { contract, isMethod } from '../../shared/ipc/contract';
import type { ErrorBody, Method, Result } from '../../shared/ipc/contract';
import type { AttachRequest, BridgeEventPayload } from '../../shared/ipc/bridge';
import { isLong } from '../../shared/ipc/methods';
import type { OperationState, Progress } from '../../shared/ipc/progress';
import { fromZod, toResult } from '../core/errors';

/** Channel names; the preload uses the same strings. */
export const CHANNEL_PREFIX = 'casefile:';
export const EVENT_CHANNEL = 'casefile:event';
export const ATTACH_CHANNEL = 'casefile:dialog.attach';
export const OPEN_EXTERNAL_CHANNEL = 'casefile:openExternal';
export const OPEN_ATTACHMENT_CHANNEL = 'casefile:openAttachment';
export const CANCEL_CHANNEL = 'casefile:cancel';

type Handle = Pick<IpcMain, 'handle'>;

/** How a door follows and stops a long call (the Core and its host both take it). */
export interface RunOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** What this file needs of the Core (the Core host's client, or a Core, satisfies both). */
export interface ContractCore {
  invoke(method: Method, input: unknown, run?: RunOptions): Promise<unknown>;
}
export interface AttachCore {
  attachFile(as: string, filePath: string, owner: Pick<AttachRequest, 'ownerType' | 'ownerId'>, description?: string, run?: RunOptions): Promise<unknown>;
}
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export const REFUSED: ErrorBody = { code: 'forbidden', message: 'Refused: the request did not come from the Casefile window.' };

/**
 * A sender is trusted when it is the main frame of our own page. A frame that has since
 * navigated or been destroyed has no senderFrame and is refused.
 */
export function ownPageSender(isOwnPage: (url: string) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame !== undefined && frame.parent === null && isOwnPage(frame.url);
  };
}

/** Whether `check` accepts the sender; a check that throws refuses. */
export function isTrusted(check: SenderCheck, event: IpcMainInvokeEvent): boolean {
  try {
    return check(event) === true;
  } catch {
    return false;
  }
}

/**
 * Runs one contract method. Never throws: every failure becomes a Result the renderer can show.
 * The input is checked against the contract here, before it leaves main; the Core checks it again.
 */
export function dispatch(core: ContractCore, method: unknown, input: unknown, run?: RunOptions): Promise<Result<unknown>> {
  if (!isMethod(method)) {
    return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `Unknown method: ${String(method).slice(0, 100)}` } });
  }
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) return Promise.resolve({ ok: false, error: fromZod(parsed.error).body });
  return toResult(() => core.invoke(method, input, run));
}

interface SenderOf { sender?: { id: number; send?(channel: string, payload: BridgeEventPayload): void; isDestroyed?(): boolean } }

/**
 * Long calls in flight, each under an operation id the window sees in its progress events and
 * may cancel, but only for operations its own window started.
 */
export class Operations {
  private readonly running = new Map<string, { senderId: number; stop: AbortController }>();

  /** Follows one long call: progress and how it ended go to the window that asked. */
  async run<T>(event: SenderOf, method: Method, call: (run: RunOptions) => Promise<Result<T>>): Promise<Result<T>> {
    const operationId = randomUUID();
    const stop = new AbortController();
    const sender = event.sender;
    const tell = (state: OperationState, p: Progress) => {
      if (sender?.send && !sender.isDestroyed?.()) sender.send(EVENT_CHANNEL, { type: 'operation', event: { operationId, method, state, ...p } });
    };
    this.running.set(operationId, { senderId: sender?.id ?? -1, stop });
    let last: Progress = { phase: 'starting', done: 0, total: 0 };
    tell('running', last);
    let result: Result<T> | undefined;
    try {
      result = await call({ signal: stop.signal, onProgress: (p) => { last = p; tell('running', p); } });
      return result;
    } finally {
      this.running.delete(operationId);
      tell(result?.ok ? 'done' : result?.error.code === 'cancelled' ? 'cancelled' : 'failed', last);
    }
  }

  /** True if the operation was this window's and is now being stopped. */
  cancel(event: SenderOf, operationId: string): boolean {
    const op = this.running.get(operationId);
    if (!op || op.senderId !== event.sender?.id) return false;
    op.stop.abort();
    return true;
  }
}

/** One handler per contract entry, all alike: adding an operation needs no change here. */
export function registerContract(ipc: Handle, core: ContractCore, isTrustedSender: SenderCheck, operations = new Operations()): Method[] {
  const methods = Object.keys(contract).filter(isMethod);
  for (const method of methods) {
    ipc.handle(CHANNEL_PREFIX + method, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
      if (!isLong(method)) return dispatch(core, method, input);
      return operations.run(event, method, (run) => dispatch(core, method, input, run));
    });
  }
  ipc.handle(CANCEL_CHANNEL, async (event, operationId: unknown): Promise<boolean> => {
    if (!isTrusted(isTrustedSender, event)) return false;
    const id = z.uuid().safeParse(operationId);
    return id.success && operations.cancel(event, id.data);
  });
  return methods;
}

const AttachRequestSchema = z.strictObject({
  as: Id,
  ownerType: AttachmentOwnerType,
  ownerId: Id,
  description: ShortText.optional(),
}) satisfies z.ZodType<AttachRequest>;

export interface AppHandlerDeps {
  core: AttachCore;
  /** Shows the native open-file dialog for the window that asked; null when cancelled. */
  chooseFile(event: IpcMainInvokeEvent): Promise<string | null>;
  /** Confirms with the user, then opens http(s) in the browser; true if opened. */
  openExternal(url: unknown): Promise<boolean>;
  /** Confirms, then opens a read-only copy of a stored attachment in the system viewer. */
  openAttachment(as: string, id: string): Promise<{ opened: boolean; reason?: string }>;
}

const OpenAttachmentSchema = z.strictObject({ as: Id, id: Id });

/**
 * The operations that need main's own powers. The renderer never sends a file path:
 * main asks the user for the file, so a compromised page cannot name one.
 */
export function registerAppHandlers(ipc: Handle, deps: AppHandlerDeps, isTrustedSender: SenderCheck, operations = new Operations()): void {
  ipc.handle(ATTACH_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    const parsed = AttachRequestSchema.safeParse(request);
    if (!parsed.success) return { ok: false, error: fromZod(parsed.error).body };
    const { as, ownerType, ownerId, description } = parsed.data;
    const chosen = await toResult(() => deps.chooseFile(event));
    if (!chosen.ok || chosen.value === null) return chosen;
    const filePath = chosen.value;
    // Hashing a large file takes a while: the window shows its progress and may cancel it.
    return operations.run(event, 'attachments.add', (run) => toResult(() => deps.core.attachFile(as, filePath, { ownerType, ownerId }, description, run)));
  });

  ipc.handle(OPEN_ATTACHMENT_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(async () => {
      const { as, id } = OpenAttachmentSchema.parse(request);
      return deps.openAttachment(as, id);
    });
  });

  ipc.handle(OPEN_EXTERNAL_CHANNEL, async (event, url: unknown): Promise<boolean> => {
    if (!isTrusted(isTrustedSender, event)) return false;
    try {
      return (await deps.openExternal(url)) === true;
    } catch {
      return false;
    }
  });
}
