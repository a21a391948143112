/**
 * Autosave. Edits live here, not in components, so switching record or closing an editor
 * never drops one: the entry keeps saving (and reporting) after its editor has gone.
 *
 * A save sends only the fields that differ from the last saved record, with that record's
 * rev. A stale rev comes back as `conflict` with the saved record; the entry then stops and
 * waits for the user to keep theirs, take the saved one, or merge by hand. Nothing is
 * overwritten silently and nothing is retried over someone else's change.
 */
import type { ApiError } from '../api/client';
import { toApiError } from '../api/client';
import { EntryNotifier } from './entryNotifier';

export type Rec = { id: string; rev: number } & Record<string, unknown>;

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; error: ApiError; offline: boolean }
  | { kind: 'conflict'; theirs: Rec; error: ApiError };

export interface DraftKind {
  /** The update method: input `{ as, id, rev, ...patch }`, output the saved record. */
  method: string;
  /** Draft keys that are not to be sent yet (e.g. a correction still without its reason). */
  hold?(base: Rec, draft: Record<string, unknown>, flags: ReadonlySet<string>, final: boolean): string[];
  /** Keys that are input-only (a correction reason): sent along, never part of the record. */
  inputOnly?: readonly string[];
}

export interface DraftView<T extends Rec = Rec> {
  key: string;
  base: T;
  draft: Partial<T> & Record<string, unknown>;
  /** The record as the user sees it: saved values with their edits on top. */
  value: T;
  state: SaveState;
  /** Edits not yet saved (including held ones). */
  dirty: boolean;
  held: string[];
  flags: ReadonlySet<string>;
}

interface Entry {
  key: string;
  kind: DraftKind;
  base: Rec;
  draft: Record<string, unknown>;
  flags: Set<string>;
  state: SaveState;
  timer: ReturnType<typeof setTimeout> | undefined;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  inflight: Promise<void> | undefined;
  again: boolean;
  /** A final flush arrived while a save was under way. */
  final: boolean;
  view: DraftView | undefined;
}

export interface DraftDeps {
  send(method: string, input: Record<string, unknown>): Promise<unknown>;
  /** A save went through: refresh caches with the saved record. */
  saved(method: string, rec: Rec): void;
  /** A save failed with nobody looking (the editor was closed): tell the user where. */
  problem(view: DraftView): void;
  delayMs?: number;
  retryMs?: number;
}

export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export class DraftStore extends EntryNotifier {
  private entries = new Map<string, Entry>();
  readonly delayMs: number;
  private readonly retryMs: number;

  constructor(private deps: DraftDeps) {
    super();
    this.delayMs = deps.delayMs ?? 800;
    this.retryMs = deps.retryMs ?? 4000;
  }

  static keyOf(kind: DraftKind, id: string): string {
    return `${kind.method}:${id}`;
  }

  // --- reading ---------------------------------------------------------------------------

  view(key: string): DraftView | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (!e.view) {
      const held = e.kind.hold?.(e.base, e.draft, e.flags, false) ?? [];
      const recordDraft = Object.fromEntries(Object.entries(e.draft).filter(([k]) => !e.kind.inputOnly?.includes(k)));
      e.view = {
        key, base: e.base, draft: { ...e.draft }, value: { ...e.base, ...recordDraft } as Rec, state: e.state,
        dirty: Object.keys(e.draft).length > 0, held, flags: new Set(e.flags),
      };
    }
    return e.view;
  }

  unsaved(): DraftView[] {
    return [...this.entries.keys()].map((k) => this.view(k)!).filter((v) => v.dirty || v.state.kind === 'saving');
  }

  // --- writing ---------------------------------------------------------------------------

  /** Starts tracking a record, or moves a clean entry onto a newer saved version. */
  open(kind: DraftKind, base: Rec): string {
    const key = DraftStore.keyOf(kind, base.id);
    const e = this.entries.get(key);
    if (!e) {
      this.entries.set(key, {
        key, kind, base, draft: {}, flags: new Set(), state: { kind: 'saved' }, timer: undefined, retryTimer: undefined,
        inflight: undefined, again: false, final: false, view: undefined,
      });
    } else if (base.rev > e.base.rev && !e.inflight && e.state.kind !== 'conflict') {
      e.base = base;
      // Edits equal to the newer saved values are no longer edits.
      for (const [k, v] of Object.entries(e.draft)) if (same(base[k], v)) delete e.draft[k];
      if (Object.keys(e.draft).length === 0 && e.state.kind !== 'error') e.state = { kind: 'saved' };
      this.changed(e);
    }
    return key;
  }

  edit(kind: DraftKind, base: Rec, patch: Record<string, unknown>, opts: { now?: boolean } = {}): Promise<void> {
    const key = this.open(kind, base);
    const e = this.entries.get(key)!;
    for (const [k, v] of Object.entries(patch)) {
      if (!kind.inputOnly?.includes(k) && same(e.base[k], v)) delete e.draft[k];
      else e.draft[k] = v;
    }
    if (e.state.kind !== 'conflict' && e.state.kind !== 'saving') {
      e.state = Object.keys(e.draft).length ? { kind: 'pending' } : { kind: 'saved' };
    }
    this.changed(e);
    if (opts.now) return this.flush(key);
    this.schedule(e);
    return Promise.resolve();
  }

  /** Flags change what `hold` lets through (e.g. "the original is committed"). */
  setFlag(key: string, flag: string, on: boolean): void {
    const e = this.entries.get(key);
    if (!e) return;
    if (on) e.flags.add(flag); else e.flags.delete(flag);
    this.changed(e);
  }

  /** Saves now; resolves when the entry has nothing more it can send. */
  /** Saves now; `final` when the user is leaving (what waited for them to finish goes too). */
  async flush(key: string, opts: { final?: boolean } = {}): Promise<void> {
    const e = this.entries.get(key);
    if (!e) return;
    if (e.timer) { clearTimeout(e.timer); e.timer = undefined; }
    await this.save(e, opts.final ?? false);
  }

  async flushAll(opts: { final?: boolean } = {}): Promise<void> {
    await Promise.all([...this.entries.keys()].map((k) => this.flush(k, opts)));
  }

  /** Conflict: keep my edits on top of the saved record (saved again with its rev). */
  keepMine(key: string): Promise<void> {
    return this.resolve(key, (e, theirs) => {
      e.base = theirs;
      for (const [k, v] of Object.entries(e.draft)) if (same(theirs[k], v)) delete e.draft[k];
    });
  }

  /** Conflict: drop my edits and take the saved record. */
  takeTheirs(key: string): Promise<void> {
    return this.resolve(key, (e, theirs) => {
      e.base = theirs;
      e.draft = {};
      this.deps.saved(e.kind.method, theirs);
    });
  }

  /** Conflict: the user chose, field by field, what the record should hold. */
  merge(key: string, values: Record<string, unknown>): Promise<void> {
    return this.resolve(key, (e, theirs) => {
      e.base = theirs;
      const inputOnly = Object.fromEntries(Object.entries(e.draft).filter(([k]) => e.kind.inputOnly?.includes(k)));
      e.draft = { ...inputOnly };
      for (const [k, v] of Object.entries(values)) if (!same(theirs[k], v)) e.draft[k] = v;
    });
  }

  /**
   * The record as saved once pending edits are in: for actions that need its current rev
   * (trash, a status change) so they never race the autosave of the same record.
   */
  async settle(kind: DraftKind, base: Rec): Promise<Rec> {
    const key = this.open(kind, base);
    const e = this.entries.get(key)!;
    await this.flush(key);
    while (e.inflight) await e.inflight;
    return e.base;
  }

  /**
   * A deliberate change (a status, an assignment) saved right away, apart from the typed
   * edits: a refusal is thrown to the caller to show, and never left behind as a draft.
   */
  async commit(kind: DraftKind, base: Rec, patch: Record<string, unknown>): Promise<Rec> {
    const key = this.open(kind, base);
    const e = this.entries.get(key)!;
    const current = await this.settle(kind, base);
    let rec: Rec;
    try {
      rec = (await this.deps.send(kind.method, { id: current.id, rev: current.rev, ...patch })) as Rec;
    } catch (err) {
      // Someone else saved first: with no edits of ours pending, take their record as the base
      // so trying again works on it; the caller shows the refusal either way.
      const theirs = toApiError(err).body.current as Rec | undefined;
      if (toApiError(err).code === 'conflict' && theirs && Object.keys(e.draft).length === 0 && e.state.kind !== 'conflict') {
        e.base = theirs;
        this.changed(e);
        this.deps.saved(kind.method, theirs);
      }
      throw err;
    }
    if (rec.rev > e.base.rev) e.base = rec;
    for (const [k, v] of Object.entries(e.draft)) if (same(rec[k], v)) delete e.draft[k];
    if (Object.keys(e.draft).length === 0 && e.state.kind !== 'conflict') e.state = { kind: 'saved' };
    this.changed(e);
    this.deps.saved(kind.method, rec);
    return rec;
  }

  retry(key: string): Promise<void> {
    return this.flush(key);
  }

  /** Forget an entry (the record was trashed): its edits go nowhere. */
  drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    if (e.timer) clearTimeout(e.timer);
    if (e.retryTimer) clearTimeout(e.retryTimer);
    this.entries.delete(key);
    this.notify(key);
  }

  // --- internals -------------------------------------------------------------------------

  private async resolve(key: string, apply: (e: Entry, theirs: Rec) => void): Promise<void> {
    const e = this.entries.get(key);
    if (!e || e.state.kind !== 'conflict') return;
    apply(e, e.state.theirs);
    e.state = Object.keys(e.draft).length ? { kind: 'pending' } : { kind: 'saved' };
    this.changed(e);
    await this.save(e);
  }

  private changed(e: Entry): void {
    e.view = undefined;
    this.notify(e.key);
  }

  private schedule(e: Entry): void {
    if (e.timer) clearTimeout(e.timer);
    e.timer = setTimeout(() => { e.timer = undefined; void this.save(e); }, this.delayMs);
  }

  private save(e: Entry, final = false): Promise<void> {
    if (e.inflight) {
      e.again = true;
      if (final) e.final = true;
      return e.inflight;
    }
    if (e.state.kind === 'conflict') return Promise.resolve();
    if (e.retryTimer) { clearTimeout(e.retryTimer); e.retryTimer = undefined; }
    const held = new Set(e.kind.hold?.(e.base, e.draft, e.flags, final) ?? []);
    const keys = Object.keys(e.draft).filter((k) => !held.has(k));
    const recordKeys = keys.filter((k) => !e.kind.inputOnly?.includes(k));
    if (recordKeys.length === 0) {
      if (e.state.kind !== 'error') e.state = Object.keys(e.draft).length ? { kind: 'pending' } : { kind: 'saved' };
      this.changed(e);
      return Promise.resolve();
    }
    const sent = Object.fromEntries(keys.map((k) => [k, e.draft[k]]));
    e.state = { kind: 'saving' };
    this.changed(e);
    e.inflight = (async () => {
      try {
        const rec = (await this.deps.send(e.kind.method, { id: e.base.id, rev: e.base.rev, ...sent })) as Rec;
        e.base = rec;
        for (const k of keys) if (e.draft[k] === sent[k]) delete e.draft[k];
        for (const [k, v] of Object.entries(e.draft)) if (!e.kind.inputOnly?.includes(k) && same(rec[k], v)) delete e.draft[k];
        e.state = Object.keys(e.draft).length ? { kind: 'pending' } : { kind: 'saved' };
        this.deps.saved(e.kind.method, rec);
      } catch (err) {
        const error = toApiError(err);
        const current = error.body.current as Rec | undefined;
        if (error.code === 'conflict' && current && typeof current === 'object') {
          e.state = { kind: 'conflict', theirs: current, error };
        } else {
          const offline = error.code === 'failed';
          e.state = { kind: 'error', error, offline };
          // The Core was unreachable: try again by itself. A refusal waits for the next edit.
          if (offline) e.retryTimer = setTimeout(() => { e.retryTimer = undefined; void this.save(e); }, this.retryMs);
        }
      } finally {
        e.inflight = undefined;
        this.changed(e);
      }
      if (e.state.kind === 'conflict' || e.state.kind === 'error') {
        e.again = false;
        if (!this.watched(e.key)) this.deps.problem(this.view(e.key)!);
        return;
      }
      if (e.again || (e.state.kind === 'pending' && !e.timer)) {
        e.again = false;
        const again = e.final;
        e.final = false;
        const heldNow = new Set(e.kind.hold?.(e.base, e.draft, e.flags, again) ?? []);
        if (Object.keys(e.draft).some((k) => !heldNow.has(k) && !e.kind.inputOnly?.includes(k))) await this.save(e, again);
      }
    })();
    return e.inflight;
  }
}
