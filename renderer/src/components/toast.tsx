/**
 * Toasts, and the one undo the app keeps: the last destructive action (trash, unlink, status
 * change). A newer destructive action replaces the older undo; Ctrl+Z runs it too.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { toApiError } from '../api/client';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/instance';

export interface ToastInput {
  message: string;
  /** Takes the action back; offered as an Undo button and as Ctrl+Z. */
  undo?: () => Promise<unknown>;
  action?: { label: string; run(): void };
  /** 'error' and 'warning' stay until dismissed: they ask the user to look at something. */
  tone?: 'info' | 'warning' | 'error';
}

interface Toast extends ToastInput { id: number }

interface ToastApi {
  notify(t: ToastInput): void;
  /** Runs the last undo if there is one; false if there was nothing to undo. */
  undoLast(): boolean;
}

const ToastContext = createContext<ToastApi>({ notify: () => {}, undoLast: () => false });

export function useToast(): ToastApi {
  return useContext(ToastContext);
}

const LIFETIME_MS = 10_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const undoRef = useRef<{ id: number; run: () => Promise<unknown> } | null>(null);
  // Which toast holds the one undo: only that one offers the button (an older toast's undo
  // would work on a record that may have changed since, e.g. restored and trashed again).
  const [undoId, setUndoId] = useState<number | null>(null);
  const seq = useRef(0);

  const dismiss = useCallback((id: number) => {
    setToasts((ts) => ts.filter((t) => t.id !== id));
    if (undoRef.current?.id === id) { undoRef.current = null; setUndoId(null); }
  }, []);

  const notify = useCallback((t: ToastInput) => {
    const id = ++seq.current;
    setToasts((ts) => [...ts.slice(-2), { ...t, id }]);
    if (t.undo) { undoRef.current = { id, run: t.undo }; setUndoId(id); }
  }, []);

  const runUndo = useCallback((id: number, run: () => Promise<unknown>) => {
    dismiss(id);
    run().then(
      () => notify({ message: i18n.t('toast.undone', { ns: 'common' }) }),
      (err: unknown) => notify({ message: i18n.t('toast.undoFailed', { ns: 'common', message: toApiError(err).message }), tone: 'error' }),
    );
  }, [dismiss, notify]);

  const undoLast = useCallback(() => {
    const u = undoRef.current;
    if (!u) return false;
    runUndo(u.id, u.run);
    return true;
  }, [runUndo]);

  const api = useMemo(() => ({ notify, undoLast }), [notify, undoLast]);
  const { t } = useTranslation('common');

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="region" aria-label={t('toast.region')}>
        <div role="status" aria-live="polite">
          {toasts.map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={() => dismiss(t.id)} onUndo={t.undo && t.id === undoId ? () => runUndo(t.id, t.undo!) : undefined} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss, onUndo }: { toast: Toast; onDismiss(): void; onUndo: (() => void) | undefined }) {
  const [hover, setHover] = useState(false);
  const { t } = useTranslation('common');
  useEffect(() => {
    if (hover || toast.tone === 'error' || toast.tone === 'warning') return;
    const t = setTimeout(onDismiss, LIFETIME_MS);
    return () => clearTimeout(t);
  }, [hover, onDismiss, toast.tone]);
  return (
    <div
      className={`toast${toast.tone === 'error' || toast.tone === 'warning' ? ` toast-${toast.tone}` : ''}`}
      onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}
      onFocus={() => setHover(true)} onBlur={() => setHover(false)}
    >
      <span dir="auto">{toast.message}</span>
      {onUndo ? <button type="button" className="quiet" onClick={onUndo}>{t('toast.undo')}</button> : null}
      {toast.action ? <button type="button" className="quiet" onClick={() => { toast.action!.run(); onDismiss(); }}>{toast.action.label}</button> : null}
      <button type="button" className="icon quiet" aria-label={t('toast.dismiss')} onClick={onDismiss}>×</button>
    </div>
  );
}
