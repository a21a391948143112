/**
 * Autosave of segment edits (targets and translator's notes) over the shared loop in
 * data/autosave.ts. Edits live here, not in the pane, so leaving the statement never drops
 * one: the entry keeps saving after its pane has gone, as the record drafts do.
 *
 * A save sends only the segments whose target or note differ from the last saved revision, with
 * the translation's rev, as the profile that typed them. A stale rev, or a revision that went
 * into review meanwhile, comes back as `conflict` with the translation as it is now; the entry
 * then waits for the translator to keep their edits (sent again on the new rev) or drop them.
 */
import type { TranslationView } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { Autosave } from '../../data/autosave';
import type { AutosaveOptions, Entry, SaveState } from '../../data/autosave';

export interface SegmentPatch { target?: string; note?: string }

export type EditState = SaveState<TranslationView>;

type Edits = Record<string, SegmentPatch>;

export interface EditsView {
  key: string;
  /** The translation's id. */
  id: string;
  /** The profile whose edits these are. */
  author: string;
  parked: boolean;
  /** The translation as last saved (or as last read, when newer). */
  base: TranslationView;
  /** Unsaved edits by segment id. */
  edits: Readonly<Edits>;
  state: EditState;
  dirty: boolean;
}

export type SendEdit = (
  input: { id: string; rev: number; segments: { id: string; target?: string; note?: string }[] }, as: string,
) => Promise<TranslationView>;

export interface EditDeps extends AutosaveOptions<EditsView> {
  /** Calls translations.edit as `as` (the author of the edits). */
  send: SendEdit;
  /** A save went through: refresh what shows the translation. */
  saved(view: TranslationView): void;
}

type EditEntry = Entry<TranslationView, Edits>;
type Sent = { id: string; target?: string; note?: string }[];

function clean(patch: SegmentPatch): boolean {
  return patch.target === undefined && patch.note === undefined;
}

export class TranslationEdits extends Autosave<TranslationView, Edits, EditEntry, EditsView, Sent> {
  constructor(private readonly deps: EditDeps) {
    super(deps);
  }

  static keyOf(translationId: string, author: string): string {
    return `${author}|${translationId}`;
  }

  // --- the loop's questions -------------------------------------------------------------------

  protected makeView(e: EditEntry): EditsView {
    return {
      key: e.key, id: e.group, author: e.author, parked: e.parked, base: e.base, edits: { ...e.draft }, state: e.state,
      dirty: Object.keys(e.draft).length > 0,
    };
  }

  protected isEmpty(edits: Edits): boolean {
    return Object.keys(edits).length === 0;
  }

  protected revOf(base: TranslationView): number {
    return base.translation.rev;
  }

  protected emptyDraft(): Edits {
    return {};
  }

  protected outgoing(e: EditEntry) {
    const sent = Object.entries(e.draft).map(([id, p]) => ({ id, ...p }));
    if (sent.length === 0) return null;
    return { input: { id: e.base.translation.id, rev: e.base.translation.rev, segments: sent }, sent };
  }

  protected send(e: EditEntry, input: Record<string, unknown>): Promise<TranslationView> {
    return this.deps.send(input as Parameters<SendEdit>[0], e.author);
  }

  protected afterSave(e: EditEntry, sent: Sent, view: TranslationView): void {
    // What was sent and not changed since is saved.
    for (const s of sent) {
      const now = e.draft[s.id];
      if (!now) continue;
      if (s.target !== undefined && now.target === s.target) delete now.target;
      if (s.note !== undefined && now.note === s.note) delete now.note;
      if (clean(now)) delete e.draft[s.id];
    }
    this.rebase(e, view);
    this.deps.saved(view);
  }

  protected rebase(e: EditEntry, base: TranslationView): void {
    e.base = base;
    for (const [segId, patch] of Object.entries(e.draft)) {
      const seg = base.latest.segments.find((s) => s.id === segId);
      // A segment merged away takes its unsaved words with it only if they were nothing new.
      if (!seg) { delete e.draft[segId]; continue; }
      if (patch.target !== undefined && patch.target === seg.target) delete patch.target;
      if (patch.note !== undefined && patch.note === seg.note) delete patch.note;
      if (clean(patch)) delete e.draft[segId];
    }
  }

  protected theirsOf(error: ApiError): TranslationView | undefined {
    const current = error.body.current;
    return current && typeof current === 'object' && 'translation' in current ? (current as TranslationView) : undefined;
  }

  protected adopted(_e: EditEntry, theirs: TranslationView): void {
    this.deps.saved(theirs);
  }

  // --- writing ----------------------------------------------------------------------------------

  /** Starts tracking `author`'s edits of a translation, or moves onto a newer saved version of it. */
  open(author: string, base: TranslationView): string {
    const key = TranslationEdits.keyOf(base.translation.id, author);
    this.track(key, base.translation.id, author, base, () => ({}));
    return key;
  }

  edit(author: string, base: TranslationView, segId: string, patch: SegmentPatch): void {
    const e = this.get(this.open(author, base))!;
    const saved = (field: keyof SegmentPatch) => e.base.latest.segments.find((s) => s.id === segId)?.[field];
    const next = { ...(e.draft[segId] ?? {}) };
    for (const field of ['target', 'note'] as const) {
      const v = patch[field];
      if (v === undefined) continue;
      if (v === saved(field)) delete next[field];
      else next[field] = v;
    }
    if (clean(next)) delete e.draft[segId]; else e.draft[segId] = next;
    void this.edited(e, false);
  }

  /**
   * The translation as saved once pending edits are in, for actions that need its current rev
   * (merge, split, submit). Throws the save's error when the edits could not be saved.
   */
  async settle(key: string): Promise<TranslationView | undefined> {
    const found = this.get(key);
    if (!found) return undefined;
    const e = await this.settled(found);
    if (e.state.kind === 'error' || e.state.kind === 'conflict') throw e.state.error;
    return e.base;
  }

  /** A structural change (merge, split, submit) went through: it is the new base. */
  adopt(key: string, view: TranslationView): void {
    const e = this.get(key);
    if (!e) return;
    if (view.translation.rev >= e.base.translation.rev) this.moveOnto(e, view);
    this.changed(e);
  }

  /** Conflict (or a refusal): drop my edits and take the translation as it is now. */
  takeTheirs(key: string): void {
    this.discard(key);
  }
}
