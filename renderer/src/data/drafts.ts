/**
 * Autosave of records (statements, sources, actors, cases, notes) over the shared loop in
 * autosave.ts. Edits live here, not in components, so switching record or closing an editor
 * never drops one: the entry keeps saving (and reporting) after its editor has gone.
 *
 * A save sends only the fields that differ from the last saved record, with that record's rev,
 * as the profile that typed them.
 */
import type { ApiError } from '../api/client';
import { toApiError } from '../api/client';
import { Autosave } from './autosave';
import type { AutosaveOptions, Entry, SaveState as LoopState } from './autosave';

export type Rec = { id: string; rev: number } & Record<string, unknown>;

export type SaveState = LoopState<Rec>;

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
  /** The update method of the record's kind (`statements.update`…). */
  method: string;
  /** The profile whose edits these are. */
  author: string;
  /** Set aside: another profile is working (see autosave.ts). */
  parked: boolean;
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

interface DraftEntry extends Entry<Rec, Record<string, unknown>> {
  kind: DraftKind;
  flags: Set<string>;
}

export interface DraftDeps extends AutosaveOptions<DraftView> {
  /** Calls the Core as `as` (the author of the edits, never simply whoever is acting now). */
  send(method: string, input: Record<string, unknown>, as: string): Promise<unknown>;
  /** A save went through: refresh caches with the saved record. */
  saved(method: string, rec: Rec): void;
}

export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

type Sent = { keys: string[]; values: Record<string, unknown> };

export class DraftStore extends Autosave<Rec, Record<string, unknown>, DraftEntry, DraftView, Sent> {
  constructor(private readonly deps: DraftDeps) {
    super(deps);
  }

  /** The record one kind of update names, by id. */
  static groupOf(kind: DraftKind, id: string): string {
    return `${kind.method}:${id}`;
  }

  static keyOf(kind: DraftKind, id: string, author: string): string {
    return `${author}|${DraftStore.groupOf(kind, id)}`;
  }

  // --- the loop's questions -------------------------------------------------------------------

  protected makeView(e: DraftEntry): DraftView {
    const held = e.kind.hold?.(e.base, e.draft, e.flags, false) ?? [];
    const recordDraft = Object.fromEntries(Object.entries(e.draft).filter(([k]) => !e.kind.inputOnly?.includes(k)));
    return {
      key: e.key, method: e.kind.method, author: e.author, parked: e.parked, base: e.base, draft: { ...e.draft },
      value: { ...e.base, ...recordDraft } as Rec, state: e.state, dirty: Object.keys(e.draft).length > 0, held, flags: new Set(e.flags),
    };
  }

  protected isEmpty(draft: Record<string, unknown>): boolean {
    return Object.keys(draft).length === 0;
  }

  protected revOf(base: Rec): number {
    return base.rev;
  }

  protected emptyDraft(): Record<string, unknown> {
    return {};
  }

  protected outgoing(e: DraftEntry, final: boolean) {
    const held = new Set(e.kind.hold?.(e.base, e.draft, e.flags, final) ?? []);
    const keys = Object.keys(e.draft).filter((k) => !held.has(k));
    if (!keys.some((k) => !e.kind.inputOnly?.includes(k))) return null;
    const values = Object.fromEntries(keys.map((k) => [k, e.draft[k]]));
    return { input: { id: e.base.id, rev: e.base.rev, ...values }, sent: { keys, values } };
  }

  protected async send(e: DraftEntry, input: Record<string, unknown>): Promise<Rec> {
    return (await this.deps.send(e.kind.method, input, e.author)) as Rec;
  }

  protected afterSave(e: DraftEntry, sent: Sent, rec: Rec): void {
    e.base = rec;
    for (const k of sent.keys) if (e.draft[k] === sent.values[k]) delete e.draft[k];
    for (const [k, v] of Object.entries(e.draft)) if (!e.kind.inputOnly?.includes(k) && same(rec[k], v)) delete e.draft[k];
    this.deps.saved(e.kind.method, rec);
  }

  protected rebase(e: DraftEntry, newer: Rec): void {
    e.base = newer;
    for (const [k, v] of Object.entries(e.draft)) if (same(newer[k], v)) delete e.draft[k];
  }

  protected theirsOf(error: ApiError): Rec | undefined {
    const current = error.body.current;
    return current && typeof current === 'object' ? (current as Rec) : undefined;
  }

  protected adopted(e: DraftEntry, theirs: Rec): void {
    this.deps.saved(e.kind.method, theirs);
  }

  // --- writing ----------------------------------------------------------------------------------

  /** Starts tracking `author`'s edits of a record, or moves a clean entry onto a newer saved version. */
  open(kind: DraftKind, author: string, base: Rec): string {
    const key = DraftStore.keyOf(kind, base.id, author);
    this.track(key, DraftStore.groupOf(kind, base.id), author, base, () => ({ kind, flags: new Set<string>() }));
    return key;
  }

  edit(kind: DraftKind, author: string, base: Rec, patch: Record<string, unknown>, opts: { now?: boolean } = {}): Promise<void> {
    const e = this.get(this.open(kind, author, base))!;
    for (const [k, v] of Object.entries(patch)) {
      if (!kind.inputOnly?.includes(k) && same(e.base[k], v)) delete e.draft[k];
      else e.draft[k] = v;
    }
    return this.edited(e, opts.now ?? false);
  }

  /** Flags change what `hold` lets through (e.g. "the original is committed"). */
  setFlag(key: string, flag: string, on: boolean): void {
    const e = this.get(key);
    if (!e) return;
    if (on) e.flags.add(flag); else e.flags.delete(flag);
    this.changed(e);
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
   * The record as saved once `author`'s pending edits are in: for actions that need its current
   * rev (trash, a status change) so they never race the autosave of the same record.
   */
  async settle(kind: DraftKind, author: string, base: Rec): Promise<Rec> {
    const e = await this.settled(this.get(this.open(kind, author, base))!);
    return e.base;
  }

  /**
   * A deliberate change (a status, an assignment) saved right away as `author`, apart from the
   * typed edits: a refusal is thrown to the caller to show, and never left behind as a draft.
   */
  async commit(kind: DraftKind, author: string, base: Rec, patch: Record<string, unknown>): Promise<Rec> {
    const e = this.get(this.open(kind, author, base))!;
    const current = await this.settle(kind, author, base);
    let rec: Rec;
    try {
      rec = (await this.deps.send(kind.method, { id: current.id, rev: current.rev, ...patch }, author)) as Rec;
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
}
