import { useId, useMemo, useState } from 'react';
import type { ChangeEvent, DragEvent } from 'react';
import type { Attachment } from '../../../../shared/domain';
import { ApiError, openAttachment, toApiError } from '../../api/client';
import { ErrorNote, Why } from '../../components/Field';
import { formatBytes, formatStamp } from '../../components/format';
import { useToast } from '../../components/toast';
import { useActing } from '../../data/acting';
import { useProfiles } from '../../data/lookups';
import { useCan } from '../../data/permissions';
import { useApiQuery, useCaller } from '../../data/query';
import { previewOf, rememberPreview, wantsPreview } from './previews';
import { isolate } from '../../../../shared/text/isolate';
import { B } from '../../components/text';
import { SavedPageSummary, ViewAttachment, type SourceOffer } from '../evidence';

type Owner = 'source' | 'statement' | 'case' | 'note' | 'report' | 'event';

/** Evidence files: drop them in (or choose them), each kept by its SHA-256 and never changed. */
/** `offer`: on a source, a saved page's own address and capture time may be taken for the source. */
export function Attachments({ ownerType, ownerId, disabled: trashed, offer }: { ownerType: Owner; ownerId: string; disabled: boolean; offer?: SourceOffer }) {
  const can = useCan('attachments.add');
  const canTrash = useCan('attachments.trash');
  const disabled = trashed || !can.allowed;
  const q = useApiQuery('attachments.list', { ownerType, ownerId });
  const run = useCaller();
  const { notify } = useToast();
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const ids = useId();
  const { profile } = useActing();

  const add = async (files: File[]) => {
    setError(null);
    for (const file of files) {
      setBusy((b) => [...b, file.name]);
      try {
        const data = new Uint8Array(await file.arrayBuffer());
        const att = await run('attachments.add', { ownerType, ownerId, fileName: file.name, data });
        rememberPreview(att.sha256, data, att.mediaType);
      } catch (err) {
        const e = toApiError(err);
        setError(new ApiError({ ...e.body, message: `${isolate(file.name)}: ${e.message}` }));
      } finally {
        setBusy((b) => b.filter((n) => n !== file.name));
      }
    }
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    void add([...e.dataTransfer.files]);
  };
  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    void add(files);
  };
  const trash = (a: Attachment) => {
    run('attachments.trash', { id: a.id, rev: a.rev }).then(
      (t) => notify({ message: `Moved “${isolate(a.originalName)}” to the trash.`, undo: () => run('attachments.restore', { id: t.id, rev: t.rev }) }),
      (e: unknown) => setError(toApiError(e)),
    );
  };
  // Main asks for confirmation itself, natively, so the page does not ask twice.
  const open = (a: Attachment) => {
    if (!profile) return;
    setError(null);
    openAttachment(profile.id, a.id).then(
      (refusal) => { if (refusal) setError(new ApiError({ code: 'failed', message: `${isolate(a.originalName)}: ${refusal}` })); },
      (e: unknown) => setError(toApiError(e)),
    );
  };

  const items = q.data ?? [];
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Attachments <span className="count">{items.length || ''}</span></h2>
      <div
        className={`dropzone${over ? ' is-over' : ''}${disabled ? ' is-disabled' : ''}`}
        onDragOver={(e) => { if (!disabled && e.dataTransfer.types.includes('Files')) { e.preventDefault(); setOver(true); } }}
        onDragLeave={() => setOver(false)} onDrop={drop}
      >
        <p>Drop screenshots, videos, PDFs or saved pages here.</p>
        <label className="button secondary small file-button">
          Choose files…
          <input type="file" multiple onChange={choose} disabled={disabled} className="visually-hidden" />
        </label>
        {busy.length ? <p role="status" className="muted small">Storing <B>{busy.join(', ')}</B>…</p> : null}
      </div>
      {trashed ? null : <Why can={can} id={`${ids}-why`} />}
      <ErrorNote message={error?.message ?? q.error?.message} />
      <ul className="attachments plain-list">
        {items.map((a) => <AttachmentRow key={a.id} a={a} onOpen={() => open(a)} onTrash={() => trash(a)} disabled={trashed || !canTrash.allowed} offer={offer} />)}
      </ul>
    </section>
  );
}

function AttachmentRow({ a, onOpen, onTrash, disabled, offer }: { a: Attachment; onOpen(): void; onTrash(): void; disabled: boolean; offer?: SourceOffer }) {
  const profiles = useProfiles();
  const run = useCaller();
  const [verified, setVerified] = useState<string | null>(null);
  const cached = previewOf(a.sha256);
  const stored = useApiQuery('attachments.read', { id: a.id }, { enabled: !cached && wantsPreview(a.mediaType, a.size), staleTime: Infinity });
  const preview = useMemo(() => {
    if (cached) return cached;
    if (stored.data) rememberPreview(a.sha256, stored.data.data, stored.data.mediaType);
    return previewOf(a.sha256);
  }, [cached, stored.data, a.sha256]);
  const verify = () => {
    setVerified('Checking…');
    run('attachments.verify', { id: a.id }).then(
      (r) => setVerified(r.ok ? 'Intact: the stored bytes still have this hash.' : `Changed! The stored bytes now hash to ${r.actual ?? 'nothing (missing)'}.`),
      (e: unknown) => setVerified(toApiError(e).message),
    );
  };
  return (
    <li className="attachment">
      {preview ? <img src={preview} alt={`Preview of ${a.originalName}`} className="attachment-preview" /> : <span className="attachment-icon" aria-hidden="true">{a.mediaType.split('/')[0]}</span>}
      <div className="attachment-body">
        <div><B className="attachment-name">{a.originalName}</B> <span className="muted small">{a.mediaType} · {formatBytes(a.size)}</span></div>
        <div className="muted small">Captured {formatStamp(a.capturedAt)} by <B>{profiles.name(a.createdBy)}</B></div>
        <div className="hash"><span className="muted small">SHA-256</span> <code dir="ltr">{a.sha256}</code></div>
        {verified ? <p className="small" role="status">{verified}</p> : null}
        <SavedPageSummary attachment={a} offer={offer} />
      </div>
      <div className="attachment-actions">
        <ViewAttachment attachment={a} />
        <button type="button" className="quiet small" onClick={verify} aria-label={`Verify ${a.originalName}`}>Verify</button>
        <button type="button" className="quiet small" onClick={onOpen} aria-label={`Open ${a.originalName}`}>Open…</button>
        <button type="button" className="quiet small" onClick={onTrash} disabled={disabled} aria-label={`Move ${a.originalName} to the trash`}>Trash</button>
      </div>
    </li>
  );
}
