import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AttachmentTooLargeError,
  createAttachmentStore,
  DEFAULT_MAX_BYTES,
  formatBytes,
} from '../../electron/core/attachments/store';
import type { AttachmentStore } from '../../electron/core/attachments/store';
import { sniffMediaType } from '../../electron/core/attachments/sniff';

const KiB = 1024;
const isWindows = process.platform === 'win32';

// A real 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const HTML = Buffer.from('<!DOCTYPE HTML>\n<HTML><head><title>t</title></head><body>hi</body></HTML>\n', 'utf8');
const TEXT = Buffer.from('Statement transcript, 2024-05-01.\nÜbersetzung folgt — “quoted”.\n', 'utf8');

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every regular file under `dir`, as paths relative to it, sorted. */
function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

function bytes(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  return b;
}

async function* chunked(data: Uint8Array, chunkSize: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += chunkSize) yield data.subarray(i, i + chunkSize);
}

let tmp: string;
let root: string;
let store: AttachmentStore;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-attachments-'));
  root = path.join(tmp, 'data', 'attachments');
  store = createAttachmentStore(root);
});

afterEach(() => {
  // Stored files are read-only; make them writable so Windows can delete them.
  for (const rel of walk(tmp)) fs.chmodSync(path.join(tmp, rel), 0o644);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('put', () => {
  it('stores bytes at <root>/ab/<sha256 of the bytes>', async () => {
    const data = bytes(5000);
    const blob = await store.put(data);

    const expected = sha256(data);
    expect(blob.sha256).toBe(expected);
    expect(blob.size).toBe(5000);
    expect(store.root).toBe(path.resolve(root));
    expect(store.pathFor(expected)).toBe(path.join(path.resolve(root), expected.slice(0, 2), expected));
    expect(walk(root)).toEqual([path.join(expected.slice(0, 2), expected)]);
    expect(fs.readFileSync(store.pathFor(expected)).equals(data)).toBe(true);
    expect(store.has(expected)).toBe(true);
  });

  it.skipIf(isWindows)('makes stored files read-only and the folders private, whatever the umask', async () => {
    const old = process.umask(0);
    let blob;
    try {
      blob = await store.put(bytes(100));
    } finally {
      process.umask(old);
    }
    const file = store.pathFor(blob.sha256);
    expect(fs.statSync(file).mode & 0o777).toBe(0o400);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(store.root, 'tmp')).mode & 0o777).toBe(0o700);
  });

  it.skipIf(isWindows)('makes a store an earlier version left readable by others private', async () => {
    const blob = await store.put(bytes(100, 2));
    const file = store.pathFor(blob.sha256);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(path.dirname(file), 0o755);
    fs.chmodSync(store.root, 0o755);
    store.restrictModes();
    expect(fs.statSync(file).mode & 0o777).toBe(0o400);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(store.root).mode & 0o777).toBe(0o700);
    expect(await store.verify(blob.sha256)).toEqual({ ok: true, actual: blob.sha256 });
  });

  it('gives the same hash for a file path, a buffer and a stream of the same bytes', async () => {
    const data = bytes(300 * KiB, 3);
    const src = path.join(tmp, 'source.bin');
    fs.writeFileSync(src, data);

    const fromPath = await store.put(src);
    const fromBuffer = await store.put(new Uint8Array(data));
    const fromStream = await store.put(chunked(data, 7777));

    expect(fromPath).toEqual({ sha256: sha256(data), size: data.length, mediaType: 'application/octet-stream' });
    expect(fromBuffer).toEqual(fromPath);
    expect(fromStream).toEqual(fromPath);
  });

  it('stores identical content once', async () => {
    const data = Buffer.from('the same evidence, twice');
    const a = await store.put(data);
    const before = fs.statSync(store.pathFor(a.sha256));
    const b = await store.put(chunked(data, 3));
    const after = fs.statSync(store.pathFor(a.sha256));

    // The stored file was left alone, not replaced by the second copy.
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);

    expect(b.sha256).toBe(a.sha256);
    expect(walk(root)).toEqual([path.join(a.sha256.slice(0, 2), a.sha256)]);
    expect(store.list()).toEqual([a.sha256]);
  });

  it('stores identical content once when two puts race', async () => {
    const data = bytes(200 * KiB, 9);
    const results = await Promise.all([store.put(chunked(data, 4096)), store.put(chunked(data, 1000)), store.put(data)]);

    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha256(data)]));
    expect(walk(root)).toEqual([path.join(sha256(data).slice(0, 2), sha256(data))]);
  });

  it('stores an empty attachment', async () => {
    const blob = await store.put(new Uint8Array(0));
    expect(blob).toEqual({ sha256: sha256(new Uint8Array(0)), size: 0, mediaType: 'application/octet-stream' });
    expect(fs.statSync(store.pathFor(blob.sha256)).size).toBe(0);
  });

  it('never uses the source file name: a path through ../../x is stored under the hash only', async () => {
    const deep = path.join(tmp, 'inbox', 'case-7');
    fs.mkdirSync(deep, { recursive: true });
    const data = Buffer.from('content of a file reached as ../../x');
    fs.writeFileSync(path.join(tmp, 'x'), data);
    const before = walk(tmp);

    const blob = await store.put(`${deep}/../../x`);

    const stored = path.join(path.relative(tmp, root), blob.sha256.slice(0, 2), blob.sha256);
    expect(blob.sha256).toBe(sha256(data));
    // The only new file anywhere under the temp dir is the stored blob.
    expect(walk(tmp)).toEqual([...before, stored].sort());
    expect(walk(root).every((rel) => !rel.includes('x'))).toBe(true);
  });

  it('rejects input that is not a path, bytes or an async iterable', async () => {
    await expect(store.put(42 as unknown as Uint8Array)).rejects.toThrow(TypeError);
  });

  it('fails on a missing source file and leaves nothing behind', async () => {
    await expect(store.put(path.join(tmp, 'does-not-exist'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(walk(root)).toEqual([]);
  });

  it('cleans up the temp file when the source stream fails midway', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield bytes(1000);
      throw new Error('source went away');
    }
    await expect(store.put(broken())).rejects.toThrow('source went away');
    expect(walk(root)).toEqual([]);
  });

  it('rejects a stream that yields something other than bytes', async () => {
    async function* bad(): AsyncGenerator<Uint8Array> {
      yield 'text' as unknown as Uint8Array;
    }
    await expect(store.put(bad())).rejects.toThrow(TypeError);
    expect(walk(root)).toEqual([]);
  });
});

describe('size limit', () => {
  it('refuses a 2 KiB stream with a 1 KiB limit and leaves no temp or final file', async () => {
    const small = createAttachmentStore(root, { maxBytes: KiB });
    const err = await small.put(chunked(bytes(2 * KiB), 100)).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(AttachmentTooLargeError);
    expect((err as AttachmentTooLargeError).limit).toBe(KiB);
    expect((err as Error).message).toContain('1 KiB');
    expect(walk(root)).toEqual([]);
    expect(small.list()).toEqual([]);
  });

  it('refuses an oversized buffer and an oversized file path', async () => {
    const small = createAttachmentStore(root, { maxBytes: KiB });
    const src = path.join(tmp, 'big.bin');
    fs.writeFileSync(src, bytes(2 * KiB));

    await expect(small.put(bytes(2 * KiB))).rejects.toBeInstanceOf(AttachmentTooLargeError);
    await expect(small.put(src)).rejects.toBeInstanceOf(AttachmentTooLargeError);
    expect(walk(root)).toEqual([]);
  });

  it('accepts content exactly at the limit', async () => {
    const small = createAttachmentStore(root, { maxBytes: KiB });
    const data = bytes(KiB);
    const blob = await small.put(chunked(data, 100));
    expect(blob.size).toBe(KiB);
    expect(small.has(sha256(data))).toBe(true);
  });

  it('stops pulling from the stream as soon as the limit is passed', async () => {
    const small = createAttachmentStore(root, { maxBytes: KiB });
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < 4096; i++) {
          pulled++;
          yield bytes(256, i); // 1 MiB in total if read to the end
        }
      } finally {
        closed = true;
      }
    }

    await expect(small.put(endless())).rejects.toBeInstanceOf(AttachmentTooLargeError);
    // 4 chunks = 1024 bytes (at the limit), the 5th passes it.
    expect(pulled).toBe(5);
    expect(closed).toBe(true);
    expect(walk(root)).toEqual([]);
  });

  it('defaults to 2 GiB and names limits in human units', () => {
    expect(DEFAULT_MAX_BYTES).toBe(2 * 1024 ** 3);
    expect(new AttachmentTooLargeError(DEFAULT_MAX_BYTES).message).toContain('2 GiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(500)).toBe('500 bytes');
    expect(formatBytes(10 * 1024 ** 2)).toBe('10 MiB');
  });

  it('rejects a nonsensical maxBytes', () => {
    expect(() => createAttachmentStore(root, { maxBytes: -1 })).toThrow(RangeError);
    expect(() => createAttachmentStore(root, { maxBytes: Number.NaN })).toThrow(RangeError);
  });
});

describe('media type sniffing', () => {
  it.each([
    ['a PNG named report.pdf', 'report.pdf', PNG, 'image/png'],
    ['a PDF named photo.png', 'photo.png', PDF, 'application/pdf'],
    ['HTML named notes.txt', 'notes.txt', HTML, 'text/html'],
    ['plain text named image.jpg', 'image.jpg', TEXT, 'text/plain'],
    ['binary named page.html', 'page.html', Buffer.from([0, 1, 2, 3, 0xfe, 0xff, 0, 0x80]), 'application/octet-stream'],
  ])('sniffs %s from its bytes', async (_label, name, data, mediaType) => {
    const src = path.join(tmp, name);
    fs.writeFileSync(src, data);
    const blob = await store.put(src);
    expect(blob.mediaType).toBe(mediaType);
    expect(blob.sha256).toBe(sha256(data));
  });

  it('recognises JPEG and GIF magic numbers', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), bytes(200)]);
    const gif = Buffer.concat([Buffer.from('GIF89a'), bytes(50)]);
    expect(await sniffMediaType(jpeg)).toBe('image/jpeg');
    expect(await sniffMediaType(gif)).toBe('image/gif');
  });

  it('finds HTML by <html as well as by doctype', async () => {
    expect(await sniffMediaType(Buffer.from('  <Html lang="de"><body>x</body></Html>'))).toBe('text/html');
    expect(await sniffMediaType(Buffer.from('just text mentioning html'))).toBe('text/plain');
  });

  it('treats invalid UTF-8 and NUL-filled data as binary', async () => {
    expect(await sniffMediaType(Buffer.from([0x68, 0x69, 0xc3, 0x28]))).toBe('application/octet-stream');
    expect(await sniffMediaType(Buffer.alloc(64))).toBe('application/octet-stream');
  });

  it('still calls long UTF-8 text text when the sniff window cuts a character in half', async () => {
    // 'ä' is two bytes; 'a' + 'ä'*N puts a character boundary off the 64 KiB mark.
    const text = Buffer.from('a' + 'ä'.repeat(40 * KiB), 'utf8');
    const blob = await store.put(chunked(text, 1000));
    expect(blob.mediaType).toBe('text/plain');
  });
});

describe('pathFor', () => {
  it.each([
    '../etc',
    '',
    'ab',
    'A'.repeat(64),
    'g'.repeat(64),
    'a'.repeat(63),
    'a'.repeat(65),
    `${'a'.repeat(62)}/..`,
    `../${'a'.repeat(61)}`,
  ])('rejects %j', (value) => {
    expect(() => store.pathFor(value)).toThrow();
  });

  it('rejects invalid hashes in has, verify and remove too', async () => {
    expect(() => store.has('../etc')).toThrow();
    expect(() => store.remove('../etc')).toThrow();
    await expect(store.verify('../etc')).rejects.toThrow();
  });
});

describe('verify, remove, list', () => {
  it('accepts an intact file and detects changed bytes', async () => {
    const data = Buffer.from('original statement');
    const blob = await store.put(data);
    expect(await store.verify(blob.sha256)).toEqual({ ok: true, actual: blob.sha256 });

    const file = store.pathFor(blob.sha256);
    fs.chmodSync(file, 0o644);
    const tampered = Buffer.from('original statemenT');
    fs.writeFileSync(file, tampered);

    expect(await store.verify(blob.sha256)).toEqual({
      ok: false, actual: sha256(tampered), problem: `the stored file was modified on disk (its bytes now hash to ${sha256(tampered)})`,
    });
  });

  it('stops hashing a large file as soon as it is cancelled, between chunks', async () => {
    const blob = await store.put(Buffer.alloc(8 * 1024 * 1024, 7));
    const stop = new AbortController();
    const seen: number[] = [];
    const run = store.verify(blob.sha256, (done) => {
      seen.push(done);
      if (seen.length === 2) stop.abort();
    }, stop.signal);
    await expect(run).rejects.toThrow(/abort/i);
    // Two chunks read of eight, then nothing more.
    expect(seen).toHaveLength(2);
    expect(await store.verify(blob.sha256)).toEqual({ ok: true, actual: blob.sha256 });
  });

  it('reports a missing file as not ok', async () => {
    expect(await store.verify('0'.repeat(64))).toEqual({ ok: false, problem: 'the stored file is missing' });
  });

  it('lists every stored hash and removes one', async () => {
    const a = await store.put(Buffer.from('a'));
    const b = await store.put(Buffer.from('b'));
    const c = await store.put(Buffer.from('c'));
    expect(store.list()).toEqual([a.sha256, b.sha256, c.sha256].sort());

    store.remove(b.sha256);
    expect(store.has(b.sha256)).toBe(false);
    // The emptied shard folder goes too (unless another hash shares it).
    const shardShared = [a, c].some((x) => x.sha256.slice(0, 2) === b.sha256.slice(0, 2));
    expect(fs.existsSync(path.dirname(store.pathFor(b.sha256)))).toBe(shardShared);
    expect(store.list()).toEqual([a.sha256, c.sha256].sort());
    expect(() => store.remove(b.sha256)).not.toThrow();
  });

  it('lists nothing for a store that was never written to', () => {
    expect(createAttachmentStore(path.join(tmp, 'nowhere')).list()).toEqual([]);
  });
});
