// The desk key store: one key for everything the desk signs or encrypts (the audit head, and
// later case bundles, sync, the database and attachment keys). Plain Node, node:crypto only;
// Electron's main process seals and unseals with the OS key store and hands the Core the
// master key.
//
//   createDeskKey(dataDir, { deskName, protection })  a new desk: desk-key.json, 0600
//   unlockDeskKey(dataDir, unlock?)                    -> DeskKey (sign, derive, fingerprint)
//   readDeskKeyFile(dataDir)                           the public part, no secret needed
//   verifySignature(publicKey, message, signature)     needs only the public key
export {
  DESK_KEY_FILE, DeskKeyFile, createDeskKey, deskKeyPath, readDeskKeyFile, unlockDeskKey, writeDeskKeyFile,
  type DeskKey, type Protection,
} from './deskKey';
export { deriveKey, ed25519FromSeed, fingerprintOf, signingKeyFrom, publicKeyOf, verifySignature, type KeyPurpose } from './derive';
export { DEFAULT_SCRYPT, Wrap, wrapNone, wrapWithPassphrase, unwrapWithPassphrase, type ScryptParams, type Unlock, type WrapMethod } from './wrap';
// Unlock methods (encryption at rest): change how a desk unlocks, keeping its key.
export { changePassphrase, newMasterKey, replaceOsSeal, rewrapped } from './rewrap';
export { wrapFor } from './deskKey';
