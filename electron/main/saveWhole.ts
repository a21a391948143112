/**
 * Saving a file where the user chose, whole or not at all: the bytes go to a temporary file
 * beside the target, which is renamed into place only once complete, so a failed or interrupted
 * save never leaves half a file there (and never touches the old one).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../core/errors';

/** `fill` writes the temporary file it is given (which does not exist yet); then it takes the target's place. */
export async function placeWhole(target: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.part`);
  try {
    await fill(temp);
    await fs.promises.rename(temp, target);
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw new CoreError('failed', `Could not save ${path.basename(target)}: ${err instanceof Error ? err.message : String(err)}. Nothing was written there.`);
  }
}

export async function writeWhole(target: string, data: Uint8Array): Promise<void> {
  await placeWhole(target, async (temp) => {
    const handle = await fs.promises.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}

/** A copy of `source` (a hard link when both are on one disk: a 1 GB bundle is not copied twice). */
export async function placeCopy(target: string, source: string): Promise<void> {
  await placeWhole(target, async (temp) => {
    try {
      await fs.promises.link(source, temp);
      return;
    } catch (err) {
      // Another disk (a USB stick), or a file system without hard links: copy the bytes.
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    }
    await fs.promises.copyFile(source, temp, fs.constants.COPYFILE_EXCL);
    const handle = await fs.promises.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}
