import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Marking } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField, TextAreaField, TextField, options } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { MARKING_LABELS, PRIORITY_LABELS, type Priority } from '../../components/labels';
import { useApiMutation } from '../../data/query';
import { navigate, paths } from '../../app/router';
import { useTranslation } from 'react-i18next';

export function NewCaseForm({ onCreated, onCancel }: { onCreated(id: string): void; onCancel?(): void }) {
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [marking, setMarking] = useState<Marking>('internal');
  const [priority, setPriority] = useState<Priority>('normal');
  const [tags, setTags] = useState('');
  const [dueDate, setDueDate] = useState('');
  const create = useApiMutation('cases.create', { onSuccess: (c) => onCreated(c.id) });
  const error = create.error;
  const { t } = useTranslation('cases');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    create.mutate({
      title, summary, marking, priority,
      tags: tags.split(',').map((tag) => tag.trim()).filter(Boolean),
      ...(dueDate ? { dueDate } : {}),
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('new.form')}>
      <TextField label={t('field.title')} value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus error={fieldMessage(error, 'title')} />
      <TextAreaField label={t('field.summary')} value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} error={fieldMessage(error, 'summary')} />
      <div className="field-row">
        <SelectField label={t('field.marking')} value={marking} onChange={(e) => setMarking(e.target.value as Marking)} options={options(MARKING_LABELS)} error={fieldMessage(error, 'marking')} />
        <SelectField label={t('field.priority')} value={priority} onChange={(e) => setPriority(e.target.value as Priority)} options={options(PRIORITY_LABELS)} error={fieldMessage(error, 'priority')} />
        <TextField label={t('field.dueDate')} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={fieldMessage(error, 'dueDate')} />
      </div>
      <TextField label={t('field.tags')} hint={t('tagsHint')} value={tags} onChange={(e) => setTags(e.target.value)} error={fieldMessage(error, 'tags')} />
      <ErrorNote message={formMessage(error, ['title', 'summary', 'marking', 'priority', 'dueDate', 'tags'])} />
      <div className="dialog-actions">
        {onCancel ? <button type="button" className="quiet" onClick={onCancel}>{t('cancel')}</button> : null}
        <button type="submit" disabled={create.isPending}>{create.isPending ? t('new.creating') : t('new.create')}</button>
      </div>
    </form>
  );
}

export function NewCaseDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const { t } = useTranslation('cases');
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('new.title')}>
      <NewCaseForm onCancel={onClose} onCreated={(id) => { onClose(); navigate(paths.case(id)); }} />
    </Dialog>
  );
}
