// How the desk master key is kept on disk: never in plain text on a protected desk. Each wrap is
// one way to unlock it. `passphrase`: AES-256-GCM under a key derived from the passphrase with
// scrypt (memory-hard). `os`: bytes sealed by the operating system's key store; only Electron's
// main process can unseal them, and it hands the Core the master key itself. `none`: the key as
// is, for desks created explicitly unencrypted (tests, `casefile init --unencrypted`).
import crypto from 'node:crypto';
import { z } from 'zod';
import { MASTER_KEY_BYTES } from './derive';

const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

export const ScryptParams = z.object({
  N: z.number().int().min(2 ** 10).max(2 ** 22).refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});
export type ScryptParams = z.infer<typeof ScryptParams>;

/** About half a second and 64 MiB on a 2-core machine of 2026: slow for a guesser, bearable at unlock. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 16, r: 8, p: 1 };

export const Wrap = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none'), masterKey: B64 }),
  z.strictObject({
    method: z.literal('passphrase'), kdf: z.literal('scrypt'), ...ScryptParams.shape,
    salt: B64, nonce: B64, ciphertext: B64, tag: B64,
  }),
  z.strictObject({ method: z.literal('os'), sealed: B64 }),
]);
export type Wrap = z.infer<typeof Wrap>;
export type WrapMethod = Wrap['method'];

/** How to unlock: a passphrase, or the master key itself (from main's OS key store). */
export type Unlock = { passphrase: string } | { masterKey: Buffer };

/** The associated data binds a wrap to its desk: it cannot be moved into another desk's file. */
const aad = (deskId: string) => Buffer.from(`casefile desk master key ${deskId}`, 'utf8');

function scryptKey(passphrase: string, salt: Buffer, p: ScryptParams): Buffer {
  // scrypt needs 128·N·r bytes; node's default ceiling (32 MiB) is below the default parameters.
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 });
}

export function wrapNone(masterKey: Buffer): Wrap {
  return { method: 'none', masterKey: masterKey.toString('base64') };
}

export function wrapWithPassphrase(masterKey: Buffer, deskId: string, passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Wrap {
  const salt = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', scryptKey(passphrase, salt, params), nonce);
  cipher.setAAD(aad(deskId));
  const ciphertext = Buffer.concat([cipher.update(masterKey), cipher.final()]);
  return {
    method: 'passphrase', kdf: 'scrypt', ...params, salt: salt.toString('base64'), nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The master key this wrap holds, or null when the passphrase does not open it. */
export function unwrapWithPassphrase(w: Extract<Wrap, { method: 'passphrase' }>, deskId: string, passphrase: string): Buffer | null {
  const decipher = crypto.createDecipheriv('aes-256-gcm', scryptKey(passphrase, Buffer.from(w.salt, 'base64'), w), Buffer.from(w.nonce, 'base64'));
  decipher.setAAD(aad(deskId));
  decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
  try {
    const key = Buffer.concat([decipher.update(Buffer.from(w.ciphertext, 'base64')), decipher.final()]);
    return key.length === MASTER_KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}
