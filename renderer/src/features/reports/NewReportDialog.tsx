import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Marking } from '../../../../shared/domain';
import { arriveAt } from '../../components/arrival';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField, TextField, Why, options } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { MARKING_LABELS } from '../../components/labels';
import { useCan } from '../../data/permissions';
import { useApiMutation, useApiQuery } from '../../data/query';
import { navigate, paths } from '../../app/router';
import { B } from '../../components/text';

/** Starts a report draft (in a case when one is given, with the case's marking); the editor opens on it. */
export function NewReportDialog({ isOpen, onClose, caseId }: { isOpen: boolean; onClose(): void; caseId?: string | undefined }) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="New report">
      {isOpen ? <NewReportForm onClose={onClose} caseId={caseId} /> : null}
    </Dialog>
  );
}

function NewReportForm({ onClose, caseId }: { onClose(): void; caseId?: string | undefined }) {
  const kase = useApiQuery('cases.get', caseId ? { id: caseId } : null);
  const can = useCan('reports.write');
  const [headline, setHeadline] = useState('');
  const [marking, setMarking] = useState<Marking | null>(null);
  const create = useApiMutation('reports.create', {
    onSuccess: (r) => {
      onClose();
      // The editor's first field (the headline) takes the focus, to go on writing.
      arriveAt('field');
      navigate(paths.report(r.id));
    },
  });
  const chosen = marking ?? kase.data?.marking ?? 'internal';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    create.mutate({ headline, marking: chosen, ...(caseId ? { caseIds: [caseId] } : {}) });
  };
  const error = create.error;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New report">
      {kase.data ? <p className="muted">In the case <B>{kase.data.title}</B>.</p> : null}
      <TextField label="Headline" value={headline} onChange={(e) => setHeadline(e.target.value)} required autoFocus error={fieldMessage(error, 'headline')} />
      <SelectField
        label="Marking" hint="Every export states it, and refuses records more restricted than it unless allowed."
        value={chosen} onChange={(e) => setMarking(e.target.value as Marking)} options={options(MARKING_LABELS)} error={fieldMessage(error, 'marking')}
      />
      <Why can={can} id="new-report-why" />
      <ErrorNote message={formMessage(error, ['headline', 'marking'])} />
      <div className="dialog-actions">
        <button type="button" className="quiet" onClick={onClose}>Cancel</button>
        <button type="submit" disabled={create.isPending || !can.allowed} aria-describedby={can.allowed ? undefined : 'new-report-why'}>
          {create.isPending ? 'Creating…' : 'Create report'}
        </button>
      </div>
    </form>
  );
}
