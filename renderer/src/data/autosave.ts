/**
 * The autosave loop shared by every store of edits that outlives its editor (record drafts,
 * translation segment edits). Each entry holds one profile's unsaved edits of one record on top
 * of the version they were made on; what differs between stores (what an edit is, what a save
 * sends, what comes back) is left to the subclass.
 *
 * The loop: an edit waits for a pause, then only what differs is sent with the saved rev. Typing
 * during a save is sent next, on the new rev. A stale rev comes back as `conflict` with the saved
 * version, and the entry stops until the user keeps theirs, takes the saved one or merges: nothing
 * is overwritten silently, nothing is retried over someone else's change. When the Core could not
 * be reached the entry tries again by itself; a refusal waits for the user.
 *
 * Every entry belongs to the profile that typed it and is only ever saved as that profile. When
 * another profile takes over, the previous one's unsaved entries are parked: never sent, never
 * retried, shown with their author's name, until that profile works again or they are discarded.
 */
import type { ApiError } from '../api/client';
import { toApiError } from '../api/client';
import { EntryNotifier } from './entryNotifier';

export type SaveState<B> =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; error: ApiError; offline: boolean }
  | { kind: 'conflict'; theirs: B; error: ApiError };

export interface Entry<B, D> {
  readonly key: string;
  /** The record the edits are of: entries of one record by different profiles share it. */
  readonly group: string;
  /** The profile that made the edits; every save of them is made as this profile. */
  readonly author: string;
  base: B;
  draft: D;
  state: SaveState<B>;
  timer: ReturnType<typeof setTimeout> | undefined;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  inflight: Promise<void> | undefined;
  again: boolean;
  /** A final flush arrived while a save was under way. */
  final: boolean;
  /** Set aside while another profile works (see above). */
  parked: boolean;
}

/** What a save sends (`input` goes to the Core), and what of the edits it carried (`sent`). */
export interface Outgoing<S> { input: Record<string, unknown>; sent: S }

export interface AutosaveOptions<V> {
  /** A save failed with nobody looking (the editor was closed): tell the user where. */
  problem(view: V): void;
  delayMs?: number;
  retryMs?: number;
}

export abstract class Autosave<B, D, E extends Entry<B, D>, V, S = unknown> extends EntryNotifier {
  protected readonly entries = new Map<string, E>();
  private readonly views = new Map<string, V>();
  readonly delayMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: AutosaveOptions<V>) {
    super();
    this.delayMs = options.delayMs ?? 800;
    this.retryMs = options.retryMs ?? 4000;
  }

  // --- what each store decides ----------------------------------------------------------------

  protected abstract makeView(e: E): V;
  protected abstract isEmpty(draft: D): boolean;
  protected abstract revOf(base: B): number;
  /** What can be sent now (`final`: the user is leaving), or null when nothing can go yet. */
  protected abstract outgoing(e: E, final: boolean): Outgoing<S> | null;
  protected abstract send(e: E, input: Record<string, unknown>): Promise<B>;
  /** A save went through: `result` becomes the base, and what was sent and not retyped is saved. */
  protected abstract afterSave(e: E, sent: S, result: B): void;
  /** Moves the base onto a newer saved version; edits equal to it are no longer edits. */
  protected abstract rebase(e: E, newer: B): void;
  /** The saved version a conflict refusal carries, when it is one. */
  protected abstract theirsOf(error: ApiError): B | undefined;
  protected abstract emptyDraft(): D;
  /** Someone else's version was taken as the base: refresh what shows the record. */
  protected abstract adopted(e: E, theirs: B): void;

  // --- reading ----------------------------------------------------------------------------------

  view(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    let v = this.views.get(key);
    if (!v) this.views.set(key, (v = this.makeView(e)));
    return v;
  }

  /** Entries with edits not yet saved (parked ones too), or a save under way. */
  unsaved(): V[] {
    return [...this.entries.values()].filter((e) => this.dirty(e)).map((e) => this.view(e.key)!);
  }

  /** Unsaved edits of the record `group` by profiles other than `author`. */
  others(group: string, author: string): V[] {
    return [...this.entries.values()].filter((e) => e.group === group && e.author !== author && this.dirty(e)).map((e) => this.view(e.key)!);
  }

  /** Subscribes to every entry of one record, whoever its author. */
  subscribeGroup(group: string, fn: () => void): () => void {
    return this.subscribe(`group:${group}`, fn);
  }

  // --- writing ----------------------------------------------------------------------------------

  /** Saves now; resolves when the entry has nothing more it can send. */
  async flush(key: string, opts: { final?: boolean } = {}): Promise<void> {
    const e = this.entries.get(key);
    if (!e) return;
    if (e.timer) { clearTimeout(e.timer); e.timer = undefined; }
    await this.save(e, opts.final ?? false);
  }

  /** Saves every entry (of one author, when given) now; `final` when the user is leaving. */
  async flushAll(opts: { final?: boolean; author?: string } = {}): Promise<void> {
    const keys = [...this.entries.values()].filter((e) => opts.author === undefined || e.author === opts.author).map((e) => e.key);
    await Promise.all(keys.map((k) => this.flush(k, opts)));
  }

  retry(key: string): Promise<void> {
    return this.flush(key);
  }

  /** Conflict: my edits on top of the saved version, saved again with its rev. */
  async keepMine(key: string): Promise<void> {
    const e = this.entries.get(key);
    if (!e || e.state.kind !== 'conflict') return;
    const theirs = e.state.theirs;
    e.state = { kind: 'pending' };
    this.moveOnto(e, theirs);
    this.changed(e);
    await this.save(e);
  }

  /** Drops the edits (after a conflict, the saved version becomes the base). */
  discard(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.stopTimers(e);
    if (e.state.kind === 'conflict') { e.base = e.state.theirs; this.adopted(e, e.base); }
    e.draft = this.emptyDraft();
    e.state = { kind: 'saved' };
    this.changed(e);
  }

  /** Forgets an entry (the record was trashed, or its parked edits were discarded). */
  drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.stopTimers(e);
    this.entries.delete(key);
    this.views.delete(key);
    this.notify(key);
    this.notify(`group:${e.group}`);
  }

  /** Another profile takes over: `author`'s entries are set aside as they are. */
  park(author: string): void {
    for (const e of this.entries.values()) {
      if (e.author !== author || e.parked) continue;
      this.stopTimers(e);
      e.parked = true;
      this.changed(e);
    }
  }

  /** `author` works again: their entries come back; what failed only for want of the Core is tried again. */
  unpark(author: string): void {
    for (const e of this.entries.values()) {
      if (e.author !== author || !e.parked) continue;
      e.parked = false;
      this.changed(e);
      if (e.state.kind === 'error' && e.state.offline) void this.save(e);
    }
  }

  // --- for the stores -------------------------------------------------------------------------

  /** The entry for `key`, made on `base` if there is none, or moved onto a newer saved `base`. */
  protected track(key: string, group: string, author: string, base: B, extra: () => Omit<E, keyof Entry<B, D>>): E {
    const e = this.entries.get(key);
    if (!e) {
      const made = {
        key, group, author, base, draft: this.emptyDraft(), state: { kind: 'saved' }, timer: undefined, retryTimer: undefined,
        inflight: undefined, again: false, final: false, parked: false, ...extra(),
      } as E;
      this.entries.set(key, made);
      return made;
    }
    if (this.revOf(base) > this.revOf(e.base) && !e.inflight && e.state.kind !== 'conflict') {
      this.moveOnto(e, base);
      this.changed(e);
    }
    return e;
  }

  protected get(key: string): E | undefined {
    return this.entries.get(key);
  }

  /** An edit was applied to `e.draft`: say so, and save after the pause (or now). */
  protected edited(e: E, now: boolean): Promise<void> {
    if (e.state.kind !== 'conflict' && e.state.kind !== 'saving') {
      e.state = this.isEmpty(e.draft) ? { kind: 'saved' } : { kind: 'pending' };
    }
    this.changed(e);
    if (now) return this.flush(e.key);
    this.schedule(e);
    return Promise.resolve();
  }

  /** Waits for the entry's pending edits to be saved (or refused). */
  protected async settled(e: E): Promise<E> {
    await this.flush(e.key);
    while (e.inflight) await e.inflight;
    return e;
  }

  /** Conflict: the user decided what the edits are on top of the saved version; save them. */
  protected async resolve(key: string, apply: (e: E, theirs: B) => void): Promise<void> {
    const e = this.entries.get(key);
    if (!e || e.state.kind !== 'conflict') return;
    apply(e, e.state.theirs);
    e.state = this.isEmpty(e.draft) ? { kind: 'saved' } : { kind: 'pending' };
    this.changed(e);
    await this.save(e);
  }

  protected moveOnto(e: E, newer: B): void {
    this.rebase(e, newer);
    if (this.isEmpty(e.draft) && e.state.kind !== 'error') e.state = { kind: 'saved' };
  }

  protected changed(e: E): void {
    this.views.delete(e.key);
    this.notify(e.key);
    this.notify(`group:${e.group}`);
  }

  // --- the loop ---------------------------------------------------------------------------------

  private dirty(e: E): boolean {
    return !this.isEmpty(e.draft) || e.state.kind === 'saving';
  }

  private stopTimers(e: E): void {
    if (e.timer) { clearTimeout(e.timer); e.timer = undefined; }
    if (e.retryTimer) { clearTimeout(e.retryTimer); e.retryTimer = undefined; }
  }

  private schedule(e: E): void {
    if (e.timer) clearTimeout(e.timer);
    e.timer = setTimeout(() => { e.timer = undefined; void this.save(e); }, this.delayMs);
  }

  private save(e: E, final = false): Promise<void> {
    if (e.inflight) {
      e.again = true;
      if (final) e.final = true;
      return e.inflight;
    }
    if (e.parked || e.state.kind === 'conflict') return Promise.resolve();
    if (e.retryTimer) { clearTimeout(e.retryTimer); e.retryTimer = undefined; }
    const out = this.outgoing(e, final);
    if (!out) {
      if (e.state.kind !== 'error') e.state = this.isEmpty(e.draft) ? { kind: 'saved' } : { kind: 'pending' };
      this.changed(e);
      return Promise.resolve();
    }
    e.state = { kind: 'saving' };
    this.changed(e);
    e.inflight = (async () => {
      try {
        const result = await this.send(e, out.input);
        this.afterSave(e, out.sent, result);
        e.state = this.isEmpty(e.draft) ? { kind: 'saved' } : { kind: 'pending' };
      } catch (err) {
        const error = toApiError(err);
        const theirs = this.theirsOf(error);
        if (error.code === 'conflict' && theirs) {
          e.state = { kind: 'conflict', theirs, error };
        } else {
          const offline = error.code === 'failed';
          e.state = { kind: 'error', error, offline };
          // The Core was unreachable: try again by itself. A refusal waits for the next edit.
          if (offline && !e.parked) e.retryTimer = setTimeout(() => { e.retryTimer = undefined; void this.save(e); }, this.retryMs);
        }
      } finally {
        e.inflight = undefined;
        this.changed(e);
      }
      if (e.state.kind === 'conflict' || e.state.kind === 'error') {
        e.again = false;
        if (!this.watched(e.key) && !e.parked) this.options.problem(this.view(e.key)!);
        return;
      }
      if (e.again || (e.state.kind === 'pending' && !e.timer)) {
        e.again = false;
        const again = e.final;
        e.final = false;
        if (this.outgoing(e, again)) await this.save(e, again);
      }
    })();
    return e.inflight;
  }
}
