import { useState } from 'react';
import type { ReactNode } from 'react';
import { canOpenExternal, openExternal } from '../api/client';
import { ConfirmDialog } from './Dialog';
import { B, WithControls, hiddenSummary } from './text';
import { useToast } from './toast';
import { Trans, useTranslation } from 'react-i18next';

/**
 * Opening a captured link is a decision: the address is shown in full and the user confirms.
 * Only http(s) goes out, and only through window.casefile.openExternal (which confirms again).
 */
export function useOpenExternal(): { ask(url: string): void; dialog: ReactNode } {
  const [url, setUrl] = useState<string | null>(null);
  const { notify } = useToast();
  const { t } = useTranslation('common');
  const confirm = () => {
    const target = url;
    setUrl(null);
    if (!target) return;
    if (!canOpenExternal()) {
      notify({ message: t('link.cannotOpen'), tone: 'error' });
      return;
    }
    openExternal(target).then(
      (opened) => { if (!opened) notify({ message: t('link.notOpened') }); },
      () => notify({ message: t('link.failed'), tone: 'error' }),
    );
  };
  const look = url === null ? null : inspectUrl(url);
  const dialog = (
    <ConfirmDialog
      isOpen={url !== null} title={t('link.confirmTitle')} confirmLabel={t('link.confirm')}
      onConfirm={confirm} onCancel={() => setUrl(null)} confirmDisabled={!look?.host || !!look.userinfo}
    >
      <p>{t('link.warning')}</p>
      <p className="url-full" dir="ltr"><bdi><WithControls text={url ?? ''} /></bdi></p>
      {look?.hidden ? (
        <p className="field-hint warning">{t('link.hidden', { hidden: look.hidden })}</p>
      ) : null}
      {look?.userinfo ? (
        <p className="notice warning-note" role="alert">
          <Trans t={t} i18nKey="link.userinfo" values={{ user: look.userinfo, host: look.host }} components={{ user: <B dir="ltr" />, host: <Host /> }} />
        </p>
      ) : look?.host ? (
        <p><Trans t={t} i18nKey="link.goesTo" values={{ host: look.host }} components={{ host: <Host /> }} /></p>
      ) : (
        <p className="notice warning-note" role="alert">{t('link.notWeb')}</p>
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

/** The host an address goes to, in a sentence (the catalogue's <host> tag). */
function Host({ children }: { children?: ReactNode }) {
  return <strong><B dir="ltr">{children}</B></strong>;
}

/** A URL shown as text, never loaded; "Open…" asks first. */
export function ExternalUrl({ url }: { url: string | null | undefined }) {
  const open = useOpenExternal();
  const { t } = useTranslation('common');
  if (!url) return null;
  const openable = /^https?:\/\//i.test(url.trim());
  return (
    <span className="external-url">
      <B className="url" dir="ltr">{url}</B>
      {openable ? (
        <button type="button" className="quiet small" onClick={() => open.ask(url.trim())} aria-label={t('link.openAria', { url: url })}>
          {t('link.open')}
        </button>
      ) : null}
      {open.dialog}
    </span>
  );
}
