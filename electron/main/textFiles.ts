/**
 * Saving a text export the page made (a glossary as CSV or TBX, XLIFF files) where the user
 * chooses. The page hands over the text and a suggested name, never a path; main asks (the
 * dialog is injected, so this is tested in plain Node) and writes the file whole or not at all.
 */
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { Result } from '../../shared/ipc/contract';
import { toResult } from '../core/errors';
import { isTrusted, REFUSED, type SenderCheck } from './ipc';
import { writeWhole } from './saveWhole';

export const SAVE_TEXT_CHANNEL = 'casefile:dialog.saveText';

export interface TextFileDialogs {
  chooseDestination(event: IpcMainInvokeEvent, fileName: string): Promise<string | null>;
}

// 64 MB of text: more than a case's XLIFF or a desk's glossary holds.
const SaveText = z.strictObject({ fileName: z.string().min(1).max(200), text: z.string().max(64 * 1024 * 1024) });

export function registerTextFileHandlers(ipc: Pick<IpcMain, 'handle'>, deps: TextFileDialogs, isTrustedSender: SenderCheck): void {
  ipc.handle(SAVE_TEXT_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrusted(isTrustedSender, event)) return { ok: false, error: REFUSED };
    return toResult(async () => {
      const { fileName, text } = SaveText.parse(request);
      // Only the name: a path in it would choose a folder the user did not.
      const dest = await deps.chooseDestination(event, path.basename(fileName));
      if (dest === null) return { saved: false };
      await writeWhole(dest, new TextEncoder().encode(text));
      return { saved: true };
    });
  });
}
