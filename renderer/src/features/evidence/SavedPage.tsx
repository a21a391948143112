import { useState } from 'react';
import type { Attachment, SavedPage } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { formatStamp } from '../../components/format';
import { B } from '../../components/text';
import { useApiQuery } from '../../data/query';

const text = {
  heading: (format: string) => `Saved web page (${format.toUpperCase()})`,
  savedFrom: 'Saved from',
  captured: 'Captured',
  noTime: 'The file gives no capture time (a page saved as HTML carries none).',
  problem: (why: string) => `Its text could not be read: ${why}. The file itself is kept as evidence, unchanged.`,
  offer: 'The file says where and when it was saved. Use that for this source?',
  use: 'Use for this source',
  used: 'The source now has the address and capture time the file gives.',
  same: 'The source already has the address and capture time the file gives.',
  read: 'Read the page text',
  close: 'Close',
  truncated: 'The page is longer than what is kept: the text stops here.',
  empty: 'The page has no text.',
  dialogTitle: 'Page text',
};

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
    <div className="saved-page" role="group" aria-label={text.heading(page.format)}>
      <div className="small saved-page-head">{text.heading(page.format)}{page.title ? <>: <B className="saved-page-title" dir="auto">{page.title}</B></> : null}</div>
      {page.problem ? <p className="notice warning-note small" role="note">{text.problem(page.problem)}</p> : null}
      <dl className="saved-page-claims small">
        {page.url ? <><dt>{text.savedFrom}</dt><dd><code dir="ltr"><bdi>{page.url}</bdi></code></dd></> : null}
        <dt>{text.captured}</dt><dd>{page.capturedAt ? formatStamp(page.capturedAt) : <span className="muted">{text.noTime}</span>}</dd>
      </dl>
      {offer && claims ? (
        Object.keys(patch).length ? (
          <p className="saved-page-offer small">
            {text.offer}{' '}
            <button type="button" className="secondary small" disabled={offer.disabled} onClick={() => { offer.use(patch); setUsed(true); }}>{text.use}</button>
          </p>
        ) : <p className="muted small" role="status">{used ? text.used : text.same}</p>
      ) : null}
      {!page.problem ? <button type="button" className="quiet small" onClick={() => setReading(true)}>{text.read}</button> : null}
      <PageTextDialog page={page} name={attachment.originalName} isOpen={reading} onClose={() => setReading(false)} />
    </div>
  );
}

function PageTextDialog({ page, name, isOpen, onClose }: { page: SavedPage; name: string; isOpen: boolean; onClose(): void }) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={<>{text.dialogTitle}: <B>{name}</B></>} className="page-text-dialog">
      {/* Plain text: each line takes its own direction (unicode-bidi: plaintext), as the page had it. */}
      {page.text ? <div className="page-text" dir="auto" tabIndex={0} aria-label={text.dialogTitle}>{page.text}</div> : <p className="muted">{text.empty}</p>}
      {page.truncated ? <p className="muted small">{text.truncated}</p> : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>{text.close}</button>
      </div>
    </Dialog>
  );
}
