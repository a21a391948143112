import fs from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { CliError } from './session';
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

async function readStdin(): Promise<Buffer> {
  if (process.stdin.isTTY) err('Reading from standard input; end with Ctrl-D (Ctrl-Z then Enter on Windows).');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The raw bytes of a file, or of standard input for "-". */
export async function readBytes(file: string, what: string): Promise<Buffer> {
  if (file === '-') return readStdin();
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new CliError(`Cannot read ${what} ${file}: ${why}.`);
  }
}

/** A text file (or stdin for "-") read as bytes and decoded as strict UTF-8, kept exactly otherwise. */
export async function readText(file: string, what: string): Promise<string> {
  const bytes = await readBytes(file, what);
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
