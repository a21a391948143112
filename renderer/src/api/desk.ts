/**
 * The desk before the Core opens (first run, unlock, encrypting a plain desk): main's desk
 * channels through window.casefile.desk. Absent outside Electron's desk-aware doors (the e2e
 * harness in its plain mode): the desk is then simply open.
 */
import type { DeskGate, DeskProtection, EncryptProgress } from '../../../shared/domain';
import type { DeskBridge } from '../../../shared/ipc/bridge';
import type { Result } from '../../../shared/ipc/contract';
import { ApiError, toApiError } from './client';

function desk(): DeskBridge | null {
  const b = (window as Partial<Window>).casefile;
  return b && b.desk && typeof b.desk.gate === 'function' ? b.desk : null;
}

async function unwrap(p: Promise<Result<DeskGate>>): Promise<DeskGate> {
  let r: Result<DeskGate>;
  try {
    r = await p;
  } catch (err) {
    throw toApiError(err);
  }
  if (r && r.ok === true) return r.value;
  if (r && r.ok === false) throw new ApiError(r.error);
  throw new ApiError({ code: 'failed', message: 'Casefile sent an answer this window does not understand.' });
}

/** Where the desk stands; null when this door has no gate (the desk is open). */
export async function deskGate(): Promise<DeskGate | null> {
  const d = desk();
  return d ? unwrap(d.gate()) : null;
}

function must(): DeskBridge {
  const d = desk();
  if (!d) throw new ApiError({ code: 'failed', message: 'This window cannot change how the desk is protected.' });
  return d;
}

export const createDesk = (p: DeskProtection) => unwrap(must().create(p));
export const unlockDesk = (passphrase: string) => unwrap(must().unlock({ passphrase }));
export const encryptDesk = (p: DeskProtection) => unwrap(must().encrypt(p));

export function onEncryptProgress(handler: (p: EncryptProgress) => void): () => void {
  const d = desk();
  return d ? d.onProgress(handler) : () => {};
}
