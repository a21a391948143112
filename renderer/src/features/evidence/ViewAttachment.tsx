import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { useApiQuery } from '../../data/query';
import { ImageViewer } from './ImageViewer';
import { PdfViewer } from './PdfViewer';

type Kind = 'image' | 'pdf';

/** Which viewer shows this file inside the app; SVG is a document, not pixels, and is left to "Open…". */
export function viewerFor(mediaType: string): Kind | null {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType.startsWith('image/') && mediaType !== 'image/svg+xml') return 'image';
  return null;
}

/** A "View" button for an image or a PDF, opening it inside the app from the Core's verified bytes. */
export function ViewAttachment({ attachment: a }: { attachment: Attachment }) {
  const { t } = useTranslation('evidence');
  const kind = viewerFor(a.mediaType);
  const [open, setOpen] = useState(false);
  const bytes = useApiQuery('attachments.read', { id: a.id, maxBytes: 100 * 1024 * 1024 }, { enabled: open && kind !== null, staleTime: Infinity });
  const url = useMemo(() => (kind === 'image' && bytes.data ? URL.createObjectURL(new Blob([bytes.data.data as BlobPart], { type: bytes.data.mediaType })) : null), [kind, bytes.data]);
  useEffect(() => () => { if (url) URL.revokeObjectURL(url); }, [url]);
  if (!kind) return null;
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" className="quiet small" onClick={() => setOpen(true)} aria-label={t('viewLabel', { name: a.originalName })}>{t('view')}</button>
      {open && bytes.error ? <ErrorNote message={bytes.error.message} /> : null}
      {kind === 'image' && url ? <ImageViewer src={url} name={a.originalName} isOpen={open} onClose={close} /> : null}
      {kind === 'pdf' && bytes.data ? <PdfViewer data={bytes.data.data} name={a.originalName} isOpen={open} onClose={close} /> : null}
    </>
  );
}
