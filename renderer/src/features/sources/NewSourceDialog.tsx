import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Marking } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField, TextField, options } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { MARKING_LABELS, SOURCE_KIND_LABELS, type SourceKind } from '../../components/labels';
import { useApiMutation } from '../../data/query';
import { navigate, paths } from '../../app/router';

/** `marking`: what a new source starts with (inside a case, the case's marking). */
export function NewSourceDialog({ isOpen, onClose, caseId, marking: initialMarking = 'internal' }: {
  isOpen: boolean; onClose(): void; caseId?: string; marking?: Marking;
}) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<SourceKind>('social_post');
  const [url, setUrl] = useState('');
  const [publishedAt, setPublishedAt] = useState('');
  const [marking, setMarking] = useState<Marking>(initialMarking);
  // Each time it opens, a new source starts from the case's marking as it is now.
  useEffect(() => { if (isOpen) setMarking(initialMarking); }, [isOpen, initialMarking]);
  const create = useApiMutation('sources.create', {
    onSuccess: (s) => { onClose(); setTitle(''); setUrl(''); setPublishedAt(''); if (!caseId) navigate(paths.source(s.id)); },
  });
  const err = create.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      title, kind, marking, url: url.trim() || null, publishedAt: publishedAt.trim() || null,
      ...(caseId ? { caseIds: [caseId] } : {}),
    });
  };
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="New source">
      <form className="form" onSubmit={submit} noValidate aria-label="New source">
        <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus error={fieldMessage(err, 'title')} />
        <div className="field-row">
          <SelectField label="Kind" value={kind} options={options(SOURCE_KIND_LABELS)} onChange={(e) => setKind(e.target.value as SourceKind)} error={fieldMessage(err, 'kind')} />
          <SelectField label="Marking" value={marking} options={options(MARKING_LABELS)} onChange={(e) => setMarking(e.target.value as Marking)} error={fieldMessage(err, 'marking')} />
        </div>
        <TextField label="URL" hint="Kept as text; Casefile never loads it." dir="ltr" value={url} onChange={(e) => setUrl(e.target.value)} error={fieldMessage(err, 'url')} />
        <TextField label="Published" hint="2023, 2023-11 or 2023-11-01" value={publishedAt} onChange={(e) => setPublishedAt(e.target.value)} error={fieldMessage(err, 'publishedAt')} />
        <ErrorNote message={formMessage(err, ['title', 'kind', 'marking', 'url', 'publishedAt'])} />
        <div className="dialog-actions">
          <button type="button" className="quiet" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={create.isPending}>Create source</button>
        </div>
      </form>
    </Dialog>
  );
}
