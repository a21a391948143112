import { useState } from 'react';
import type { ReactNode } from 'react';
import { canOpenExternal, openExternal } from '../api/client';
import { ConfirmDialog } from './Dialog';
import { B, WithControls, hiddenSummary } from './text';
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
  const look = url === null ? null : inspectUrl(url);
  const dialog = (
    <ConfirmDialog
      isOpen={url !== null} title="Open this link outside Casefile?" confirmLabel="Open in browser"
      onConfirm={confirm} onCancel={() => setUrl(null)} confirmDisabled={!look?.host || !!look.userinfo}
    >
      <p>Your browser will load this address, which reaches the network and may tell its owner you looked:</p>
      <p className="url-full" dir="ltr"><bdi><WithControls text={url ?? ''} /></bdi></p>
      {look?.hidden ? (
        <p className="field-hint warning">The address holds {look.hidden}, shown above as marks: what it looks like is not all it says.</p>
      ) : null}
      {look?.userinfo ? (
        <p className="notice warning-note" role="alert">
          This address is not what it seems: <B dir="ltr">{look.userinfo}</B> before the @ is only a user name; the site it goes
          to is <strong><B dir="ltr">{look.host}</B></strong>. Casefile does not open addresses with a user name in them.
        </p>
      ) : look?.host ? (
        <p>It goes to the site <strong><B dir="ltr">{look.host}</B></strong>.</p>
      ) : (
        <p className="notice warning-note" role="alert">This is not a web address Casefile can open.</p>
      )}
    </ConfirmDialog>
  );
  return { ask: (u) => setUrl(u), dialog };
}

/**
 * What an address really is: the host it goes to (as the browser will read it: a look-alike
 * letter comes back as punycode), the user name hidden before an @ (https://trusted.example@evil.example/
 * reads as the first and goes to the second), and the hidden characters it holds.
 */
export function inspectUrl(raw: string): { host: string | null; userinfo: string | null; hidden: string | null } {
  const hidden = hiddenSummary(raw);
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { host: null, userinfo: null, hidden };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { host: null, userinfo: null, hidden };
  const encoded = `${u.username}${u.password ? `:${u.password}` : ''}`;
  let userinfo: string | null = null;
  if (encoded) {
    try { userinfo = decodeURIComponent(encoded); } catch { userinfo = encoded; }
  }
  return { host: u.hostname, userinfo, hidden };
}

/** A URL shown as text, never loaded; "Open…" asks first. */
export function ExternalUrl({ url }: { url: string | null | undefined }) {
  const open = useOpenExternal();
  if (!url) return null;
  const openable = /^https?:\/\//i.test(url.trim());
  return (
    <span className="external-url">
      <B className="url" dir="ltr">{url}</B>
      {openable ? (
        <button type="button" className="quiet small" onClick={() => open.ask(url.trim())} aria-label={`Open ${url} in the browser`}>
          Open…
        </button>
      ) : null}
      {open.dialog}
    </span>
  );
}
