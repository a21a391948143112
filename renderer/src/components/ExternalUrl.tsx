import { useState } from 'react';
import type { ReactNode } from 'react';
import { canOpenExternal, openExternal } from '../api/client';
import { ConfirmDialog } from './Dialog';
import { useToast } from './toast';

/**
 * Opening a captured link is a decision: the address is shown in full and the user confirms.
 * Only http(s) goes out, and only through window.casefile.openExternal (which confirms again).
 */
export function useOpenExternal(): { ask(url: string): void; dialog: ReactNode } {
  const [url, setUrl] = useState<string | null>(null);
  const { notify } = useToast();
  const confirm = () => {
    const target = url;
    setUrl(null);
    if (!target) return;
    if (!canOpenExternal()) {
      notify({ message: 'This window cannot open links outside Casefile.', tone: 'error' });
      return;
    }
    openExternal(target).then(
      (opened) => { if (!opened) notify({ message: 'The link was not opened.' }); },
      () => notify({ message: 'The link could not be opened.', tone: 'error' }),
    );
  };
  const dialog = (
    <ConfirmDialog
      isOpen={url !== null} title="Open this link outside Casefile?" confirmLabel="Open in browser"
      onConfirm={confirm} onCancel={() => setUrl(null)}
    >
      <p>Your browser will load this address, which reaches the network and may tell its owner you looked:</p>
      <p className="url-full" dir="ltr"><bdi>{url}</bdi></p>
    </ConfirmDialog>
  );
  return { ask: (u) => setUrl(u), dialog };
}

/** A URL shown as text, never loaded; "Open…" asks first. */
export function ExternalUrl({ url }: { url: string | null | undefined }) {
  const open = useOpenExternal();
  if (!url) return null;
  const openable = /^https?:\/\//i.test(url.trim());
  return (
    <span className="external-url">
      <bdi className="url" dir="ltr">{url}</bdi>
      {openable ? (
        <button type="button" className="quiet small" onClick={() => open.ask(url.trim())} aria-label={`Open ${url} in the browser`}>
          Open…
        </button>
      ) : null}
      {open.dialog}
    </span>
  );
}
