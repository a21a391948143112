import { z } from 'zod';

/**
 * What the app knows about its data folder before it is unlocked: which screen to show first.
 * - new: no desk yet (first run: choose how to protect it)
 * - locked: an encrypted desk waiting for its passphrase
 * - open: the desk is open (plain, or unlocked)
 */
export const DeskGate = z.object({
  state: z.enum(['new', 'locked', 'open']),
  /** The desk is encrypted at rest (false for a new desk). */
  encrypted: z.boolean(),
  /** How a locked desk opens: its passphrase, and/or the user's login (the OS key store). */
  unlock: z.array(z.enum(['passphrase', 'os'])),
  /** "Unlock with my login" (Electron safeStorage with a real key store) can be offered on this machine. */
  osUnlockAvailable: z.boolean(),
  /** Why a locked desk did not open by itself (the OS key store refused), for the unlock screen. */
  problem: z.string().nullable(),
});
export type DeskGate = z.infer<typeof DeskGate>;

const Passphrase = z.string().max(1_000);

/** How to protect a new desk, or a plain desk being encrypted: a passphrase, or the user's login. */
export const DeskProtection = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('passphrase'), passphrase: Passphrase }),
  z.strictObject({ method: z.literal('os') }),
]);
export type DeskProtection = z.infer<typeof DeskProtection>;

export const UnlockRequest = z.strictObject({ passphrase: Passphrase });
export type UnlockRequest = z.infer<typeof UnlockRequest>;

/** How encrypting a plain desk is going (copy, encrypt, verify, attachments, swap). */
export const EncryptProgress = z.object({
  phase: z.enum(['copy', 'encrypt', 'verify', 'attachments', 'swap']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type EncryptProgress = z.infer<typeof EncryptProgress>;

export const MIN_PASSPHRASE_LENGTH = 8;

/**
 * What is wrong with a passphrase chosen for a desk, or null. Length is counted in characters
 * (an Arabic passphrase counts as it reads). `again` is the second typing, when asked twice.
 */
export function newPassphraseProblem(passphrase: string, again?: string): string | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`;
  if (again !== undefined && again !== passphrase) return 'The two passphrases are not the same.';
  return null;
}
