/**
 * The desk's own channels, before and beside the contract: the gate (new, locked, open) and its
 * three ways forward. Same rules as ipc.ts: only our own page, every failure a Result.
 */
import type { IpcMain } from 'electron';
import type { Result } from '../../shared/ipc/contract';
import { toResult } from '../core/errors';
import type { DeskGateHandle, OpenedCore } from './desk';
import type { SenderCheck } from './ipc';

/** Channel names; the preload uses the same strings. They are not contract methods. */
export const DESK_CHANNELS = {
  gate: 'casefile:desk.gate',
  create: 'casefile:desk.create',
  unlock: 'casefile:desk.unlock',
  encrypt: 'casefile:desk.encrypt',
  progress: 'casefile:desk.progress',
} as const;

const REFUSED = { ok: false, error: { code: 'forbidden', message: 'Refused: the request did not come from the Casefile window.' } } as const;

export function registerDeskHandlers(ipc: Pick<IpcMain, 'handle'>, desk: DeskGateHandle<OpenedCore>, isTrustedSender: SenderCheck): void {
  const bind = (channel: string, run: (request: unknown) => Promise<unknown>) => {
    ipc.handle(channel, async (event, request: unknown): Promise<Result<unknown>> => {
      let trusted = false;
      try {
        trusted = isTrustedSender(event) === true;
      } catch {
        trusted = false;
      }
      if (!trusted) return REFUSED;
      return toResult(() => run(request));
    });
  };
  bind(DESK_CHANNELS.gate, () => desk.gate());
  bind(DESK_CHANNELS.create, (r) => desk.create(r));
  bind(DESK_CHANNELS.unlock, (r) => desk.unlock(r));
  bind(DESK_CHANNELS.encrypt, (r) => desk.encrypt(r));
}
