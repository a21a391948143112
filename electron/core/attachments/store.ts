// Content-addressed attachment store.
//
// An attachment is a file kept as evidence. It is stored under the SHA-256 of
// its raw bytes at <root>/<first two hex chars>/<full hash> and never modified.
// The hash is computed on the raw bytes as they arrive, before anything else
// (sniffing, writing) touches them. Original file names are metadata only and
// are never used to build a path inside the store.
//
// With a key (an encrypted desk) the bytes are sealed on the way to disk (cipher.ts) after they
// were hashed, and every read opens them segment by segment and checks the hash again at the end.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { makePrivateDir, makePrivateFile, PRIVATE_DIR_MODE } from '../privateFiles';
import { SNIFF_BYTES, sniffMediaType } from './sniff';
import { AttachmentCipherError, SegmentSealer, openSealed } from './cipher';

export interface StoredBlob {
  sha256: string;
  size: number;
  mediaType: string;
}

/**
 * Called after each chunk is hashed, with the bytes done and the total (0 when unknown). It
 * may throw to stop (a cancelled job): nothing is stored then.
 */
export type OnBytes = (done: number, total: number) => void;

export interface AttachmentStore {
  /** <dataDir>/attachments */
  readonly root: string;
  /** Store content. A string is the path of a file to read. */
  put(input: string | Uint8Array | AsyncIterable<Uint8Array>, onBytes?: OnBytes): Promise<StoredBlob>;
  /** <root>/ab/abcdef…; throws unless `sha256` is 64 lowercase hex chars. */
  pathFor(sha256: string): string;
  has(sha256: string): boolean;
  /** True when stored files are encrypted. */
  readonly encrypted: boolean;
  /**
   * Re-hash the stored content. `actual` is the hash of what is there (absent if the file is
   * missing or does not decrypt); `problem` says what is wrong in words when it is not ok.
   * `onBytes` follows it (content bytes done, and the stored file's size).
   */
  /** Hashes the stored file; a signal stops it between chunks (a cancelled check of a large video answers at once). */
  verify(sha256: string, onBytes?: OnBytes, signal?: AbortSignal): Promise<{ ok: boolean; actual?: string; problem?: string }>;
  /**
   * The content, in chunks. Throws AttachmentIntegrityError once the bytes prove not to be the
   * ones stored under `sha256` (a segment that does not decrypt, or a final hash that differs):
   * what was read so far is not evidence until the iteration ends without throwing.
   */
  read(sha256: string): AsyncGenerator<Uint8Array>;
  /** The whole content, verified, refused above `maxBytes`. */
  readAll(sha256: string, maxBytes?: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Write the verified content to a new file `dest` (mode 0400); nothing is left there on failure. */
  copyTo(sha256: string, dest: string): Promise<void>;
  /** Delete a stored file (for purge). Missing files are ignored. */
  remove(sha256: string): void;
  /** Every stored hash, sorted. */
  list(): string[];
  /**
   * Makes the store private: folders 0700, stored files 0400. Cheap when it already is (the
   * root's mode says so); a store an earlier Casefile made world-readable is fixed file by file.
   */
  restrictModes(): void;
}

export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

const HASH_RE = /^[0-9a-f]{64}$/;
const CHUNK = 1024 * 1024;
const SHARD_RE = /^[0-9a-f]{2}$/;
const TMP_DIR = 'tmp';
// Read-only and the user's alone: evidence is never modified, and no other local user reads it.
const STORED_MODE = 0o400;

/** The path names a folder, a device or a socket: only regular files are evidence. */
export class NotAFileError extends Error {
  constructor(readonly filePath: string) {
    super(`${filePath} is not a regular file (a folder or a device cannot be attached)`);
    this.name = 'NotAFileError';
  }
}

export class AttachmentTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`Attachment is larger than the ${formatBytes(limit)} limit.`);
    this.name = 'AttachmentTooLargeError';
    this.limit = limit;
  }
}

/** The stored content is not what was stored under its hash. */
export class AttachmentIntegrityError extends Error {
  constructor(readonly sha256: string, readonly problem: string) {
    super(`The stored file ${sha256.slice(0, 12)}… ${problem}.`);
    this.name = 'AttachmentIntegrityError';
  }
}

export class InvalidHashError extends Error {
  constructor(value: unknown) {
    super(`Not a SHA-256 hash (64 lowercase hex characters): ${JSON.stringify(String(value)).slice(0, 80)}`);
    this.name = 'InvalidHashError';
  }
}

/** 1024 -> "1 KiB", 2 GiB -> "2 GiB", 1536 -> "1.5 KiB", 1000 -> "1000 bytes". */
export function formatBytes(n: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (n < 1024) return n === 1 ? '1 byte' : `${n} bytes`;
  let value = n;
  let unit = 'bytes';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${unit}`;
}

/** Where the store keeps the file with this hash (it may not be there); throws on anything but a SHA-256. */
export function storedPath(root: string, sha256: string): string {
  if (typeof sha256 !== 'string' || !HASH_RE.test(sha256)) throw new InvalidHashError(sha256);
  return path.join(path.resolve(root), sha256.slice(0, 2), sha256);
}

export interface StoreOptions {
  /** Largest content accepted, in bytes. */
  maxBytes?: number;
  /** 32 bytes: seal stored files with this key (derived from the desk key). */
  key?: Buffer | null;
}

export function createAttachmentStore(root: string, opts: StoreOptions = {}): AttachmentStore {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const key = opts.key ?? null;
  if (key !== null && key.length !== 32) throw new RangeError('The attachment key must be 32 bytes');
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`maxBytes must be a non-negative integer, got ${String(maxBytes)}`);
  }
  const storeRoot = path.resolve(root);
  const tmpDir = path.join(storeRoot, TMP_DIR);

  const pathFor = (sha256: string): string => storedPath(storeRoot, sha256);

  async function put(input: string | Uint8Array | AsyncIterable<Uint8Array>, onBytes?: OnBytes): Promise<StoredBlob> {
    if (typeof input === 'string') {
      // Open the source before touching the store so a bad path fails cleanly.
      const src = await fsp.open(input, 'r');
      try {
        const st = await src.stat();
        if (!st.isFile()) throw new NotAFileError(input);
        // Refuse early when the size is already known to be too large; the
        // streaming count below still enforces the limit if the file grows.
        if (st.size > maxBytes) throw new AttachmentTooLargeError(maxBytes);
        return await ingest(src.createReadStream({ autoClose: false, highWaterMark: CHUNK }), st.size, onBytes);
      } finally {
        await src.close();
      }
    }
    if (input instanceof Uint8Array) {
      if (input.byteLength > maxBytes) throw new AttachmentTooLargeError(maxBytes);
      return ingest(chunks(input), input.byteLength, onBytes);
    }
    if (input && typeof (input as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
      return ingest(input, 0, onBytes);
    }
    throw new TypeError('put() takes a file path, a Uint8Array or an AsyncIterable<Uint8Array>');
  }

  async function ingest(source: AsyncIterable<Uint8Array>, total: number, onBytes?: OnBytes): Promise<StoredBlob> {
    if (!(await exists(tmpDir))) makePrivateDir(tmpDir);
    const tmpPath = path.join(tmpDir, `${randomBytes(16).toString('hex')}.part`);
    const hash = createHash('sha256');
    const head = new Uint8Array(SNIFF_BYTES);
    let headLen = 0;
    let size = 0;
    let keepTmp = false;
    const sealer = key ? new SegmentSealer(key) : null;

    const out = await fsp.open(tmpPath, 'wx', 0o600);
    try {
      try {
        for await (const chunk of source) {
          if (!(chunk instanceof Uint8Array)) {
            throw new TypeError('Attachment stream yielded something other than a Uint8Array');
          }
          size += chunk.byteLength;
          // Leaving the loop calls the iterator's return(): the producer stops here.
          if (size > maxBytes) throw new AttachmentTooLargeError(maxBytes);
          // Hash the raw bytes first, before anything else looks at them.
          hash.update(chunk);
          if (headLen < SNIFF_BYTES) {
            const take = Math.min(SNIFF_BYTES - headLen, chunk.byteLength);
            head.set(chunk.subarray(0, take), headLen);
            headLen += take;
          }
          if (sealer) for (const sealed of sealer.push(chunk)) await writeAll(out, sealed);
          else await writeAll(out, chunk);
          onBytes?.(size, Math.max(total, size));
        }
        if (sealer) for (const sealed of sealer.finish()) await writeAll(out, sealed);
        await out.chmod(STORED_MODE);
        await out.sync();
      } finally {
        await out.close();
      }

      const sha256 = hash.digest('hex');
      const mediaType = await sniffMediaType(head.subarray(0, headLen), size > headLen);
      const blob: StoredBlob = { sha256, size, mediaType };
      const finalPath = pathFor(sha256);
      const shardDir = path.dirname(finalPath);

      if (await isFile(finalPath)) return blob; // same bytes already stored: dedupe

      const createdShard = !(await exists(shardDir));
      if (createdShard) makePrivateDir(shardDir);
      if (createdShard) await fsyncDir(storeRoot);
      try {
        await fsp.rename(tmpPath, finalPath);
        keepTmp = true; // it has become the stored file
      } catch (err) {
        // A concurrent put of the same content may have won the race (on
        // Windows a rename onto an existing read-only file fails).
        if (await isFile(finalPath)) return blob;
        throw err;
      }
      await fsyncDir(shardDir);
      return blob;
    } finally {
      if (!keepTmp) await fsp.rm(tmpPath, { force: true }).catch(() => undefined);
    }
  }

  function has(sha256: string): boolean {
    try {
      return fs.statSync(pathFor(sha256)).isFile();
    } catch (err) {
      if (err instanceof InvalidHashError) throw err;
      return false;
    }
  }

  /** Plaintext chunks of the stored file as they are on disk (decrypted and authenticated when sealed). */
  async function* rawContent(fh: FileHandle): AsyncGenerator<Uint8Array> {
    if (key) yield* openSealed(key, fh);
    else yield* fh.createReadStream({ autoClose: false, highWaterMark: CHUNK }) as AsyncIterable<Buffer>;
  }

  async function verify(sha256: string, onBytes?: OnBytes, signal?: AbortSignal): Promise<{ ok: boolean; actual?: string; problem?: string }> {
    const file = pathFor(sha256);
    let fh: FileHandle;
    try {
      fh = await fsp.open(file, 'r');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return { ok: false, problem: 'the stored file is missing' };
      throw err;
    }
    try {
      const hash = createHash('sha256');
      const total = onBytes ? (await fh.stat()).size : 0;
      let done = 0;
      for await (const chunk of rawContent(fh)) {
        signal?.throwIfAborted();
        hash.update(chunk);
        done += chunk.byteLength;
        onBytes?.(done, total);
      }
      const actual = hash.digest('hex');
      return actual === sha256 ? { ok: true, actual } : { ok: false, actual, problem: `the stored file was modified on disk (its bytes now hash to ${actual})` };
    } catch (err) {
      if (err instanceof AttachmentCipherError) return { ok: false, problem: err.message };
      throw err;
    } finally {
      await fh.close();
    }
  }

  async function* read(sha256: string): AsyncGenerator<Uint8Array> {
    const fh = await fsp.open(pathFor(sha256), 'r');
    try {
      const hash = createHash('sha256');
      try {
        for await (const chunk of rawContent(fh)) {
          hash.update(chunk);
          yield chunk;
        }
      } catch (err) {
        if (err instanceof AttachmentCipherError) throw new AttachmentIntegrityError(sha256, err.message.replace(/^the stored file /, ''));
        throw err;
      }
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new AttachmentIntegrityError(sha256, `was modified on disk (its bytes now hash to ${actual})`);
    } finally {
      await fh.close();
    }
  }

  async function readAll(sha256: string, limit = maxBytes): Promise<Uint8Array<ArrayBuffer>> {
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of read(sha256)) {
      size += chunk.byteLength;
      if (size > limit) throw new AttachmentTooLargeError(limit);
      parts.push(chunk);
    }
    const whole = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      whole.set(part, at);
      at += part.byteLength;
    }
    return whole;
  }

  async function copyTo(sha256: string, dest: string): Promise<void> {
    const out = await fsp.open(dest, 'wx', 0o600);
    let done = false;
    try {
      for await (const chunk of read(sha256)) await writeAll(out, chunk);
      await out.chmod(0o400);
      await out.sync();
      done = true;
    } finally {
      await out.close();
      if (!done) await fsp.rm(dest, { force: true }).catch(() => undefined);
    }
  }

  function remove(sha256: string): void {
    const file = pathFor(sha256);
    try {
      // Stored files are read-only; Windows refuses to unlink those.
      if (process.platform === 'win32') fs.chmodSync(file, 0o644);
      fs.unlinkSync(file);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return;
      throw err;
    }
    try {
      fs.rmdirSync(path.dirname(file)); // only succeeds when the shard is now empty
    } catch {
      // not empty, or already gone
    }
  }

  function list(): string[] {
    let shards: fs.Dirent[];
    try {
      shards = fs.readdirSync(storeRoot, { withFileTypes: true });
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return [];
      throw err;
    }
    const hashes: string[] = [];
    for (const shard of shards) {
      if (!shard.isDirectory() || !SHARD_RE.test(shard.name)) continue;
      for (const entry of fs.readdirSync(path.join(storeRoot, shard.name), { withFileTypes: true })) {
        if (entry.isFile() && HASH_RE.test(entry.name) && entry.name.startsWith(shard.name)) {
          hashes.push(entry.name);
        }
      }
    }
    return hashes.sort();
  }

  function restrictModes(): void {
    if (process.platform === 'win32') return;
    let st: fs.Stats;
    try {
      st = fs.statSync(storeRoot);
    } catch {
      return;
    }
    if ((st.mode & 0o777) === PRIVATE_DIR_MODE) return;
    for (const shard of fs.readdirSync(storeRoot, { withFileTypes: true })) {
      if (!shard.isDirectory()) continue;
      const dir = path.join(storeRoot, shard.name);
      makePrivateDir(dir);
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isFile()) makePrivateFile(path.join(dir, entry.name), { mode: shard.name === TMP_DIR ? 0o600 : STORED_MODE });
      }
    }
    // The root last: its mode is what says the whole store was made private.
    makePrivateDir(storeRoot);
  }

  return { root: storeRoot, encrypted: key !== null, put, pathFor, has, verify, read, readAll, copyTo, remove, list, restrictModes };
}

/** Bytes already in memory, a chunk at a time, so a large one reports progress and can be stopped. */
async function* chunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
  if (bytes.byteLength === 0) yield bytes;
}

async function writeAll(fh: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await fh.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fsp.lstat(p)).isFile();
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** Make a rename or create inside `dir` durable. Not supported on Windows: best effort. */
async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on platforms that cannot fsync a directory
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}
