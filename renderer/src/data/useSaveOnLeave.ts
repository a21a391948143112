import { useEffect } from 'react';

interface PendingSaves {
  unsaved(): unknown[];
  flushAll(opts?: { final?: boolean }): Promise<void>;
}

/**
 * A store of edits that outlive their editors saves what is pending when the window is left
 * (another app, minimised) without waiting, and when it closes; while a save is still under
 * way the page asks before unloading (main turns that into a Stay / Close Anyway dialog).
 */
export function useSaveOnLeave(store: PendingSaves): void {
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (store.unsaved().length === 0) return;
      void store.flushAll({ final: true });
      e.preventDefault();
      e.returnValue = '';
    };
    const away = () => { if (document.visibilityState === 'hidden' || !document.hasFocus()) void store.flushAll(); };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('visibilitychange', away);
    window.addEventListener('blur', away);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('visibilitychange', away);
      window.removeEventListener('blur', away);
    };
  }, [store]);
}
