import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { AttachmentOwnerType, Id, ShortText } from '../../shared/domain';
import { contract, isMethod } from '../../shared/ipc/contract';
import type { ErrorBody, Method, Result } from '../../shared/ipc/contract';
import type { AttachRequest } from '../../shared/ipc/bridge';
import { toResult } from '../core/errors';

/** Channel names; the preload uses the same strings. */
export const CHANNEL_PREFIX = 'casefile:';
export const EVENT_CHANNEL = 'casefile:event';
export const ATTACH_CHANNEL = 'casefile:dialog.attach';
export const OPEN_EXTERNAL_CHANNEL = 'casefile:openExternal';
export const OPEN_ATTACHMENT_CHANNEL = 'casefile:openAttachment';

type Handle = Pick<IpcMain, 'handle'>;

/** What this file needs of the Core (electron/core's Core satisfies both). */
export interface ContractCore {
  invoke(method: Method, input: unknown): Promise<unknown>;
}
export interface AttachCore {
  attachFile(as: string, filePath: string, owner: Pick<AttachRequest, 'ownerType' | 'ownerId'>, description?: string): Promise<unknown>;
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

/** Runs one contract method. Never throws: every failure becomes a Result the renderer can show. */
export function dispatch(core: ContractCore, method: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isMethod(method)) {
    return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `Unknown method: ${String(method).slice(0, 100)}` } });
  }
  // The Core parses input with the contract's zod schema itself and throws CoreError on refusal.
  return toResult(() => core.invoke(method, input));
}

/** One handler per contract entry, all alike: adding an operation needs no change here. */
export function registerContract(ipc: Handle, core: ContractCore, isTrustedSender: SenderCheck): Method[] {
  const methods = Object.keys(contract).filter(isMethod);
  for (const method of methods) {
    ipc.handle(CHANNEL_PREFIX + method, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
      return dispatch(core, method, input);
    });
  }
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
export function registerAppHandlers(ipc: Handle, deps: AppHandlerDeps, isTrustedSender: SenderCheck): void {
  ipc.handle(ATTACH_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(async () => {
      const { as, ownerType, ownerId, description } = AttachRequestSchema.parse(request);
      const filePath = await deps.chooseFile(event);
      if (filePath === null) return null;
      return deps.core.attachFile(as, filePath, { ownerType, ownerId }, description);
    });
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
