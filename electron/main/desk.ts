/**
 * The desk before the Core opens: a new data folder, an encrypted desk waiting for its
 * passphrase, or one that opens by itself (plain, or unlocked with the user's login through the
 * OS key store). Electron-free (the key store is injected) so it runs in plain Node for tests and
 * in the e2e harness; main binds it to IPC (deskIpc.ts).
 *
 * With "unlock with my login", main makes the desk master key, seals it with the OS key store
 * and hands the Core the key and the sealed bytes; at each start it unseals them and hands the
 * Core the key. The Core never sees Electron, and the master key is never written in the clear.
 */
import { createCore, type Core, type CoreOptions } from '../core/index';
import { CoreError } from '../core/errors';
import { encryptDesk } from '../core/desk/encrypt';
import { deskStatus } from '../core/desk/unlock';
import { newMasterKey, readDeskKeyFile, replaceOsSeal, unlockDeskKey, type Protection } from '../core/keys';
import { DeskProtection, UnlockRequest, type DeskGate, type EncryptProgress } from '../../shared/domain';

/** The OS key store as Electron's safeStorage offers it (its asynchronous API). */
export interface OsKeyStore {
  /** False where the store would not protect anything (Linux without a secret service: 'basic_text'). */
  available(): Promise<boolean>;
  seal(text: string): Promise<Buffer>;
  unseal(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export interface DeskGateOptions {
  dataDir: string;
  keyStore: OsKeyStore;
  /** Core options other than the folder and the unlocking (limits, output checks). */
  coreOptions?: Omit<CoreOptions, 'dataDir' | 'unlock' | 'create'>;
  onProgress?(p: EncryptProgress): void;
}

export interface DeskGateHandle {
  /** Opens what opens without asking (a plain desk, or one unlocked by the user's login). */
  start(): Promise<void>;
  gate(): Promise<DeskGate>;
  create(request: unknown): Promise<DeskGate>;
  unlock(request: unknown): Promise<DeskGate>;
  encrypt(request: unknown): Promise<DeskGate>;
  /** The open Core; refuses while the desk is locked or being encrypted. */
  core(): Core;
  isOpen(): boolean;
  close(): void;
}

const LOCKED = 'The desk is locked: unlock it first.';

export function createDeskGate(opts: DeskGateOptions): DeskGateHandle {
  const { dataDir, keyStore } = opts;
  let core: Core | null = null;
  let busy = false;
  let problem: string | null = null;

  const open = (o: Pick<CoreOptions, 'unlock' | 'create'>) => {
    core = createCore({ ...opts.coreOptions, dataDir, ...o });
    problem = null;
    return core;
  };

  /** The master key sealed in desk-key.json, unsealed by the OS key store. */
  async function unsealMasterKey(): Promise<Buffer> {
    const sealed = readDeskKeyFile(dataDir)?.wraps.find((w) => w.method === 'os');
    if (!sealed || sealed.method !== 'os') throw new CoreError('failed', 'This desk is not unlocked with your login.');
    const { result, shouldReEncrypt } = await keyStore.unseal(Buffer.from(sealed.sealed, 'base64'));
    const masterKey = Buffer.from(result, 'base64');
    if (shouldReEncrypt) {
      // The key store rotated its own key: seal the master key again, so it keeps opening.
      const key = unlockDeskKey(dataDir, { masterKey });
      replaceOsSeal(dataDir, key, (await keyStore.seal(result)).toString('base64'));
    }
    return masterKey;
  }

  async function sealedProtection(masterKey: Buffer): Promise<Extract<Protection, { method: 'os' }>> {
    if (!(await keyStore.available())) {
      throw new CoreError('failed', 'Unlocking with your login is not available on this computer (no system key store): choose a passphrase.');
    }
    return { method: 'os', masterKey, sealed: (await keyStore.seal(masterKey.toString('base64'))).toString('base64') };
  }

  function notWhileBusy(): void {
    if (busy) throw new CoreError('conflict', 'The desk is being encrypted: wait until it has finished.');
  }

  const handle: DeskGateHandle = {
    async start() {
      const status = deskStatus(dataDir);
      if (!status.exists && status.unlock.length === 0) return; // a new folder: the first-run screen asks
      if (status.unlock.includes('none') || status.unlock.length === 0) {
        open({});
        return;
      }
      if (status.unlock.includes('os')) {
        try {
          open({ unlock: { masterKey: await unsealMasterKey() } });
        } catch (err) {
          // Left locked: the unlock screen says why (and offers the passphrase if the desk has one).
          problem = `Your login could not unlock this desk: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
    },

    async gate() {
      const available = await keyStore.available();
      if (core) return { state: 'open', encrypted: core.encrypted, unlock: [], osUnlockAvailable: available, problem: null };
      const status = deskStatus(dataDir);
      const unlock = status.unlock.filter((m): m is 'passphrase' | 'os' => m === 'passphrase' || m === 'os');
      const state = !status.exists && status.unlock.length === 0 ? 'new' : 'locked';
      return { state, encrypted: status.encrypted, unlock, osUnlockAvailable: available, problem };
    },

    async create(request) {
      notWhileBusy();
      const p = DeskProtection.parse(request);
      if (core || deskStatus(dataDir).exists || readDeskKeyFile(dataDir)) throw new CoreError('conflict', 'This data folder already has a desk.');
      if (p.method === 'passphrase') open({ create: { method: 'passphrase', passphrase: p.passphrase }, unlock: { passphrase: p.passphrase } });
      else {
        const masterKey = newMasterKey();
        open({ create: await sealedProtection(masterKey), unlock: { masterKey } });
      }
      return handle.gate();
    },

    async unlock(request) {
      notWhileBusy();
      if (core) return handle.gate();
      const { passphrase } = UnlockRequest.parse(request);
      open({ unlock: { passphrase } });
      return handle.gate();
    },

    async encrypt(request) {
      notWhileBusy();
      const p = DeskProtection.parse(request);
      if (!core) throw new CoreError('failed', LOCKED);
      if (core.encrypted) throw new CoreError('conflict', 'This desk is already encrypted.');
      // The desk keeps its master key (and so its signing key): read it from the plain key file.
      const masterKey = unlockDeskKey(dataDir).masterKey;
      const protection = p.method === 'passphrase' ? { method: 'passphrase' as const, passphrase: p.passphrase } : await sealedProtection(masterKey);
      busy = true;
      core.close();
      core = null;
      try {
        await encryptDesk(dataDir, { protection, onProgress: opts.onProgress });
      } catch (err) {
        // Nothing changed: the plain desk opens again as it was.
        open({});
        throw err;
      } finally {
        busy = false;
      }
      open({ unlock: p.method === 'passphrase' ? { passphrase: p.passphrase } : { masterKey } });
      return handle.gate();
    },

    core() {
      if (!core) throw new CoreError('failed', busy ? 'The desk is being encrypted: wait until it has finished.' : LOCKED);
      return core;
    },
    isOpen: () => core !== null,
    close() {
      core?.close();
      core = null;
    },
  };
  return handle;
}
