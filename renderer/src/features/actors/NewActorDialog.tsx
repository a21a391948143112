import { useState } from 'react';
import type { FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField, TextField, options } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { ACTOR_KIND_LABELS, type ActorKind } from '../../components/labels';
import { useApiMutation } from '../../data/query';
import { navigate, paths } from '../../app/router';

export function NewActorDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const [name, setName] = useState('');
  const [nameOriginal, setNameOriginal] = useState('');
  const [kind, setKind] = useState<ActorKind>('person');
  const [country, setCountry] = useState('');
  const create = useApiMutation('actors.create', { onSuccess: (a) => { onClose(); setName(''); setNameOriginal(''); navigate(paths.actor(a.id)); } });
  const err = create.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, kind, nameOriginal: nameOriginal || null, country: country || null });
  };
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="New actor">
      <form className="form" onSubmit={submit} noValidate aria-label="New actor">
        <TextField label="Name (English)" value={name} onChange={(e) => setName(e.target.value)} autoFocus error={fieldMessage(err, 'name')} />
        <TextField label="Name in original script" value={nameOriginal} onChange={(e) => setNameOriginal(e.target.value)} error={fieldMessage(err, 'nameOriginal')} />
        <div className="field-row">
          <SelectField label="Kind" value={kind} options={options(ACTOR_KIND_LABELS)} onChange={(e) => setKind(e.target.value as ActorKind)} error={fieldMessage(err, 'kind')} />
          <TextField label="Country" value={country} onChange={(e) => setCountry(e.target.value)} error={fieldMessage(err, 'country')} />
        </div>
        <ErrorNote message={formMessage(err, ['name', 'nameOriginal', 'kind', 'country'])} />
        <div className="dialog-actions">
          <button type="button" className="quiet" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={create.isPending}>Create actor</button>
        </div>
      </form>
    </Dialog>
  );
}
