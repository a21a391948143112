/**
 * Case bundle files between the user's disk and the desk's exchange folder. The page never
 * names a path: main asks the user (the dialogs are injected, so this is tested in plain
 * Node) and hands the Core only the bundle's id in its exchange folder. Saving goes through
 * the same whole-or-nothing save as report exports (saveWhole.ts).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { Id } from '../../shared/domain';
import type { Result } from '../../shared/ipc/contract';
import { toResult } from '../core/errors';
import { EXCHANGE_DIR, exchangeFile } from '../core/io/bundle';
import { isTrusted, REFUSED, type SenderCheck } from './ipc';
import { placeCopy } from './saveWhole';

export const PICK_BUNDLE_CHANNEL = 'casefile:dialog.pickBundle';
export const SAVE_BUNDLE_CHANNEL = 'casefile:dialog.saveBundle';

/** A bundle left in the exchange folder this long (a preview never imported) is no one's any more. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** Puts a bundle the user picked into the exchange folder (a hard link when it can) and returns its id. */
export async function stageBundle(dataDir: string, source: string): Promise<string> {
  if (!(await fs.promises.stat(source)).isFile()) throw new Error(`${source} is not a file.`);
  const id = randomUUID();
  const dest = exchangeFile(dataDir, id);
  await fs.promises.mkdir(path.dirname(dest), { recursive: true });
  await placeCopy(dest, source);
  return id;
}

/**
 * Saves an exported bundle where the user chose (across disks too) and removes it from the
 * exchange folder; with no destination (the dialog was cancelled) it is only removed. A failed
 * save leaves the old file at the destination untouched.
 */
export async function deliverBundle(dataDir: string, id: string, destination: string | null): Promise<void> {
  const from = exchangeFile(dataDir, id);
  if (destination !== null) await placeCopy(destination, from);
  await fs.promises.rm(from, { force: true });
}

/** Removes bundles staged or exported more than a day ago and never taken (an abandoned preview). */
export function clearStaleBundles(dataDir: string, now = Date.now()): void {
  const dir = path.join(dataDir, EXCHANGE_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
    } catch {
      // Gone meanwhile, or not ours to remove: the next start tries again.
    }
  }
}

export interface BundleDialogs {
  dataDir: string;
  chooseBundle(event: IpcMainInvokeEvent): Promise<string | null>;
  chooseDestination(event: IpcMainInvokeEvent, fileName: string): Promise<string | null>;
}

const SaveRequest = z.strictObject({ file: Id, fileName: z.string().min(1).max(200) });

export function registerBundleHandlers(ipc: Pick<IpcMain, 'handle'>, deps: BundleDialogs, isTrustedSender: SenderCheck): void {
  clearStaleBundles(deps.dataDir);
  ipc.handle(PICK_BUNDLE_CHANNEL, async (event): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(async () => {
      const chosen = await deps.chooseBundle(event);
      return chosen === null ? null : { file: await stageBundle(deps.dataDir, chosen) };
    });
  });
  ipc.handle(SAVE_BUNDLE_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(async () => {
      const { file, fileName } = SaveRequest.parse(request);
      const dest = await deps.chooseDestination(event, path.basename(fileName));
      await deliverBundle(deps.dataDir, file, dest);
      return dest === null ? null : { saved: true };
    });
  });
}
