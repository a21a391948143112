import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatePrecision, Event } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField, TextField, options } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { PRECISION_LABELS } from '../../components/labels';
import { useApiMutation } from '../../data/query';

type Fields = Pick<Event, 'occurredAt' | 'datePrecision' | 'title' | 'description'>;
const fieldsOf = (e: Event): Fields => ({ occurredAt: e.occurredAt, datePrecision: e.datePrecision, title: e.title, description: e.description });

/**
 * Edits one timeline event as it was when opened (its rev): a save over someone else's change is
 * refused by the Core, and the dialog then offers their version instead of merging silently.
 */
export function EditEventDialog({ event, onClose }: { event: Event; onClose(): void }) {
  const { t } = useTranslation('cases');
  return (
    <Dialog isOpen onClose={onClose} title={t('editEvent.title')}>
      <EventForm event={event} onDone={onClose} />
    </Dialog>
  );
}

function EventForm({ event, onDone }: { event: Event; onDone(): void }) {
  const { t } = useTranslation('cases');
  const [base, setBase] = useState<Event>(event);
  const [fields, setFields] = useState<Fields>(fieldsOf(event));
  const save = useApiMutation('events.update', { onSuccess: onDone });
  const err = save.error;
  const theirs = err?.code === 'conflict' ? (err.body.current as Event | undefined) : undefined;
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ id: base.id, rev: base.rev, ...fields });
  };
  const takeTheirs = () => {
    if (!theirs) return;
    setBase(theirs);
    setFields(fieldsOf(theirs));
    save.reset();
  };
  return (
    <form className="form event-edit" onSubmit={submit} noValidate aria-label={t('editEvent.title')}>
      {theirs ? (
        <div className="notice warning-note" role="alert">
          <p>{t('editEvent.conflict')}</p>
          <button type="button" className="secondary small" onClick={takeTheirs}>{t('editEvent.reload')}</button>
        </div>
      ) : null}
      <div className="field-row">
        <TextField label={t('editEvent.date')} hint={t('editEvent.dateHint')} value={fields.occurredAt} onChange={(e) => set({ occurredAt: e.target.value })} error={fieldMessage(err, 'occurredAt')} />
        <SelectField label={t('editEvent.precision')} value={fields.datePrecision} options={options(PRECISION_LABELS)} onChange={(e) => set({ datePrecision: e.target.value as DatePrecision })} error={fieldMessage(err, 'datePrecision')} />
      </div>
      <TextField label={t('editEvent.what')} value={fields.title} onChange={(e) => set({ title: e.target.value })} error={fieldMessage(err, 'title')} dir="auto" />
      <TextField label={t('editEvent.details')} value={fields.description} onChange={(e) => set({ description: e.target.value })} error={fieldMessage(err, 'description')} dir="auto" />
      {theirs ? null : <ErrorNote message={formMessage(err, ['occurredAt', 'datePrecision', 'title', 'description'])} />}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>{t('editEvent.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>{t('editEvent.cancel')}</button>
      </div>
    </form>
  );
}
