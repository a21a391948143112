import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './session';

/** Written beside the target and renamed into place, so a failed export never leaves half a file. */
export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(`Cannot write ${file}: ${(e as Error).message}`);
  }
}
