/**
 * Autosave of segment edits (targets and translator's notes). Edits live here, not in the
 * pane, so leaving the statement never drops one: the entry keeps saving after its pane has
 * gone, as the record drafts do (data/drafts.ts).
 *
 * A save sends only the segments whose target or note differ from the last saved revision, with
 * the translation's rev. A stale rev, or a revision that went into review meanwhile, comes back
 * as `conflict` with the translation as it is now; the entry then waits for the translator to
 * keep their edits (sent again on the new rev) or drop them. Nothing is overwritten silently.
 */
import type { TranslationView } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { EntryNotifier } from '../../data/entryNotifier';

export interface SegmentPatch { target?: string; note?: string }

export type EditState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; error: ApiError; offline: boolean }
  | { kind: 'conflict'; theirs: TranslationView; error: ApiError };

export interface EditsView {
  id: string;
  /** The translation as last saved (or as last read, when newer). */
  base: TranslationView;
  /** Unsaved edits by segment id. */
  edits: Readonly<Record<string, SegmentPatch>>;
  state: EditState;
  dirty: boolean;
}

export type SendEdit = (input: { id: string; rev: number; segments: { id: string; target?: string; note?: string }[] }) => Promise<TranslationView>;

interface Entry {
  id: string;
  base: TranslationView;
  edits: Record<string, SegmentPatch>;
  state: EditState;
  send: SendEdit;
  timer: ReturnType<typeof setTimeout> | undefined;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  inflight: Promise<void> | undefined;
  again: boolean;
  view: EditsView | undefined;
}

export interface EditDeps {
  /** A save went through: refresh what shows the translation. */
  saved(view: TranslationView): void;
  /** A save failed with no pane watching: tell the user where. */
  problem(view: EditsView): void;
  delayMs?: number;
  retryMs?: number;
}

function clean(patch: SegmentPatch): boolean {
  return patch.target === undefined && patch.note === undefined;
}

export class TranslationEdits extends EntryNotifier {
  private entries = new Map<string, Entry>();
  readonly delayMs: number;
  private readonly retryMs: number;

  constructor(private deps: EditDeps) {
    super();
    this.delayMs = deps.delayMs ?? 800;
    this.retryMs = deps.retryMs ?? 4000;
  }

  view(id: string): EditsView | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    e.view ??= { id, base: e.base, edits: { ...e.edits }, state: e.state, dirty: Object.keys(e.edits).length > 0 };
    return e.view;
  }

  unsaved(): EditsView[] {
    return [...this.entries.keys()].map((k) => this.view(k)!).filter((v) => v.dirty || v.state.kind === 'saving');
  }

  /** Starts tracking a translation, or moves onto a newer saved version of it. */
  open(base: TranslationView, send?: SendEdit): void {
    const id = base.translation.id;
    const e = this.entries.get(id);
    if (!e) {
      if (!send) return;
      this.entries.set(id, { id, base, edits: {}, state: { kind: 'saved' }, send, timer: undefined, retryTimer: undefined, inflight: undefined, again: false, view: undefined });
      return;
    }
    if (send) e.send = send;
    if (base.translation.rev > e.base.translation.rev && !e.inflight && e.state.kind !== 'conflict') {
      this.rebase(e, base);
      this.changed(e);
    }
  }

  /** The saved value of a segment's field in the latest revision. */
  private saved(e: Entry, segId: string, field: keyof SegmentPatch): string | undefined {
    return e.base.latest.segments.find((s) => s.id === segId)?.[field];
  }

  private rebase(e: Entry, base: TranslationView): void {
    e.base = base;
    for (const [segId, patch] of Object.entries(e.edits)) {
      const seg = base.latest.segments.find((s) => s.id === segId);
      // A segment merged away takes its unsaved words with it only if they were nothing new.
      if (!seg) { delete e.edits[segId]; continue; }
      if (patch.target !== undefined && patch.target === seg.target) delete patch.target;
      if (patch.note !== undefined && patch.note === seg.note) delete patch.note;
      if (clean(patch)) delete e.edits[segId];
    }
    if (Object.keys(e.edits).length === 0 && e.state.kind !== 'error') e.state = { kind: 'saved' };
  }

  edit(base: TranslationView, segId: string, patch: SegmentPatch, send: SendEdit): void {
    this.open(base, send);
    const e = this.entries.get(base.translation.id)!;
    const next = { ...(e.edits[segId] ?? {}) };
    for (const field of ['target', 'note'] as const) {
      const v = patch[field];
      if (v === undefined) continue;
      if (v === this.saved(e, segId, field)) delete next[field];
      else next[field] = v;
    }
    if (clean(next)) delete e.edits[segId]; else e.edits[segId] = next;
    if (e.state.kind !== 'conflict' && e.state.kind !== 'saving') {
      e.state = Object.keys(e.edits).length ? { kind: 'pending' } : { kind: 'saved' };
    }
    this.changed(e);
    this.schedule(e);
  }

  /** Saves now; resolves when the entry has nothing more it can send. */
  async flush(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e) return;
    if (e.timer) { clearTimeout(e.timer); e.timer = undefined; }
    await this.save(e);
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((k) => this.flush(k)));
  }

  /**
   * The translation as saved once pending edits are in, for actions that need its current rev
   * (merge, split, submit). Throws the save's error when the edits could not be saved.
   */
  async settle(id: string): Promise<TranslationView | undefined> {
    const e = this.entries.get(id);
    if (!e) return undefined;
    await this.flush(id);
    while (e.inflight) await e.inflight;
    if (e.state.kind === 'error' || e.state.kind === 'conflict') throw e.state.error;
    return e.base;
  }

  /** A structural change (merge, split, submit) went through: it is the new base. */
  adopt(view: TranslationView): void {
    const e = this.entries.get(view.translation.id);
    if (!e) return;
    if (view.translation.rev >= e.base.translation.rev) this.rebase(e, view);
    this.changed(e);
  }

  /** Conflict: my edits on top of the translation as it is now, saved again with its rev. */
  async keepMine(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e || e.state.kind !== 'conflict') return;
    const theirs = e.state.theirs;
    e.state = { kind: 'pending' };
    this.rebase(e, theirs);
    this.changed(e);
    await this.save(e);
  }

  /** Conflict (or a refusal): drop my edits and take the translation as it is now. */
  takeTheirs(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    if (e.timer) { clearTimeout(e.timer); e.timer = undefined; }
    if (e.retryTimer) { clearTimeout(e.retryTimer); e.retryTimer = undefined; }
    if (e.state.kind === 'conflict') { e.base = e.state.theirs; this.deps.saved(e.base); }
    e.edits = {};
    e.state = { kind: 'saved' };
    this.changed(e);
  }

  private changed(e: Entry): void {
    e.view = undefined;
    this.notify(e.id);
  }

  private schedule(e: Entry): void {
    if (e.timer) clearTimeout(e.timer);
    e.timer = setTimeout(() => { e.timer = undefined; void this.save(e); }, this.delayMs);
  }

  private save(e: Entry): Promise<void> {
    if (e.inflight) {
      e.again = true;
      return e.inflight;
    }
    if (e.state.kind === 'conflict') return Promise.resolve();
    if (e.retryTimer) { clearTimeout(e.retryTimer); e.retryTimer = undefined; }
    const sent = Object.entries(e.edits).map(([id, p]) => ({ id, ...p }));
    if (sent.length === 0) {
      if (e.state.kind !== 'error') e.state = { kind: 'saved' };
      this.changed(e);
      return Promise.resolve();
    }
    e.state = { kind: 'saving' };
    this.changed(e);
    e.inflight = (async () => {
      try {
        const view = await e.send({ id: e.base.translation.id, rev: e.base.translation.rev, segments: sent });
        // What was sent and not changed since is saved.
        for (const s of sent) {
          const now = e.edits[s.id];
          if (!now) continue;
          if (s.target !== undefined && now.target === s.target) delete now.target;
          if (s.note !== undefined && now.note === s.note) delete now.note;
          if (clean(now)) delete e.edits[s.id];
        }
        this.rebase(e, view);
        e.state = Object.keys(e.edits).length ? { kind: 'pending' } : { kind: 'saved' };
        this.deps.saved(view);
      } catch (err) {
        const error = toApiError(err);
        const current = error.body.current as TranslationView | undefined;
        if (error.code === 'conflict' && current && typeof current === 'object' && 'translation' in current) {
          e.state = { kind: 'conflict', theirs: current, error };
        } else {
          const offline = error.code === 'failed';
          e.state = { kind: 'error', error, offline };
          if (offline) e.retryTimer = setTimeout(() => { e.retryTimer = undefined; void this.save(e); }, this.retryMs);
        }
      } finally {
        e.inflight = undefined;
        this.changed(e);
      }
      if (e.state.kind === 'conflict' || e.state.kind === 'error') {
        e.again = false;
        if (!this.watched(e.id)) this.deps.problem(this.view(e.id)!);
        return;
      }
      if (e.again || (e.state.kind === 'pending' && !e.timer)) {
        e.again = false;
        if (Object.keys(e.edits).length) await this.save(e);
      }
    })();
    return e.inflight;
  }
}
