/**
 * Who listens to, and who is showing, each entry of a store that outlives its editors (the
 * autosave drafts, the translation edits). A failed save nobody is watching goes to a toast.
 */
export class EntryNotifier {
  private listeners = new Map<string, Set<() => void>>();
  private watchers = new Map<string, number>();

  subscribe(key: string, fn: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Editors say when they show an entry. */
  watch(key: string): () => void {
    this.watchers.set(key, (this.watchers.get(key) ?? 0) + 1);
    return () => this.watchers.set(key, (this.watchers.get(key) ?? 1) - 1);
  }

  protected notify(key: string): void {
    this.listeners.get(key)?.forEach((fn) => fn());
  }

  protected watched(key: string): boolean {
    return (this.watchers.get(key) ?? 0) > 0;
  }
}
