import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createCore, DB_FILE, type Core, type RunOptions } from '../core/index';
import { finishInterruptedEncryption } from '../core/desk/encrypt';
import { deskStatus } from '../core/desk/unlock';
import { chromiumPdfEngine } from '../core/io/report/pdf';
import type { Protection, Unlock } from '../core/keys';
import { defaultDataDir } from '../core/paths';
import type { Method, Output } from '../../shared/ipc/contract';
import type { Profile } from '../../shared/domain';
import { printJson } from './output';
import { CliError, UsageError } from './errors';
import { chosenPassphrase, existingPassphrase } from './passphrase';

export { CliError, UsageError };

export interface GlobalOptions {
  data: string;
  as?: string;
  json?: boolean;
  /** A file whose first line is the desk passphrase (else $CASEFILE_PASSPHRASE, else a prompt). */
  passphraseFile?: string;
  /** A desk this command creates is not encrypted. */
  unencrypted?: boolean;
}

const FIRST_PROFILE_HINT = 'casefile profile add --name "Your Name" --initials YN --roles analyst,case_manager';

/**
 * What one command invocation works with: the global options, the Core (opened on first use
 * and closed when the command ends) and the acting profile.
 */
export class Session {
  readonly json: boolean;
  readonly dataDir: string;
  private core_: Core | null = null;
  private profiles_: Profile[] | null = null;
  private unlock_: Unlock | undefined;

  constructor(readonly opts: GlobalOptions) {
    this.json = opts.json === true;
    this.dataDir = path.resolve(opts.data);
  }

  /** ` --data DIR` for hints that tell the user what to type next, when DIR is not the default. */
  get dataArg(): string {
    return this.dataDir === defaultDataDir() ? '' : ` --data ${/^[\w./:@-]+$/.test(this.dataDir) ? this.dataDir : JSON.stringify(this.dataDir)}`;
  }

  get dbFile(): string {
    return path.join(this.dataDir, DB_FILE);
  }

  exists(): boolean {
    return fs.existsSync(this.dbFile);
  }

  /**
   * The Core on the data folder. Only commands that set a desk up may create one (openOrCreate);
   * the others refuse a folder without a database rather than leave an empty one where a path
   * was mistyped.
   */
  core(): Core {
    if (this.core_) return this.core_;
    if (!this.exists()) {
      throw new CliError(`No Casefile data in ${this.dataDir} (there is no ${DB_FILE}). Run "casefile init --data ${this.dataDir}" first, or point --data (or CASEFILE_DATA) at your data folder.`);
    }
    // PDFs print through the system's Chromium, looked for only when one is asked for.
    this.core_ = createCore({ dataDir: this.dataDir, unlock: this.unlock_, pdfEngine: chromiumPdfEngine() });
    return this.core_;
  }

  /** Where the passphrase comes from, when one is needed. */
  get passphraseSources() {
    return { file: this.opts.passphraseFile, env: 'CASEFILE_PASSPHRASE', fileOption: '--passphrase-file' };
  }

  /**
   * Asks for the passphrase of an encrypted desk (once, before the Core opens). An encryption
   * that was interrupted is finished or undone first, so the question fits what the desk is.
   */
  async unlock(): Promise<void> {
    if (!this.exists() || this.unlock_) return;
    finishInterruptedEncryption(this.dataDir);
    const status = deskStatus(this.dataDir);
    if (status.unlock.includes('passphrase')) this.unlock_ = { passphrase: await existingPassphrase(this.passphraseSources) };
  }

  /** The passphrase (or master key) this session unlocked with, if any. */
  get unlockWith(): Unlock | undefined {
    return this.unlock_;
  }

  /**
   * The Core on the data folder, making a new desk there when there is none: encrypted with a
   * passphrase chosen now, unless --unencrypted says otherwise.
   */
  async openOrCreate(): Promise<Core> {
    if (this.core_ || this.exists()) return this.core();
    let create: Protection = { method: 'none' };
    if (!this.opts.unencrypted) {
      const passphrase = await chosenPassphrase(this.passphraseSources, ', or add --unencrypted for a desk that is not protected at rest');
      create = { method: 'passphrase', passphrase };
      this.unlock_ = { passphrase };
    }
    this.core_ = createCore({ dataDir: this.dataDir, unlock: this.unlock_, create, pdfEngine: chromiumPdfEngine() });
    return this.core_;
  }

  invoke<M extends Method>(method: M, input: Record<string, unknown>, run?: RunOptions): Promise<Output<M>> {
    return this.core().invoke(method, input, run);
  }

  async profiles(): Promise<Profile[]> {
    this.profiles_ ??= await this.invoke('profiles.list', {});
    return this.profiles_;
  }

  forgetProfiles(): void {
    this.profiles_ = null;
  }

  /** A profile named by id, unique name or unique initials (case-insensitive). */
  async findProfile(ref: string, what = '--as'): Promise<Profile> {
    const all = await this.profiles();
    const byId = all.find((p) => p.id === ref);
    if (byId) return byId;
    const lower = ref.trim().toLocaleLowerCase();
    const byName = all.filter((p) => p.name.toLocaleLowerCase() === lower);
    const matches = byName.length ? byName : all.filter((p) => p.initials.toLocaleLowerCase() === lower);
    if (matches.length === 1) return matches[0] as Profile;
    const known = all.map((p) => `${p.name} (${p.initials})`).join(', ') || 'none yet';
    if (matches.length > 1) {
      throw new UsageError(`${what} ${ref} matches several profiles (${matches.map((p) => `${p.name} ${p.id}`).join('; ')}): give the profile id`);
    }
    throw new CliError(`${what}: no profile with the id, name or initials "${ref}". Profiles: ${known}.`);
  }

  /**
   * The acting profile's id: --as, or the only active profile of the desk. A deactivated
   * profile named by --as is still found, so that the Core can say why it may not act.
   */
  async as(): Promise<string> {
    if (this.opts.as) return (await this.findProfile(this.opts.as)).id;
    const all = await this.profiles();
    if (all.length === 0) throw new CliError(`This desk has no profile yet. Create the first one: ${FIRST_PROFILE_HINT}`);
    const active = all.filter((p) => !p.deactivatedAt);
    if (active.length === 1) return (active[0] as Profile).id;
    throw new UsageError(`This desk has ${active.length} active profiles: say who is acting with --as (an id, name or initials: ${active.map((p) => p.initials).join(', ')})`);
  }

  /** Prints the Core's value as JSON with --json, otherwise runs the human printer. */
  emit<T>(value: T, human: (v: T) => void): void {
    if (this.json) printJson(value);
    else human(value);
  }

  close(): void {
    this.core_?.close();
    this.core_ = null;
  }
}

/**
 * Wraps a command action: builds the session from the global options, unlocks an encrypted desk
 * (unless the command does that itself), runs the action with the command's positional arguments
 * and options, and always closes the Core.
 */
export function action<A extends unknown[]>(fn: (s: Session, ...args: A) => Promise<void> | void, opts: { unlock?: boolean } = {}) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const session = new Session(cmd.optsWithGlobals() as GlobalOptions);
    try {
      if (opts.unlock !== false) await session.unlock();
      await fn(session, ...(args.slice(0, -1) as A));
    } finally {
      session.close();
    }
  };
}
