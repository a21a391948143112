import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Note } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ConflictView } from '../../components/ConflictView';
import { ErrorNote, Why } from '../../components/Field';
import { Markdown } from '../../components/Markdown';
import { SaveStatus } from '../../components/SaveStatus';
import { formatStamp } from '../../components/format';
import type { DraftKind, Rec } from '../../data/drafts';
import { useProfile } from '../../data/acting';
import { useComposer } from '../../data/composers';
import { useProfiles } from '../../data/lookups';
import { useCan } from '../../data/permissions';
import { useApiMutation, useApiQuery } from '../../data/query';
import { useDraft, useDraftStore } from '../../data/useDraft';
import { useTrash } from '../../data/useTrash';
import { B } from '../../components/text';

export type NoteTarget = 'case' | 'statement' | 'source' | 'actor' | 'report' | 'event' | 'translation';
const NOTE_KIND: DraftKind = { method: 'notes.update' };
const NO_NOTE = { body: '', pinned: false };

/**
 * Markdown notes on any record, pinned first. `title` and `formLabel` name them where they sit
 * beside another record's notes (a translation's, on its statement's page).
 */
export function NotesPanel({ targetType, targetId, title = 'Notes', formLabel = 'New note' }: {
  targetType: NoteTarget; targetId: string; title?: string; formLabel?: string;
}) {
  const q = useApiQuery('notes.list', { targetType, targetId });
  const ids = useId();
  return (
    <section className="panel notes" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{title} <span className="count">{q.data?.length ?? ''}</span></h2>
      <ErrorNote message={q.error?.message} />
      <ul className="plain-list note-list">
        {(q.data ?? []).map((n) => <NoteItem key={n.id} note={n} />)}
      </ul>
      <NewNote targetType={targetType} targetId={targetId} label={formLabel} />
    </section>
  );
}

function MarkdownEditor({ label, value, onChange, onBlur, autoFocus, describedBy }: {
  label: string; value: string; onChange(v: string): void; onBlur?(): void; autoFocus?: boolean; describedBy?: string;
}) {
  const [preview, setPreview] = useState(false);
  const id = useId();
  return (
    <div className="md-editor">
      <div className="segmented small" role="group" aria-label={`${label}: write or preview`}>
        <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>Write</button>
        <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>Preview</button>
      </div>
      {preview ? (
        <div className="md-preview" aria-label={`${label} preview`} role="region">
          {value.trim() ? <Markdown source={value} /> : <p className="muted">Nothing to preview.</p>}
        </div>
      ) : (
        <>
          <label htmlFor={id} className="visually-hidden">{label}</label>
          <textarea id={id} dir="auto" rows={5} value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} autoFocus={autoFocus} aria-describedby={describedBy} placeholder="Markdown: **bold**, _italic_, lists, [links](https://…)" />
        </>
      )}
    </div>
  );
}

/** The note being written: kept per record and per profile until it is added (data/composers.ts). */
function NewNote({ targetType, targetId, label }: { targetType: NoteTarget; targetId: string; label: string }) {
  const [note, setNote, clear] = useComposer('note', `${targetType}:${targetId}`, NO_NOTE);
  const { body, pinned } = note;
  const can = useCan('notes.write');
  const whyId = useId();
  const create = useApiMutation('notes.create', { onSuccess: clear });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    create.mutate({ targetType, targetId, body, pinned });
  };
  return (
    <form className="form new-note" onSubmit={submit} aria-label={label}>
      <fieldset className="bare" disabled={!can.allowed}>
        <MarkdownEditor label="Note text" value={body} onChange={(b) => setNote((n) => ({ ...n, body: b }))} describedBy={can.allowed ? undefined : whyId} />
        <div className="actions">
          <label className="check"><input type="checkbox" checked={pinned} onChange={(e) => setNote((n) => ({ ...n, pinned: e.target.checked }))} /> Pin</label>
          <button type="submit" disabled={create.isPending || !body.trim()}>Add note</button>
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

  const pin = () => {
    setError(null);
    drafts.commit(NOTE_KIND, me.id, note as unknown as Rec, { pinned: !note.pinned }).catch((e: unknown) => setError(toApiError(e)));
  };
  const trash = async () => {
    setError(null);
    try {
      await trashRecord(NOTE_KIND, note as unknown as Rec, 'notes.trash', 'the note');
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <li className={`note${note.pinned ? ' is-pinned' : ''}`}>
      <div className="note-head">
        {note.pinned ? <span className="chip pin">Pinned</span> : null}
        <span className="muted small"><B>{profiles.name(note.createdBy)}</B> · {formatStamp(note.createdAt)}{note.rev > 1 ? ` · edited ${formatStamp(note.updatedAt)}` : ''}</span>
        <span className="note-actions">
          <button type="button" className="quiet small" onClick={() => setEditing((x) => !x)} aria-expanded={editing} disabled={off && !editing} title={title}>{editing ? 'Done' : 'Edit'}</button>
          <button type="button" className="quiet small" onClick={pin} disabled={off} title={title}>{note.pinned ? 'Unpin' : 'Pin'}</button>
          <button type="button" className="quiet small" onClick={() => void trash()} disabled={off} title={title}>Trash</button>
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
  if (draft.view.state.kind === 'conflict') {
    return <ConflictView view={draft.view} fields={[{ key: 'body', label: 'Note', text: true }, { key: 'pinned', label: 'Pinned' }]} onKeepMine={() => void draft.keepMine()} onTakeTheirs={() => void draft.takeTheirs()} onMerge={(m) => void draft.merge(m)} />;
  }
  return (
    <div className="note-editor">
      <MarkdownEditor label="Note text" value={v.body} onChange={(body) => void draft.edit({ body })} onBlur={() => void draft.flush()} autoFocus />
      <SaveStatus view={draft.view} onRetry={() => void draft.flush()} />
    </div>
  );
}
