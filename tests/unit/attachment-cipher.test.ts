import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEADER_BYTES, SEGMENT_BYTES, sealedSize } from '../../electron/core/attachments/cipher';
import { AttachmentIntegrityError, createAttachmentStore, type AttachmentStore } from '../../electron/core/attachments/store';

const TAG = 16;
const SEALED = SEGMENT_BYTES + TAG;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function pattern(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
  return b;
}

async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

let tmp: string;
let key: Buffer;
let store: AttachmentStore;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-cipher-'));
  key = randomBytes(32);
  store = createAttachmentStore(path.join(tmp, 'attachments'), { key });
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Rewrites a stored (read-only) file. */
function rewrite(sha: string, edit: (bytes: Buffer) => Buffer): void {
  const file = store.pathFor(sha);
  const before = fs.readFileSync(file);
  fs.chmodSync(file, 0o644);
  fs.writeFileSync(file, edit(before));
}

async function readFails(sha: string): Promise<AttachmentIntegrityError> {
  try {
    await store.readAll(sha);
  } catch (err) {
    expect(err).toBeInstanceOf(AttachmentIntegrityError);
    return err as AttachmentIntegrityError;
  }
  throw new Error('expected the read to be refused');
}

describe('attachments sealed at rest', () => {
  it.each([0, 1, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 3 * SEGMENT_BYTES + 12_345])(
    'stores %i bytes under the SHA-256 of the plaintext, sealed, and reads them back',
    async (n) => {
      const data = pattern(n);
      // Odd chunk sizes: segments must not depend on how the bytes arrive.
      const blob = await store.put(chunked(data, 7_777));
      expect(blob.sha256).toBe(sha256(data));
      expect(blob.size).toBe(n);

      const onDisk = fs.readFileSync(store.pathFor(blob.sha256));
      expect(onDisk.length).toBe(sealedSize(n));
      if (n >= 64) expect(onDisk.includes(data.subarray(0, 64))).toBe(false);

      expect(Buffer.from(await store.readAll(blob.sha256)).equals(data)).toBe(true);
      expect(await store.verify(blob.sha256)).toEqual({ ok: true, actual: blob.sha256 });
    },
  );

  it('seals the same bytes differently each time (random salt and nonces)', async () => {
    const data = pattern(1000);
    const a = await store.put(data);
    const first = fs.readFileSync(store.pathFor(a.sha256));
    const other = createAttachmentStore(path.join(tmp, 'other'), { key });
    await other.put(data);
    expect(fs.readFileSync(other.pathFor(a.sha256)).equals(first)).toBe(false);
  });

  it('hands out a large file one segment at a time, never whole', async () => {
    const data = pattern(5 * SEGMENT_BYTES + 3);
    const blob = await store.put(chunked(data, 1 << 20));
    const sizes: number[] = [];
    for await (const chunk of store.read(blob.sha256)) sizes.push(chunk.byteLength);
    expect(sizes).toEqual([SEGMENT_BYTES, SEGMENT_BYTES, SEGMENT_BYTES, SEGMENT_BYTES, SEGMENT_BYTES, 3]);
  });

  it('detects a changed byte, naming the segment', async () => {
    const blob = await store.put(pattern(3 * SEGMENT_BYTES));
    rewrite(blob.sha256, (b) => {
      b[HEADER_BYTES + SEALED + 100] = (b[HEADER_BYTES + SEALED + 100] as number) ^ 1;
      return b;
    });
    expect(await store.verify(blob.sha256)).toEqual({ ok: false, problem: 'the stored file was altered (segment 2 of 3 does not authenticate)' });
    expect((await readFails(blob.sha256)).message).toMatch(/segment 2 of 3 does not authenticate/);
  });

  it('detects a file cut short at a segment boundary, inside a segment, and down to its header', async () => {
    const data = pattern(3 * SEGMENT_BYTES + 10);
    const blob = await store.put(data);
    const whole = fs.readFileSync(store.pathFor(blob.sha256));
    for (const length of [HEADER_BYTES + 3 * SEALED, HEADER_BYTES + 2 * SEALED, HEADER_BYTES + SEALED + 5_000, HEADER_BYTES + 4, HEADER_BYTES]) {
      rewrite(blob.sha256, () => whole.subarray(0, length));
      const v = await store.verify(blob.sha256);
      expect(v.ok, `cut to ${length} bytes`).toBe(false);
      expect(v.problem).toMatch(/cut short|does not authenticate/);
      await readFails(blob.sha256);
    }
  });

  it('detects segments reordered, duplicated, or taken from another file sealed with the same key', async () => {
    const blob = await store.put(pattern(3 * SEGMENT_BYTES));
    const whole = fs.readFileSync(store.pathFor(blob.sha256));
    const seg = (i: number) => whole.subarray(HEADER_BYTES + i * SEALED, HEADER_BYTES + (i + 1) * SEALED);
    const header = whole.subarray(0, HEADER_BYTES);

    rewrite(blob.sha256, () => Buffer.concat([header, seg(1), seg(0), seg(2)]));
    expect((await store.verify(blob.sha256)).problem).toMatch(/segment 1 of 3 does not authenticate/);
    rewrite(blob.sha256, () => Buffer.concat([header, seg(0), seg(0), seg(2)]));
    expect((await store.verify(blob.sha256)).problem).toMatch(/segment 2 of 3 does not authenticate/);

    // Another file of the desk, same key, same position: its own key and nonce prefix differ.
    const other = await store.put(pattern(3 * SEGMENT_BYTES, 2));
    const foreign = fs.readFileSync(store.pathFor(other.sha256));
    rewrite(blob.sha256, () => Buffer.concat([header, foreign.subarray(HEADER_BYTES, HEADER_BYTES + SEALED), seg(1), seg(2)]));
    expect((await store.verify(blob.sha256)).problem).toMatch(/segment 1 of 3 does not authenticate/);
  });

  it('refuses another sealed file of the desk put in its place: the plaintext hash no longer matches', async () => {
    const a = await store.put(pattern(2000, 1));
    const b = await store.put(pattern(2000, 2));
    rewrite(a.sha256, () => fs.readFileSync(store.pathFor(b.sha256)));
    expect(await store.verify(a.sha256)).toEqual({ ok: false, actual: b.sha256, problem: `the stored file was modified on disk (its bytes now hash to ${b.sha256})` });
    expect((await readFails(a.sha256)).message).toMatch(/was modified on disk/);
  });

  it('refuses a plain file dropped into an encrypted store, and a file sealed with another key', async () => {
    const data = pattern(500);
    const blob = await store.put(data);
    rewrite(blob.sha256, () => data);
    expect((await store.verify(blob.sha256)).problem).toBe('the stored file is not an encrypted Casefile attachment');

    const stranger = createAttachmentStore(path.join(tmp, 'stranger'), { key: randomBytes(32) });
    await stranger.put(data);
    rewrite(blob.sha256, () => fs.readFileSync(stranger.pathFor(blob.sha256)));
    expect((await store.verify(blob.sha256)).problem).toMatch(/segment 1 of 1 does not authenticate/);
  });

  it('copies out the verified plaintext read-only, and leaves nothing behind when the stored file was altered', async () => {
    const data = pattern(2 * SEGMENT_BYTES + 1);
    const blob = await store.put(data);
    const dest = path.join(tmp, 'copy.bin');
    await store.copyTo(blob.sha256, dest);
    expect(fs.readFileSync(dest).equals(data)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(dest).mode & 0o777).toBe(0o400);

    rewrite(blob.sha256, (b) => b.subarray(0, b.length - 1));
    const again = path.join(tmp, 'again.bin');
    await expect(store.copyTo(blob.sha256, again)).rejects.toBeInstanceOf(AttachmentIntegrityError);
    expect(fs.existsSync(again)).toBe(false);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createAttachmentStore(tmp, { key: randomBytes(16) })).toThrow(/32 bytes/);
  });
});
