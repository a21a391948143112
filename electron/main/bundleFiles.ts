/**
 * Case bundle files between the user's disk and the desk's exchange folder. The page never
 * names a path: main asks the user (the dialogs are injected, so this is tested in plain
 * Node) and hands the Core only the bundle's id in its exchange folder.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { Id } from '../../shared/domain';
import type { ErrorBody, Result } from '../../shared/ipc/contract';
import { toResult } from '../core/errors';
import { exchangeFile } from '../core/io/bundle';
import { isTrusted, type SenderCheck } from './ipc';

export const PICK_BUNDLE_CHANNEL = 'casefile:dialog.pickBundle';
export const SAVE_BUNDLE_CHANNEL = 'casefile:dialog.saveBundle';

const REFUSED: ErrorBody = { code: 'forbidden', message: 'Refused: the request did not come from the Casefile window.' };

/** Puts a bundle the user picked into the exchange folder (a hard link when it can) and returns its id. */
export function stageBundle(dataDir: string, source: string): string {
  if (!fs.statSync(source).isFile()) throw new Error(`${source} is not a file.`);
  const id = randomUUID();
  const dest = exchangeFile(dataDir, id);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  try {
    fs.linkSync(source, dest);
  } catch {
    fs.copyFileSync(source, dest);
  }
  return id;
}

/** Moves an exported bundle out of the exchange folder to where the user chose (across disks too). */
export function deliverBundle(dataDir: string, id: string, destination: string): void {
  const from = exchangeFile(dataDir, id);
  try {
    fs.renameSync(from, destination);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.copyFileSync(from, destination);
    fs.rmSync(from, { force: true });
  }
}

export interface BundleDialogs {
  dataDir: string;
  chooseBundle(event: IpcMainInvokeEvent): Promise<string | null>;
  chooseDestination(event: IpcMainInvokeEvent, fileName: string): Promise<string | null>;
}

const SaveRequest = z.strictObject({ file: Id, fileName: z.string().min(1).max(200) });

export function registerBundleHandlers(ipc: Pick<IpcMain, 'handle'>, deps: BundleDialogs, isTrustedSender: SenderCheck): void {
  ipc.handle(PICK_BUNDLE_CHANNEL, async (event): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(async () => {
      const chosen = await deps.chooseBundle(event);
      return chosen === null ? null : { file: stageBundle(deps.dataDir, chosen) };
    });
  });
  ipc.handle(SAVE_BUNDLE_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(async () => {
      const { file, fileName } = SaveRequest.parse(request);
      const dest = await deps.chooseDestination(event, path.basename(fileName));
      if (dest === null) return null;
      deliverBundle(deps.dataDir, file, dest);
      return { saved: true };
    });
  });
}
