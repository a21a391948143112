/**
 * Contract values as JSON, for the doors that speak text: the CLI's `casefile call` and the
 * e2e harness. Electron's IPC uses structured clone, which keeps a Uint8Array (attachments.add
 * `data`, attachments.read `data`) as bytes; JSON would turn it into an object of indexes.
 * So bytes travel as `{ "__casefileBytes": "<base64>" }` both ways. (The harness's browser
 * shim, which can import nothing, has its own copy of this: tests/e2e/harness/shim.ts.)
 */
export const BYTES_TAG = '__casefileBytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);
const VALUE = new Int8Array(128).fill(-1);
CODES.forEach((c, i) => { VALUE[c] = i; });

export function toBase64(bytes: Uint8Array): string {
  const codes = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    codes[o++] = CODES[n >> 18]!;
    codes[o++] = CODES[(n >> 12) & 63]!;
    codes[o++] = CODES[(n >> 6) & 63]!;
    codes[o++] = CODES[n & 63]!;
  }
  if (whole < bytes.length) {
    const two = whole + 1 < bytes.length;
    const n = (bytes[whole]! << 16) | ((two ? bytes[whole + 1]! : 0) << 8);
    codes[o++] = CODES[n >> 18]!;
    codes[o++] = CODES[(n >> 12) & 63]!;
    codes[o++] = two ? CODES[(n >> 6) & 63]! : PAD;
    codes[o++] = PAD;
  }
  // apply over a typed array, a few KiB at a time: spreading it is ten times slower.
  let out = '';
  for (let i = 0; i < codes.length; i += 0x2000) out += String.fromCharCode.apply(null, codes.subarray(i, i + 0x2000) as unknown as number[]);
  return out;
}

/** Standard base64 (padding optional); anything else is refused with where it is wrong. */
export function fromBase64(text: string): Uint8Array {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1 || text.length - body.length > 2) throw new Error('not base64: wrong length');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const v = code < 128 ? VALUE[code]! : -1;
    if (v < 0) throw new Error(`not base64: unexpected character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** JSON with bytes tagged; `indent` as JSON.stringify's. */
export function encodeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before toJSON ran: a Node Buffer would otherwise arrive as {type, data}.
    const raw = key === '' ? v : this[key];
    if (raw instanceof Uint8Array) return { [BYTES_TAG]: toBase64(raw) };
    return v;
  }, indent);
}

/** JSON.parse that turns `{ "__casefileBytes": "<base64>" }` (that key alone) back into a Uint8Array. */
export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const tagged = (v as Record<string, unknown>)[BYTES_TAG];
      if (typeof tagged === 'string' && Object.keys(v).length === 1) {
        try {
          return fromBase64(tagged);
        } catch (err) {
          throw new SyntaxError(`${BYTES_TAG}: ${(err as Error).message}`);
        }
      }
    }
    return v;
  });
}
