import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Note } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ConflictView } from '../../components/ConflictView';
import { ErrorNote, Why } from '../../components/Field';
import { Markdown } from '../../components/Markdown';
import { SaveStatus } from '../../components/SaveStatus';
import { formatNumber, formatStamp } from '../../components/format';
import type { DraftKind, Rec } from '../../data/drafts';
import { useProfile } from '../../data/acting';
import { useComposer } from '../../data/composers';
import { useProfiles } from '../../data/lookups';
import { useCan } from '../../data/permissions';
import { useApiMutation, useApiQuery } from '../../data/query';
import { useDraft, useDraftStore } from '../../data/useDraft';
import { useTrash } from '../../data/useTrash';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';

export type NoteTarget = 'case' | 'statement' | 'source' | 'actor' | 'report' | 'event' | 'translation';
const NOTE_KIND: DraftKind = { method: 'notes.update' };
const NO_NOTE = { body: '', pinned: false };

/**
 * Markdown notes on any record, pinned first. A translation's notes have names of their own,
 * because they sit beside the statement's notes on its page.
 */
export function NotesPanel({ targetType, targetId }: { targetType: NoteTarget; targetId: string }) {
  const q = useApiQuery('notes.list', { targetType, targetId });
  const ids = useId();
  const { t } = useTranslation('notes');
  return (
    <section className="panel notes" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t(targetType === 'translation' ? 'translationHeading' : 'heading')} <span className="count">{q.data ? formatNumber(q.data.length) : ''}</span></h2>
      <ErrorNote message={q.error?.message} />
      <ul className="plain-list note-list">
        {(q.data ?? []).map((n) => <NoteItem key={n.id} note={n} />)}
      </ul>
      <NewNote targetType={targetType} targetId={targetId} />
    </section>
  );
}

function MarkdownEditor({ label, value, onChange, onBlur, autoFocus, describedBy }: {
  label: string; value: string; onChange(v: string): void; onBlur?(): void; autoFocus?: boolean; describedBy?: string;
}) {
  const [preview, setPreview] = useState(false);
  const id = useId();
  const { t } = useTranslation('notes');
  return (
    <div className="md-editor">
      <div className="segmented small" role="group" aria-label={t('writeOrPreview', { label })}>
        <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>{t('write')}</button>
        <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>{t('preview')}</button>
      </div>
      {preview ? (
        <div className="md-preview" aria-label={t('previewRegion', { label })} role="region">
          {value.trim() ? <Markdown source={value} /> : <p className="muted">{t('nothing')}</p>}
        </div>
      ) : (
        <>
          <label htmlFor={id} className="visually-hidden">{label}</label>
          <textarea id={id} dir="auto" rows={5} value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} autoFocus={autoFocus} aria-describedby={describedBy} placeholder={t('placeholder')} />
        </>
      )}
    </div>
  );
}

/** The note being written: kept per record and per profile until it is added (data/composers.ts). */
function NewNote({ targetType, targetId }: { targetType: NoteTarget; targetId: string }) {
  const [note, setNote, clear] = useComposer('note', `${targetType}:${targetId}`, NO_NOTE);
  const { body, pinned } = note;
  const can = useCan('notes.write');
  const whyId = useId();
  const create = useApiMutation('notes.create', { onSuccess: clear });
  const { t } = useTranslation('notes');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    create.mutate({ targetType, targetId, body, pinned });
  };
  return (
    <form className="form new-note" onSubmit={submit} aria-label={t(targetType === 'translation' ? 'translationNew' : 'new')}>
      <fieldset className="bare" disabled={!can.allowed}>
        <MarkdownEditor label={t('text')} value={body} onChange={(b) => setNote((n) => ({ ...n, body: b }))} describedBy={can.allowed ? undefined : whyId} />
        <div className="actions">
          <label className="check"><input type="checkbox" checked={pinned} onChange={(e) => setNote((n) => ({ ...n, pinned: e.target.checked }))} /> {t('pin')}</label>
          <button type="submit" disabled={create.isPending || !body.trim()}>{t('add')}</button>
        </div>
      </fieldset>
      <Why can={can} id={whyId} />
      <ErrorNote message={create.error?.message} />
    </form>
  );
}

function NoteItem({ note }: { note: Note }) {
  const [editing, setEditing] = useState(false);
  const profiles = useProfiles();
  const drafts = useDraftStore();
  const me = useProfile();
  const trashRecord = useTrash();
  const [error, setError] = useState<ApiError | null>(null);
  const can = useCan('notes.write');
  const off = !can.allowed;
  const title = can.reason ?? undefined;
  const { t } = useTranslation('notes');

  const pin = () => {
    setError(null);
    drafts.commit(NOTE_KIND, me.id, note as unknown as Rec, { pinned: !note.pinned }).catch((e: unknown) => setError(toApiError(e)));
  };
  const trash = async () => {
    setError(null);
    try {
      await trashRecord(NOTE_KIND, note as unknown as Rec, 'notes.trash', t('the'));
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <li className={`note${note.pinned ? ' is-pinned' : ''}`}>
      <div className="note-head">
        {note.pinned ? <span className="chip pin">{t('pinned')}</span> : null}
        <span className="muted small"><B>{profiles.name(note.createdBy)}</B> · {formatStamp(note.createdAt)}{note.rev > 1 ? t('edited', { when: formatStamp(note.updatedAt) }) : ''}</span>
        <span className="note-actions">
          <button type="button" className="quiet small" onClick={() => setEditing((x) => !x)} aria-expanded={editing} disabled={off && !editing} title={title}>{editing ? t('done') : t('edit')}</button>
          <button type="button" className="quiet small" onClick={pin} disabled={off} title={title}>{note.pinned ? t('unpin') : t('pin')}</button>
          <button type="button" className="quiet small" onClick={() => void trash()} disabled={off} title={title}>{t('trash')}</button>
        </span>
      </div>
      {editing ? <NoteEditor note={note} /> : <Markdown source={note.body} />}
      <ErrorNote message={error?.message} />
    </li>
  );
}

function NoteEditor({ note }: { note: Note }) {
  const draft = useDraft(NOTE_KIND, note as unknown as Rec & Note);
  const v = draft.view.value as unknown as Note;
  const { t } = useTranslation('notes');
  if (draft.view.state.kind === 'conflict') {
    return <ConflictView view={draft.view} fields={[{ key: 'body', label: t('note'), text: true }, { key: 'pinned', label: t('pinned') }]} onKeepMine={() => void draft.keepMine()} onTakeTheirs={() => void draft.takeTheirs()} onMerge={(m) => void draft.merge(m)} />;
  }
  return (
    <div className="note-editor">
      <MarkdownEditor label={t('text')} value={v.body} onChange={(body) => void draft.edit({ body })} onBlur={() => void draft.flush()} autoFocus />
      <SaveStatus view={draft.view} onRetry={() => void draft.flush()} />
    </div>
  );
}
