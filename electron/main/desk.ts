/**
 * The desk before the Core opens: a new data folder, an encrypted desk waiting for its
 * passphrase, or one that opens by itself (plain, or unlocked with the user's login through the
 * OS key store). Electron-free (the key store and the Core host are injected) so it runs in plain
 * Node for tests and in the e2e harness; main binds it to IPC (deskIpc.ts).
 *
 * The Core runs in its host process (main's utility process): the gate only decides how it
 * opens and hands that over in the host's open message. With "unlock with my login", main makes
 * the desk master key, seals it with the OS key store and hands the host the key and the sealed
 * bytes; at each start it unseals them and hands the host the key. The Core never sees Electron,
 * main never opens the database, and the master key is never written in the clear.
 */
import { CoreError } from '../core/errors';
import { deskStatus } from '../core/desk/unlock';
import type { OpenOptions } from '../core/host/protocol';
import { newMasterKey, readDeskKeyFile, replaceOsSeal, unlockDeskKey, type Protection } from '../core/keys';
import { DeskProtection, UnlockRequest, type DeskGate, type EncryptProgress } from '../../shared/domain';

/** The OS key store as Electron's safeStorage offers it (its asynchronous API). */
export interface OsKeyStore {
  /** False where the store would not protect anything (Linux without a secret service: 'basic_text'). */
  available(): Promise<boolean>;
  seal(text: string): Promise<Buffer>;
  unseal(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** How the Core host is asked to open the desk: unlocked, created, or encrypted first. */
export type DeskOpen = Pick<OpenOptions, 'unlock' | 'create' | 'encrypt'>;

/** What the gate needs of an open Core (main's HostedCore, the harness's CoreClient). */
export interface OpenedCore {
  /** The desk is encrypted at rest. */
  readonly encrypted: boolean;
  close(): Promise<void>;
}

export interface DeskGateOptions<C extends OpenedCore> {
  dataDir: string;
  keyStore: OsKeyStore;
  /**
   * Starts the Core host on the data folder and resolves once its Core is open (or rejects with
   * why not: a wrong passphrase). The unlock travels in the host's open message, never argv,
   * the environment or a file.
   */
  startCore(open: DeskOpen, onEncryptProgress: (p: EncryptProgress) => void): Promise<C>;
  onProgress?(p: EncryptProgress): void;
}

export interface DeskGateHandle<C extends OpenedCore> {
  /** Opens what opens without asking (a plain desk, or one unlocked by the user's login). */
  start(): Promise<void>;
  gate(): Promise<DeskGate>;
  create(request: unknown): Promise<DeskGate>;
  unlock(request: unknown): Promise<DeskGate>;
  encrypt(request: unknown): Promise<DeskGate>;
  /** The open Core; refuses while the desk is locked or being encrypted. */
  core(): C;
  isOpen(): boolean;
  close(): Promise<void>;
}

const LOCKED = 'The desk is locked: unlock it first.';

export function createDeskGate<C extends OpenedCore>(opts: DeskGateOptions<C>): DeskGateHandle<C> {
  const { dataDir, keyStore } = opts;
  let core: C | null = null;
  let busy = false;
  let problem: string | null = null;

  const open = async (o: DeskOpen): Promise<C> => {
    const opened = await opts.startCore(o, (p) => opts.onProgress?.(p));
    core = opened;
    problem = null;
    return opened;
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

  const handle: DeskGateHandle<C> = {
    async start() {
      const status = deskStatus(dataDir);
      if (!status.exists && status.unlock.length === 0) return; // a new folder: the first-run screen asks
      if (status.unlock.includes('none') || status.unlock.length === 0) {
        await open({});
        return;
      }
      if (status.unlock.includes('os')) {
        try {
          await open({ unlock: { masterKey: await unsealMasterKey() } });
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
      if (p.method === 'passphrase') await open({ create: { method: 'passphrase', passphrase: p.passphrase }, unlock: { passphrase: p.passphrase } });
      else {
        const masterKey = newMasterKey();
        await open({ create: await sealedProtection(masterKey), unlock: { masterKey } });
      }
      return handle.gate();
    },

    async unlock(request) {
      notWhileBusy();
      if (core) return handle.gate();
      const { passphrase } = UnlockRequest.parse(request);
      await open({ unlock: { passphrase } });
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
      const unlock = p.method === 'passphrase' ? { passphrase: p.passphrase } : { masterKey };
      busy = true;
      const plain = core;
      core = null;
      try {
        // The host closes the plain desk and encrypts it in its own process (main never opens
        // the database); the encrypted desk then opens there with the new unlock.
        await plain.close();
        await open({ encrypt: protection, unlock });
      } catch (err) {
        // Nothing changed: the plain desk opens again as it was (if even that fails, the gate
        // shows the desk locked, with the error the user saw).
        await open({}).catch(() => undefined);
        throw err;
      } finally {
        busy = false;
      }
      return handle.gate();
    },

    core() {
      if (!core) throw new CoreError('failed', busy ? 'The desk is being encrypted: wait until it has finished.' : LOCKED);
      return core;
    },
    isOpen: () => core !== null,
    async close() {
      const closing = core;
      core = null;
      await closing?.close();
    },
  };
  return handle;
}
