import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { TranslationView } from '../../../../shared/domain';
import { useToast } from '../../components/toast';
import type { ToastInput } from '../../components/toast';
import { keyOf } from '../../data/keys';
import { useCaller } from '../../data/query';
import { navigate, paths } from '../../app/router';
import { TranslationEdits } from './editStore';
import type { EditState, EditsView, SegmentPatch, SendEdit } from './editStore';

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
  const run = useCaller();
  const send = useCallback<SendEdit>((input) => run('translations.edit', input), [run]);
  const id = view.translation.id;

  useEffect(() => { store.open(view, send); }, [store, view, send]);
  useEffect(() => {
    const unwatch = store.watch(id);
    return () => {
      unwatch();
      void store.flush(id);
    };
  }, [store, id]);

  const subscribe = useCallback((fn: () => void) => store.subscribe(id, fn), [store, id]);
  const snapshot = useCallback(() => store.view(id), [store, id]);
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
      edit: (segId, patch) => store.edit(base, segId, patch, send),
      flush: () => store.flush(id),
      settle: async () => (await store.settle(id)) ?? base,
      adopt: (v) => { store.open(v, send); store.adopt(v); },
      keepMine: () => store.keepMine(id),
      takeTheirs: () => store.takeTheirs(id),
    };
  }, [live, view, store, send, id]);
}
