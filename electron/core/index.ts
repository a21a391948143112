import path from 'node:path';
import { contract, isMethod, type Method, type Output } from '../../shared/ipc/contract';
import type { Attachment } from '../../shared/domain';
import { AttachmentIntegrityError, createAttachmentStore } from './attachments/store';
import { appendBaseline, needsBaseline } from './audit/baseline';
import { installCapture } from './audit/capture';
import { reconcileHeadFile } from './audit/head';
import { migrate, schemaVersion } from './db/migrate';
import { LATEST_VERSION } from './db/migrations';
import { explainDbError } from './db/failures';
import { openDb, type Db } from './db/open';
import { finishInterruptedEncryption } from './desk/encrypt';
import { DB_FILE, unlockDesk } from './desk/unlock';
import type { Protection, Unlock } from './keys';
import { CoreError, fromZod } from './errors';
import { assertOutput } from './outputCheck';
import type { Actor } from './services/acting';
import { makeState, type CoreState } from './services/state';
import { handlers } from './services/handlers';
import { countProfiles, resolveProfile } from './services/profiles';
import { addAttachment } from './services/attachments';
import { runChecks, type CheckOptions, type CheckReport } from './services/check';
import { write } from './services/write';
import { makeDataFolderPrivate } from './openDesk';
import { makePrivateDir } from './privateFiles';
import { CORE_VERSION } from './version';
import { createJob, type Job, type RunOptions } from './job';
import type { PdfEngine } from './io/report/pdf';

export { DB_FILE };
const AttachFileInput = contract['attachments.add'].input.omit({ fileName: true, data: true });

export interface CoreOptions {
  dataDir: string;
  /**
   * How to unlock a protected desk: its passphrase, or the master key main unsealed from the OS
   * key store. Plain data, so a Core in another process can be handed it. Omitted for a plain desk.
   */
  unlock?: Unlock;
  /** A data folder with no desk yet becomes one protected like this. Default: a plain desk (not encrypted). */
  create?: Protection;
  /** Largest attachment accepted, in bytes (default 2 GiB). */
  maxAttachmentBytes?: number;
  /** Prints a report's HTML to PDF (main supplies Electron's, the CLI the system Chromium's). */
  pdfEngine?: PdfEngine;
  /** Where the shipped citation style and locale are (the packaged app's resources); default: resources/csl beside the code. */
  cslDir?: string;
  /**
   * Check every answer against the contract's output schema and throw ContractViolation on a
   * mismatch (outputCheck.ts). Default: on when CASEFILE_CHECK_OUTPUTS=1, as in every test run.
   */
  checkOutputs?: boolean;
  /** How long a write waits for another process's lock before it is tried once more (default 5 s). */
  busyTimeoutMs?: number;
  /** The name a new desk's key file gives it. */
  deskName?: string;
}

export interface Core {
  readonly dataDir: string;
  readonly db: Db;
  /** The database and the attachments are encrypted at rest. */
  readonly encrypted: boolean;
  /**
   * The one entry point of every door: validates input against the contract, then runs it.
   * `run` follows and cancels a long method (job.ts); other methods ignore it.
   */
  invoke<M extends Method>(method: M, input: unknown, run?: RunOptions): Promise<Output<M>>;
  /** For the CLI and main's file dialog: attach a file by path (the renderer never sends paths). */
  attachFile(as: string, filePath: string, owner: { ownerType: Attachment['ownerType']; ownerId: string }, description?: string, run?: RunOptions): Promise<Attachment>;
  /** Everything `casefile check` verifies; with `anchor`, also that the desk still holds the anchored history. */
  check(opts?: RunOptions & CheckOptions): Promise<CheckReport>;
  /**
   * For main's viewer: writes a stored file's content (decrypted on an encrypted desk) to a new
   * read-only file `dest`, refusing bytes that no longer hash to `sha256`.
   */
  copyAttachment(sha256: string, dest: string): Promise<void>;
  close(): void;
  /** Internal state for the Core's own loaders and io (not a door). */
  readonly state: CoreState;
}

export function createCore(opts: CoreOptions): Core {
  const dataDir = path.resolve(opts.dataDir);
  makePrivateDir(dataDir);
  finishInterruptedEncryption(dataDir);
  // Unlocking comes before anything is opened: a wrong passphrase leaves the folder untouched.
  // The desk key it unlocks (or makes, for a new desk) is the one that signs the audit head.
  const desk = unlockDesk(dataDir, { unlock: opts.unlock, create: opts.create, deskName: opts.deskName });
  const dbFile = path.join(dataDir, DB_FILE);
  makeDataFolderPrivate(dataDir, dbFile);
  const db = openDb(dbFile, { maxSchemaVersion: LATEST_VERSION, busyTimeoutMs: opts.busyTimeoutMs, key: desk.dbKey });
  const store = createAttachmentStore(path.join(dataDir, 'attachments'), { maxBytes: opts.maxAttachmentBytes, key: desk.attachmentKey });
  const s = makeState(db, dataDir, store, CORE_VERSION, desk.key, { pdfEngine: opts.pdfEngine, cslDir: opts.cslDir, dbKey: desk.dbKey });
  try {
    migrate(db);
    installCapture(db);
    store.restrictModes();
    reconcileHeadFile(db, dataDir, s.key);
    if (needsBaseline(db)) write(s, () => appendBaseline(db, s.key.deskId, s.now()));
  } catch (err) {
    db.close();
    throw explainDbError(err, dbFile);
  }
  const checkOutputs = opts.checkOutputs ?? process.env.CASEFILE_CHECK_OUTPUTS === '1';

  function actorFor(method: Method, input: Record<string, unknown>): Actor {
    if (!('as' in input)) return { profile: null };
    if (input.as === null) {
      if (method === 'profiles.create' && countProfiles(s) === 0) return { profile: null };
      throw CoreError.invalid('as', 'every call must name the acting profile');
    }
    return { profile: resolveProfile(s, input.as as string) };
  }

  let closed = false;
  const core: Core = {
    dataDir,
    db,
    encrypted: desk.encrypted,
    state: s,
    async invoke(method, raw, run) {
      if (closed) throw new CoreError('failed', 'The case database is closed.');
      if (!isMethod(method)) throw new CoreError('unknown_method', `Unknown operation: ${String(method)}`);
      const parsed = contract[method].input.safeParse(raw ?? {});
      if (!parsed.success) throw fromZod(parsed.error);
      const illFormed = illFormedField(parsed.data);
      if (illFormed !== null) {
        throw CoreError.invalid(illFormed || 'input', 'contains invalid Unicode (an unpaired surrogate): re-save the text as UTF-8');
      }
      const input = parsed.data as Record<string, unknown>;
      const handler = handlers[method] as (s: CoreState, a: Actor, i: unknown, job: Job) => unknown;
      let output: unknown;
      try {
        output = await handler(s, actorFor(method, input), input, createJob(run));
      } catch (err) {
        // A damaged page or another process's lock: words that say what to do, not SQLite's.
        throw explainDbError(err, dbFile);
      }
      if (checkOutputs) assertOutput(method, output);
      return output as Output<typeof method>;
    },
    async attachFile(as, filePath, owner, description = '', run) {
      // Same checks as the contract's attachments.add, before a byte is stored.
      const ok = AttachFileInput.safeParse({ as, ownerType: owner.ownerType, ownerId: owner.ownerId, description });
      if (!ok.success) throw fromZod(ok.error);
      try {
        const actor: Actor = { profile: resolveProfile(s, as) };
        return await addAttachment(s, actor, owner, filePath, path.basename(filePath), description, createJob(run));
      } catch (err) {
        throw explainDbError(err, dbFile);
      }
    },
    check: (o = {}) => runChecks(s, dbFile, createJob(o), { anchor: o.anchor }),
    async copyAttachment(sha256, dest) {
      try {
        await store.copyTo(sha256, dest);
      } catch (err) {
        if (err instanceof AttachmentIntegrityError) throw new CoreError('failed', `${err.message} It was not opened; run a check.`);
        throw err;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
  return core;
}

/**
 * The path of the first string that is not well-formed Unicode, or null. Not every contract
 * field refines this (language tags, initials, alias languages), and SQLite would store a lone
 * surrogate mangled, so the door checks every string once more.
 */
function illFormedField(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.isWellFormed() ? null : at;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = illFormedField(v, at ? `${at}.${k}` : k);
    if (found !== null) return found;
  }
  return null;
}

export { CoreError, schemaVersion, CORE_VERSION };
export type { RunOptions };
