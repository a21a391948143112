import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Marking } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField, TextAreaField, TextField, options } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { MARKING_LABELS, PRIORITY_LABELS, type Priority } from '../../components/labels';
import { useApiMutation } from '../../data/query';
import { navigate, paths } from '../../app/router';

export function NewCaseForm({ onCreated, onCancel }: { onCreated(id: string): void; onCancel?(): void }) {
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [marking, setMarking] = useState<Marking>('internal');
  const [priority, setPriority] = useState<Priority>('normal');
  const [tags, setTags] = useState('');
  const [dueDate, setDueDate] = useState('');
  const create = useApiMutation('cases.create', { onSuccess: (c) => onCreated(c.id) });
  const error = create.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    create.mutate({
      title, summary, marking, priority,
      tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
      ...(dueDate ? { dueDate } : {}),
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New case">
      <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus error={fieldMessage(error, 'title')} />
      <TextAreaField label="Summary" value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} error={fieldMessage(error, 'summary')} />
      <div className="field-row">
        <SelectField label="Marking" value={marking} onChange={(e) => setMarking(e.target.value as Marking)} options={options(MARKING_LABELS)} error={fieldMessage(error, 'marking')} />
        <SelectField label="Priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)} options={options(PRIORITY_LABELS)} error={fieldMessage(error, 'priority')} />
        <TextField label="Due date" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={fieldMessage(error, 'dueDate')} />
      </div>
      <TextField label="Tags" hint="Separate tags with commas." value={tags} onChange={(e) => setTags(e.target.value)} error={fieldMessage(error, 'tags')} />
      <ErrorNote message={formMessage(error, ['title', 'summary', 'marking', 'priority', 'dueDate', 'tags'])} />
      <div className="dialog-actions">
        {onCancel ? <button type="button" className="quiet" onClick={onCancel}>Cancel</button> : null}
        <button type="submit" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create case'}</button>
      </div>
    </form>
  );
}

export function NewCaseDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="New case">
      <NewCaseForm onCancel={onClose} onCreated={(id) => { onClose(); navigate(paths.case(id)); }} />
    </Dialog>
  );
}
