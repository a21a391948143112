/**
 * How the harness carries contract values over JSON. Electron's IPC uses structured clone,
 * which keeps a Uint8Array (attachments.add `data`) as bytes; JSON would turn it into an
 * object of indexes. Both directions tag bytes as `{ "__casefileBytes": "<base64>" }`.
 * The browser half of this lives in shim.ts (it cannot import Node code).
 */
export const BYTES_TAG = '__casefileBytes';

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before toJSON ran: a Buffer would otherwise arrive as {type, data}.
    const raw = key === '' ? v : this[key];
    if (raw instanceof Uint8Array) return { [BYTES_TAG]: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
    return v;
  });
}

export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as Record<string, unknown>)[BYTES_TAG];
      if (keys.length === 1 && typeof tagged === 'string') {
        const buf = Buffer.from(tagged, 'base64');
        // A plain Uint8Array (not a Buffer), as structured clone would deliver it.
        return new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      }
    }
    return v;
  });
}
