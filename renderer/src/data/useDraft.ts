import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { DraftStore } from './drafts';
import type { DraftKind, DraftView, Rec } from './drafts';

export const DraftsContext = createContext<DraftStore | null>(null);

export function useDraftStore(): DraftStore {
  const store = useContext(DraftsContext);
  if (!store) throw new Error('useDraftStore() outside <DraftsContext>');
  return store;
}

export interface Draft<T extends Rec> {
  view: DraftView<T>;
  edit(patch: Partial<T> & Record<string, unknown>, opts?: { now?: boolean }): Promise<void>;
  flush(): Promise<void>;
  setFlag(flag: string, on: boolean): void;
  keepMine(): Promise<void>;
  takeTheirs(): Promise<void>;
  merge(values: Record<string, unknown>): Promise<void>;
}

/**
 * A record being edited with autosave. The edits belong to the store: leaving the editor
 * flushes them and they keep saving; coming back shows them again, conflict and all.
 */
export function useDraft<T extends Rec>(kind: DraftKind, record: T): Draft<T> {
  const store = useDraftStore();
  const key = DraftStore.keyOf(kind, record.id);

  useEffect(() => { store.open(kind, record); }, [store, kind, record]);
  useEffect(() => {
    const unwatch = store.watch(key);
    return () => {
      unwatch();
      void store.flush(key, { final: true });
    };
  }, [store, key]);

  const subscribe = useCallback((fn: () => void) => store.subscribe(key, fn), [store, key]);
  const snapshot = useCallback(() => store.view(key), [store, key]);
  const live = useSyncExternalStore(subscribe, snapshot);
  const fallback = useMemo<DraftView>(() => ({
    key, base: record, draft: {}, value: record, state: { kind: 'saved' }, dirty: false, held: [], flags: new Set(),
  }), [key, record]);
  const view = (live ?? fallback) as DraftView<T>;

  return useMemo(() => ({
    view,
    edit: (patch, opts) => store.edit(kind, view.base, patch, opts),
    flush: () => store.flush(key),
    setFlag: (flag, on) => { store.open(kind, view.base); store.setFlag(key, flag, on); },
    keepMine: () => store.keepMine(key),
    takeTheirs: () => store.takeTheirs(key),
    merge: (values) => store.merge(key, values),
  }), [store, kind, key, view]);
}
