import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Attachment, SavedPage } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { formatStamp } from '../../components/format';
import { B } from '../../components/text';
import { useApiQuery } from '../../data/query';

/** Saved pages are HTML, MHTML, WARC or PDF: the Core decides from the bytes; media types that cannot be one are not asked about. */
export function mayBePage(mediaType: string): boolean {
  return !/^(image|video|audio|font)\//.test(mediaType);
}

export interface SourceOffer {
  current: { url: string | null; accessedAt: string | null };
  /** Applies the page's address and time through the source's own editor (so its draft and rev stay right). */
  use(patch: { url?: string; accessedAt?: string }): void;
  disabled: boolean;
}

/**
 * What the Core read from a saved page attached as evidence: where and when the file says it
 * was saved (offered for the source, never applied without the user) and its text, shown as
 * text only: each line in its own direction, nothing from the page ever rendered as markup.
 */
export function SavedPageSummary({ attachment, offer }: { attachment: Attachment; offer?: SourceOffer }) {
  const { t } = useTranslation('evidence');
  const q = useApiQuery('attachments.page', { id: attachment.id }, { enabled: mayBePage(attachment.mediaType), staleTime: Infinity });
  const [reading, setReading] = useState(false);
  const [used, setUsed] = useState(false);
  const page = q.data;
  if (!page) return null;
  const patch = {
    ...(page.url && page.url !== offer?.current.url ? { url: page.url } : {}),
    ...(page.capturedAt && page.capturedAt !== offer?.current.accessedAt ? { accessedAt: page.capturedAt } : {}),
  };
  const claims = !!(page.url || page.capturedAt);
  return (
    <div className="saved-page" role="group" aria-label={t('saved.heading', { format: page.format.toUpperCase() })}>
      <div className="small saved-page-head">{page.title
        ? <Trans t={t} i18nKey="saved.headingTitled" values={{ format: page.format.toUpperCase(), title: page.title }} components={{ b: <B className="saved-page-title" dir="auto" /> }} />
        : t('saved.heading', { format: page.format.toUpperCase() })}</div>
      {page.problem ? <p className="notice warning-note small" role="note">{t('saved.problem', { why: page.problem })}</p> : null}
      <dl className="saved-page-claims small">
        {page.url ? <><dt>{t('saved.savedFrom')}</dt><dd><code dir="ltr"><bdi>{page.url}</bdi></code></dd></> : null}
        <dt>{t('saved.captured')}</dt><dd>{page.capturedAt ? formatStamp(page.capturedAt) : <span className="muted">{t('saved.noTime')}</span>}</dd>
      </dl>
      {offer && claims ? (
        Object.keys(patch).length ? (
          <p className="saved-page-offer small">
            {t('saved.offer')}{' '}
            <button type="button" className="secondary small" disabled={offer.disabled} onClick={() => { offer.use(patch); setUsed(true); }}>{t('saved.use')}</button>
          </p>
        ) : <p className="muted small" role="status">{used ? t('saved.used') : t('saved.same')}</p>
      ) : null}
      {!page.problem ? <button type="button" className="quiet small" onClick={() => setReading(true)}>{t('saved.read')}</button> : null}
      <PageTextDialog page={page} name={attachment.originalName} isOpen={reading} onClose={() => setReading(false)} />
    </div>
  );
}

function PageTextDialog({ page, name, isOpen, onClose }: { page: SavedPage; name: string; isOpen: boolean; onClose(): void }) {
  const { t } = useTranslation('evidence');
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={<Trans t={t} i18nKey="saved.dialogTitleNamed" values={{ name }} components={{ b: <B /> }} />} className="page-text-dialog">
      {/* Plain text: each line takes its own direction (unicode-bidi: plaintext), as the page had it. */}
      {page.text ? <div className="page-text" dir="auto" tabIndex={0} aria-label={t('saved.dialogTitle')}>{page.text}</div> : <p className="muted">{t('saved.empty')}</p>}
      {page.truncated ? <p className="muted small">{t('saved.truncated')}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>{t('saved.close')}</button>
      </div>
    </Dialog>
  );
}
