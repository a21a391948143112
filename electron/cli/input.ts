import fs from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { CliError } from './session';
import { LIMITS } from '../../shared/domain';
import { formatBytes } from '../core/attachments/store';
import { err } from './output';
import { invalidUtf8Offset } from '../core/io/utf8';

export { invalidUtf8Offset };

/**
 * Decodes bytes as strict UTF-8. Invalid input is refused with where it breaks; a leading
 * byte-order mark is dropped (it marks the encoding, it is not part of the text).
 */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = invalidUtf8Offset(bytes);
    let where = '';
    if (at >= 0) {
      const before = bytes.subarray(0, at);
      const line = before.filter((x) => x === 0x0a).length + 1;
      where = ` at byte offset ${at} (line ${line}, byte 0x${(bytes[at] as number).toString(16).padStart(2, '0')})`;
    }
    throw new CliError(`${what} is not valid UTF-8${where}. Save it as UTF-8 and try again; nothing was written.`);
  }
}

/**
 * How much one input may be: reading stops one byte past it, so /dev/zero or an endless pipe
 * is refused at once instead of growing until the machine runs out of memory.
 */
export interface ReadLimit {
  bytes: number;
  /** Why this much, as the refusal says it: "what a statement's text can hold (2,000,000 characters)". */
  why: string;
}

const MB = 1024 * 1024;
/** A UTF-8 character is at most 4 bytes: a file larger than this cannot fit the field. */
const textOf = (chars: number, what: string): ReadLimit => ({ bytes: chars * 4, why: `what ${what} can hold (${chars.toLocaleString('en')} characters)` });

export const READ_LIMITS = {
  /** An original, a published wording, a note body or an XLIFF file: the contract's LongText. */
  longText: textOf(LIMITS.longText, 'one text field'),
  /** The segments of one translation as JSON (translation edit --from-file). */
  segments: { bytes: 64 * MB, why: 'what a segments file may be' },
  /** One contract call's input (casefile call), attachment bytes as base64 included. */
  callInput: { bytes: 256 * MB, why: 'what one call may take' },
} as const satisfies Record<string, ReadLimit>;

function tooLarge(what: string, limit: ReadLimit): CliError {
  return new CliError(`${what} is larger than ${formatBytes(limit.bytes)}, ${limit.why}: reading stopped there and nothing was written.`);
}

async function readStdin(what: string, limit: ReadLimit): Promise<Buffer> {
  if (process.stdin.isTTY) err('Reading from standard input; end with Ctrl-D (Ctrl-Z then Enter on Windows).');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > limit.bytes) {
      // Stop taking bytes: the writer gets a closed pipe and this process can exit.
      process.stdin.destroy();
      throw tooLarge(`${what} (standard input)`, limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function cannotRead(e: unknown, what: string, file: string): CliError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  return new CliError(`Cannot read ${what} ${file}: ${why}.`);
}

/** A file (or standard input for "-") to read a piece at a time, and its size when known (0 if not). */
export function openForReading(file: string, what: string): { source: AsyncIterable<Uint8Array>; size: number } {
  if (file === '-') return { source: process.stdin, size: 0 };
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    return { source: fs.createReadStream('', { fd, highWaterMark: 1024 * 1024 }), size: st.size };
  } catch (e) {
    throw cannotRead(e, what, file);
  }
}

/** A file read in chunks up to the limit; a regular file already too large is refused unread. */
function readFileBounded(file: string, what: string, limit: ReadLimit): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (st.isFile() && st.size > limit.bytes) throw tooLarge(`${what} ${file}`, limit);
    const chunks: Buffer[] = [];
    const buf = Buffer.allocUnsafe(MB);
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      // Devices and pipes (/dev/zero, a FIFO) have no size to check first.
      if (total > limit.bytes) throw tooLarge(`${what} ${file}`, limit);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  } finally {
    fs.closeSync(fd);
  }
}

/** The raw bytes of a file, or of standard input for "-", never more than `limit`. */
export async function readBytes(file: string, what: string, limit: ReadLimit): Promise<Buffer> {
  if (file === '-') return readStdin(what, limit);
  try {
    return readFileBounded(file, what, limit);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw cannotRead(e, what, file);
  }
}

/** A text file (or stdin for "-") read as bytes and decoded as strict UTF-8, kept exactly otherwise. */
export async function readText(file: string, what: string, limit: ReadLimit): Promise<string> {
  const bytes = await readBytes(file, what, limit);
  return decodeUtf8(bytes, file === '-' ? `${what} (standard input)` : `${what} ${file}`);
}

// --- option parsers (a bad value is a usage error: exit 2) ----------------------------------

export function int(min = 0) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Must be a whole number.');
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`Must be a whole number of at least ${min}.`);
    return n;
  };
}

export function collect(value: string, previous?: string[]): string[] {
  return [...(previous ?? []), value];
}

/** Repeatable and comma-separated: --status open,active --status on_hold. */
export function list(allowed?: readonly string[]) {
  return (value: string, previous?: string[]): string[] => {
    const items = value.split(',').map((x) => x.trim()).filter(Boolean).map((x) => x.replace(/[- ]/g, '_'));
    if (allowed) {
      const bad = items.filter((x) => !allowed.includes(x));
      if (bad.length) throw new InvalidArgumentError(`${bad.join(', ')}: not one of ${allowed.join(', ')}.`);
    }
    return [...(previous ?? []), ...items];
  };
}

export interface RecordRef { type: string; id: string }

/** "case:0190…" -> { type: 'case', id } with the type checked against `types`. */
export function recordRef(types: readonly string[]) {
  return (value: string): RecordRef => {
    const at = value.indexOf(':');
    const type = at > 0 ? value.slice(0, at).trim().toLowerCase() : '';
    const id = at > 0 ? value.slice(at + 1).trim() : '';
    if (!type || !id) throw new InvalidArgumentError(`Must be TYPE:ID, e.g. case:0190a1b2-…; TYPE is one of ${types.join(', ')}.`);
    if (!types.includes(type)) throw new InvalidArgumentError(`"${type}" is not one of ${types.join(', ')}.`);
    return { type, id };
  };
}

/** For update commands: an empty value clears a field that may be empty (null). */
export const orNull = (v: string | undefined): string | null | undefined => (v === undefined ? undefined : v === '' ? null : v);

/** Drops keys whose value is undefined, so an update patch holds only what was given. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
