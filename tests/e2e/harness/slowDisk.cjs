// Loaded first in the e2e Core host and its worker threads when a spec asks for a slow disk:
// every read of 256 KiB or more from a file handle waits as if the disk gave about 100 MB/s (a
// USB stick, a network share). Hashing a large attachment then takes seconds on any machine,
// so a spec can watch its progress and cancel it without racing a fast disk. SQLite's own
// reads do not go through Node and are not slowed. Test code; never shipped.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS
const fsp = require('node:fs/promises');

const BYTES_PER_MS = 100 * 1024;
const LARGE = 256 * 1024;

void fsp.open(__filename, 'r').then(async (fh) => {
  const proto = Object.getPrototypeOf(fh);
  await fh.close();
  const read = proto.read;
  proto.read = async function slowRead(...args) {
    const result = await read.apply(this, args);
    if (result.bytesRead >= LARGE) await new Promise((r) => setTimeout(r, result.bytesRead / BYTES_PER_MS));
    return result;
  };
});
