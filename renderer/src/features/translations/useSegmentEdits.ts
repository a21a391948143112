import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { TranslationView } from '../../../../shared/domain';
import { useToast } from '../../components/toast';
import type { ToastInput } from '../../components/toast';
import { call, toApiError } from '../../api/client';
import { useProfile } from '../../data/acting';
import { invalidateAfter, keyOf } from '../../data/keys';
import { navigate, paths } from '../../app/router';
import { TranslationEdits } from './editStore';
import type { EditState, EditsView, SegmentPatch } from './editStore';

/** One store per query client (per window): it outlives every pane, as the record drafts do. */
const stores = new WeakMap<QueryClient, { store: TranslationEdits; notify: (t: ToastInput) => void }>();

export function useTranslationEditStore(): TranslationEdits {
  const qc = useQueryClient();
  const { notify } = useToast();
  let slot = stores.get(qc);
  if (!slot) {
    const s: { store: TranslationEdits; notify: (t: ToastInput) => void } = {
      notify,
      store: new TranslationEdits({
        send: async (input, as) => {
          try {
            const view = await call('translations.edit', { ...input, as });
            void invalidateAfter(qc, 'translations.edit');
            return view;
          } catch (err) {
            throw toApiError(err);
          }
        },
        saved: (view) => {
          qc.setQueryData<TranslationView[]>(keyOf('translations.list', { statementId: view.translation.statementId }), (old) =>
            old?.map((v) => (v.translation.id === view.translation.id && v.translation.rev <= view.translation.rev ? view : v)));
        },
        problem: (v: EditsView) => s.notify({
          tone: 'error',
          message: v.state.kind === 'conflict'
            ? 'Translation edits you left could not be saved: someone else changed that translation. Open it to choose what to keep.'
            : `Translation edits you left could not be saved: ${v.state.kind === 'error' ? v.state.error.message : ''}`,
          action: { label: 'Open', run: () => navigate(paths.statement(v.base.translation.statementId)) },
        }),
      }),
    };
    stores.set(qc, s);
    slot = s;
  }
  slot.notify = notify;
  return slot.store;
}

export interface SegmentEdits {
  /** The translation as saved (the newer of what the store and the query know). */
  base: TranslationView;
  edits: Readonly<Record<string, SegmentPatch>>;
  state: EditState;
  dirty: boolean;
  /** A segment's target and note as the translator sees them (saved, with their edits on top). */
  valueOf(segId: string): { target: string; note: string };
  edit(segId: string, patch: SegmentPatch): void;
  flush(): Promise<void>;
  settle(): Promise<TranslationView>;
  adopt(view: TranslationView): void;
  keepMine(): Promise<void>;
  takeTheirs(): void;
}

const SAVED: EditState = { kind: 'saved' };

/** Segment edits of one translation with autosave; leaving the pane saves what is pending. */
export function useSegmentEdits(view: TranslationView): SegmentEdits {
  const store = useTranslationEditStore();
  const author = useProfile().id;
  const key = TranslationEdits.keyOf(view.translation.id, author);

  useEffect(() => { store.open(author, view); }, [store, author, view]);
  useEffect(() => {
    const unwatch = store.watch(key);
    return () => {
      unwatch();
      void store.flush(key);
    };
  }, [store, key]);

  const subscribe = useCallback((fn: () => void) => store.subscribe(key, fn), [store, key]);
  const snapshot = useCallback(() => store.view(key), [store, key]);
  const live = useSyncExternalStore(subscribe, snapshot);

  return useMemo<SegmentEdits>(() => {
    const base = live && live.base.translation.rev >= view.translation.rev ? live.base : view;
    const edits = live?.edits ?? {};
    return {
      base,
      edits,
      state: live?.state ?? SAVED,
      dirty: live?.dirty ?? false,
      valueOf: (segId) => {
        const seg = base.latest.segments.find((s) => s.id === segId);
        const e = edits[segId];
        return { target: e?.target ?? seg?.target ?? '', note: e?.note ?? seg?.note ?? '' };
      },
      edit: (segId, patch) => store.edit(author, base, segId, patch),
      flush: () => store.flush(key),
      settle: async () => (await store.settle(key)) ?? base,
      adopt: (v) => { store.open(author, v); store.adopt(key, v); },
      keepMine: () => store.keepMine(key),
      takeTheirs: () => store.takeTheirs(key),
    };
  }, [live, view, store, author, key]);
}

/** Other profiles' parked segment edits of this translation (never saved as the profile working now). */
export function useOthersSegmentEdits(translationId: string): { views: EditsView[]; discard(key: string): void } {
  const store = useTranslationEditStore();
  const author = useProfile().id;
  const subscribe = useCallback((fn: () => void) => store.subscribeGroup(translationId, fn), [store, translationId]);
  const signature = useCallback(
    () => store.others(translationId, author).map((v) => `${v.key}:${v.state.kind}:${Object.keys(v.edits).join(',')}`).join('|'),
    [store, translationId, author],
  );
  const sig = useSyncExternalStore(subscribe, signature);
  return useMemo(() => ({
    views: sig ? store.others(translationId, author) : [],
    discard: (key: string) => store.drop(key),
  }), [sig, store, translationId, author]);
}
