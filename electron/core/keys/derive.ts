// What a desk master key (DMK) turns into. Everything the desk signs or encrypts derives from
// the one random 32-byte DMK with HKDF-SHA256 and a label per purpose, so one secret is kept
// safe (wrap.ts) and no derived key can be used to find another.
import crypto from 'node:crypto';

export const MASTER_KEY_BYTES = 32;

/** What a derived key is for; each label gives an independent key. */
export type KeyPurpose = 'database' | 'attachments' | 'signing';

const HKDF_SALT = Buffer.from('casefile desk key v1', 'utf8');

export function newMasterKey(): Buffer {
  return crypto.randomBytes(MASTER_KEY_BYTES);
}

/** A 32-byte key for one purpose (the SQLCipher key, the attachment key, the signing seed). */
export function deriveKey(masterKey: Buffer, purpose: KeyPurpose): Buffer {
  if (masterKey.length !== MASTER_KEY_BYTES) throw new RangeError(`a desk master key is ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}`);
  return Buffer.from(crypto.hkdfSync('sha256', masterKey, HKDF_SALT, `casefile/${purpose}`, 32));
}

// node:crypto builds an Ed25519 private key from its 32-byte seed only as PKCS#8 DER: this is
// the fixed prefix of that encoding (RFC 8410), followed by the seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function ed25519FromSeed(seed: Buffer): crypto.KeyObject {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  return crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The desk's Ed25519 signing key: the same DMK always gives the same key pair. */
export function signingKeyFrom(masterKey: Buffer): crypto.KeyObject {
  return ed25519FromSeed(deriveKey(masterKey, 'signing'));
}

/** The raw 32-byte Ed25519 public key, base64 (what desk-key.json stores). */
export function publicKeyOf(key: crypto.KeyObject): string {
  const jwk = crypto.createPublicKey(key).export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new TypeError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

function publicKeyObject(publicKey: string): crypto.KeyObject {
  const raw = Buffer.from(publicKey, 'base64');
  if (raw.length !== 32) throw new RangeError('an Ed25519 public key is 32 bytes');
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/**
 * The short name of a public key a person can compare by eye or read out on the phone: the
 * first 16 hex digits of the SHA-256 of the raw key, in groups of four (`3f2a-91bc-0d4e-77a1`).
 */
export function fingerprintOf(publicKey: string): string {
  const hex = crypto.createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16);
  return (hex.match(/.{4}/g) as string[]).join('-');
}

export function sign(key: crypto.KeyObject, message: string | Buffer): Buffer {
  return crypto.sign(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, key);
}

/** Whether `signature` is the desk key's signature of `message`: needs only the public key. */
export function verifySignature(publicKey: string, message: string | Buffer, signature: Buffer): boolean {
  try {
    return crypto.verify(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}
