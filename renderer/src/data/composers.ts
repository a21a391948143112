/**
 * Words being written that are not a record yet: a new note, a comment on a translation, a
 * change request. Each is kept per record and per profile while the window is open, so leaving
 * the screen (the sidebar, Ctrl+K, a link) and coming back finds it as it was; sending it clears
 * it. Closing the window with one unsent asks first (useSaveOnLeave).
 *
 * Memory only, on purpose: an unsent note is not evidence yet, and writing it to the browser's
 * storage would put case text outside the data folder and its audit trail.
 */
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import { useProfile } from './acting';
import { EntryNotifier } from './entryNotifier';

export class Composers extends EntryNotifier {
  private readonly values = new Map<string, unknown>();

  static keyOf(author: string, composer: string, target: string): string {
    return `${author}|${composer}:${target}`;
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  /** Keeps `value`, or forgets the composer when it is back to `empty`. */
  set<T>(key: string, value: T, empty: T): void {
    if (JSON.stringify(value) === JSON.stringify(empty)) this.values.delete(key);
    else this.values.set(key, value);
    this.notify(key);
  }

  clear(key: string): void {
    if (!this.values.delete(key)) return;
    this.notify(key);
  }

  /** Composers holding words not sent yet. */
  unsaved(): { key: string }[] {
    return [...this.values.keys()].map((key) => ({ key }));
  }

  /** Nothing here is saved by itself: it is sent only when its author sends it. */
  flushAll(): Promise<void> {
    return Promise.resolve();
  }
}

export const ComposersContext = createContext<Composers | null>(null);

function useComposers(): Composers {
  const store = useContext(ComposersContext);
  if (!store) throw new Error('useComposer() outside <ComposersContext>');
  return store;
}

/**
 * What the acting profile is writing in one composer (`composer`: which box, `target`: about
 * what), kept across navigation; `clear` after sending.
 */
export function useComposer<T>(composer: string, target: string, empty: T): [T, (next: T | ((prev: T) => T)) => void, () => void] {
  const store = useComposers();
  const key = Composers.keyOf(useProfile().id, composer, target);
  const subscribe = useCallback((fn: () => void) => store.subscribe(key, fn), [store, key]);
  const snapshot = useCallback(() => store.get<T>(key), [store, key]);
  const value = useSyncExternalStore(subscribe, snapshot) ?? empty;
  return useMemo(() => [
    value,
    (next) => {
      const prev = store.get<T>(key) ?? empty;
      store.set(key, typeof next === 'function' ? (next as (p: T) => T)(prev) : next, empty);
    },
    () => store.clear(key),
  ], [value, store, key, empty]);
}
