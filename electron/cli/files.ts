import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Job } from '../core/job';
import { CliError } from './errors';

const tmpOf = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);

/** Written beside the target and renamed into place, so a failed export never leaves half a file. */
export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  const tmp = tmpOf(file);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`Cannot write ${file}: ${(e as Error).message}`);
  }
}

/**
 * Writes text a piece at a time beside the target and renames it into place once whole: a
 * failed or cancelled export never leaves half a file, nor the temporary one.
 */
export async function writeChunksAtomic(file: string, chunks: Iterable<string>, job: Job): Promise<void> {
  const tmp = tmpOf(file);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'w');
    for (const chunk of chunks) {
      fs.writeSync(fd, chunk);
      await job.breathe();
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    if ((e as Error).name === 'CoreError') throw e;
    throw new CliError(`Cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Writes text a piece at a time to a stream (standard output), waiting whenever it is full. */
export async function writeChunksTo(stream: NodeJS.WritableStream, chunks: Iterable<string>, job: Job): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
    await job.breathe();
  }
}
