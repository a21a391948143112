import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useProfile } from './acting';
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
 * A record being edited with autosave by the acting profile. The edits belong to the store:
 * leaving the editor flushes them and they keep saving; coming back shows them again, conflict
 * and all. Another profile's edits of the same record are theirs (see useOthersDrafts).
 */
export function useDraft<T extends Rec>(kind: DraftKind, record: T): Draft<T> {
  const store = useDraftStore();
  const author = useProfile().id;
  const key = DraftStore.keyOf(kind, record.id, author);

  useEffect(() => { store.open(kind, author, record); }, [store, kind, author, record]);
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
    key, method: kind.method, author, parked: false, base: record, draft: {}, value: record, state: { kind: 'saved' }, dirty: false,
    held: [], flags: new Set(),
  }), [key, kind, author, record]);
  const view = (live ?? fallback) as DraftView<T>;

  return useMemo(() => ({
    view,
    edit: (patch, opts) => store.edit(kind, author, view.base, patch, opts),
    flush: () => store.flush(key),
    setFlag: (flag, on) => { store.open(kind, author, view.base); store.setFlag(key, flag, on); },
    keepMine: () => store.keepMine(key),
    takeTheirs: () => store.takeTheirs(key),
    merge: (values) => store.merge(key, values),
  }), [store, kind, author, key, view]);
}

/**
 * Other profiles' unsaved edits of this record: they were parked when those profiles stopped
 * working, are shown with their author's name, and are never saved as anyone else.
 */
export function useOthersDrafts(kind: DraftKind, id: string): DraftView[] {
  const store = useDraftStore();
  const author = useProfile().id;
  const group = DraftStore.groupOf(kind, id);
  const subscribe = useCallback((fn: () => void) => store.subscribeGroup(group, fn), [store, group]);
  // The list is rebuilt from cached views; a string of their keys and states keeps the snapshot stable.
  const signature = useCallback(
    () => store.others(group, author).map((v) => `${v.key}:${v.state.kind}:${Object.keys(v.draft).join(',')}`).join('|'),
    [store, group, author],
  );
  const sig = useSyncExternalStore(subscribe, signature);
  return useMemo(() => (sig ? store.others(group, author) : []), [sig, store, group, author]);
}
