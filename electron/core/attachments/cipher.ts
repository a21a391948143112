// Attachments encrypted at rest: a streaming AEAD after Tink's AES-GCM-HKDF streaming scheme.
//
// A stored file is a header followed by segments. Each file gets its own key, derived with
// HKDF-SHA256 from the desk's attachment key and a random salt in the header, so a segment
// moved from one file into another does not authenticate. Segment i is sealed with AES-256-GCM
// under the nonce  prefix(7) || i (uint32 BE) || last (1 byte),  with the whole header as
// associated data: reordering, dropping or duplicating a segment changes its index, and cutting
// the file short leaves a final segment that was not sealed as the last one. Every segment but
// the last holds exactly SEGMENT_BYTES of plaintext; the last holds 0..SEGMENT_BYTES (an empty
// file is one empty last segment), so nothing ever holds more than a segment in memory.
//
// Authenticity of a segment says only that the desk wrote it; the content address (the SHA-256
// of the plaintext, which the store checks after decrypting) says which file it is.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const MAGIC = Buffer.from('CFA\u0001', 'latin1'); // Casefile attachment, format 1
const SEGMENT_LOG2 = 16;
export const SEGMENT_BYTES = 1 << SEGMENT_LOG2; // 64 KiB of plaintext per segment
const SALT_BYTES = 32;
const PREFIX_BYTES = 7;
const TAG_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES + PREFIX_BYTES;
const SEALED_SEGMENT = SEGMENT_BYTES + TAG_BYTES;
const KEY_INFO = Buffer.from('casefile attachment segment key v1');
const MAX_SEGMENTS = 2 ** 32;

/** The stored bytes are not what this desk sealed: altered, cut short, reordered or not encrypted at all. */
export class AttachmentCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentCipherError';
  }
}

function fileKey(key: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, salt, KEY_INFO, 32));
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new TypeError('The attachment key must be 32 bytes');
}

/**
 * Seals plaintext pushed in chunks of any size. `push` returns the sealed bytes ready to write
 * (the header first); `finish` seals the last segment. The last full segment is held back until
 * more arrives or the stream ends, because only then is it known to be the last.
 */
export class SegmentSealer {
  private readonly key: Buffer;
  private readonly prefix: Buffer;
  private readonly header: Buffer;
  private pending = Buffer.alloc(SEGMENT_BYTES);
  private pendingLen = 0;
  private index = 0;
  private started = false;
  private finished = false;

  constructor(attachmentKey: Buffer) {
    checkKey(attachmentKey);
    const salt = randomBytes(SALT_BYTES);
    this.prefix = randomBytes(PREFIX_BYTES);
    this.header = Buffer.concat([MAGIC, Buffer.from([SEGMENT_LOG2]), salt, this.prefix]);
    this.key = fileKey(attachmentKey, salt);
  }

  push(chunk: Uint8Array): Buffer[] {
    if (this.finished) throw new Error('SegmentSealer: push after finish');
    const out: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      out.push(this.header);
    }
    let offset = 0;
    while (offset < chunk.byteLength) {
      if (this.pendingLen === SEGMENT_BYTES) {
        // More plaintext follows, so the held segment is not the last.
        out.push(this.seal(this.pending, false));
        this.pendingLen = 0;
      }
      const take = Math.min(SEGMENT_BYTES - this.pendingLen, chunk.byteLength - offset);
      this.pending.set(chunk.subarray(offset, offset + take), this.pendingLen);
      this.pendingLen += take;
      offset += take;
    }
    return out;
  }

  finish(): Buffer[] {
    if (this.finished) throw new Error('SegmentSealer: finish twice');
    const out = this.started ? [] : [this.header];
    this.started = true;
    this.finished = true;
    out.push(this.seal(this.pending.subarray(0, this.pendingLen), true));
    return out;
  }

  private seal(plain: Buffer, last: boolean): Buffer {
    if (this.index >= MAX_SEGMENTS) throw new Error('Attachment too large for one encrypted file');
    const c = createCipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.index, last));
    c.setAAD(this.header);
    const sealed = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    this.index += 1;
    return sealed;
  }
}

/** Seals a whole stream: the sealed bytes, in order. */
export async function* sealStream(attachmentKey: Buffer, source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const sealer = new SegmentSealer(attachmentKey);
  for await (const chunk of source) yield* sealer.push(chunk);
  yield* sealer.finish();
}

/**
 * The plaintext of a sealed file, one verified segment at a time: a segment is handed out only
 * after its tag checked, and a file that ends early, or was reordered, fails at the segment
 * where that shows. A consumer must still treat what it got as unverified until the iteration
 * ends without throwing.
 */
export async function* openSealed(attachmentKey: Buffer, fh: FileHandle): AsyncGenerator<Buffer> {
  checkKey(attachmentKey);
  const size = (await fh.stat()).size;
  const header = Buffer.alloc(HEADER_BYTES);
  const { bytesRead } = await fh.read(header, 0, HEADER_BYTES, 0);
  if (bytesRead < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new AttachmentCipherError('the stored file is not an encrypted Casefile attachment');
  }
  if (header[MAGIC.length] !== SEGMENT_LOG2) throw new AttachmentCipherError('the stored file has an unknown segment size');
  const salt = header.subarray(MAGIC.length + 1, MAGIC.length + 1 + SALT_BYTES);
  const prefix = header.subarray(MAGIC.length + 1 + SALT_BYTES);
  const key = fileKey(attachmentKey, salt);

  const body = size - HEADER_BYTES;
  // At least one (possibly empty) final segment; a body that cannot hold a tag was cut short.
  const count = Math.max(1, Math.ceil(body / SEALED_SEGMENT));
  const lastLen = body - (count - 1) * SEALED_SEGMENT;
  if (lastLen < TAG_BYTES) throw new AttachmentCipherError('the stored file was cut short (its last segment is incomplete)');

  const buf = Buffer.alloc(SEALED_SEGMENT);
  for (let i = 0; i < count; i += 1) {
    const last = i === count - 1;
    const len = last ? lastLen : SEALED_SEGMENT;
    const position = HEADER_BYTES + i * SEALED_SEGMENT;
    let got = 0;
    while (got < len) {
      const r = await fh.read(buf, got, len - got, position + got);
      if (r.bytesRead === 0) throw new AttachmentCipherError('the stored file changed while it was read');
      got += r.bytesRead;
    }
    const d = createDecipheriv('aes-256-gcm', key, nonce(prefix, i, last));
    d.setAAD(header);
    d.setAuthTag(buf.subarray(len - TAG_BYTES, len));
    const plain = d.update(buf.subarray(0, len - TAG_BYTES));
    try {
      d.final();
    } catch {
      throw new AttachmentCipherError(
        last && i > 0
          ? `the stored file was altered or cut short (segment ${i + 1} of ${count} does not authenticate)`
          : `the stored file was altered (segment ${i + 1} of ${count} does not authenticate)`,
      );
    }
    yield Buffer.from(plain);
  }
}

/** The size a file of `plainBytes` takes once sealed. */
export function sealedSize(plainBytes: number): number {
  const segments = Math.max(1, Math.ceil(plainBytes / SEGMENT_BYTES));
  return HEADER_BYTES + plainBytes + segments * TAG_BYTES;
}
