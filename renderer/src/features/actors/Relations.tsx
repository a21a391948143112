import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Actor, ActorRelation } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ErrorNote, SelectField, TextField, Why } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { RELATIONS, RELATION_INVERSE_LABELS, RELATION_LABELS, type RelationKind } from '../../components/labels';
import { useToast } from '../../components/toast';
import { useCan } from '../../data/permissions';
import { useApiQuery, useCaller } from '../../data/query';
import { Link, paths } from '../../app/router';
import { ActorPicker } from './ActorPicker';
import { useActorNames } from './useActorNames';
import { B } from '../../components/text';

/** Relations read from this actor's side; unlinking offers Undo. */
export function Relations({ actor, disabled: trashed }: { actor: Actor; disabled: boolean }) {
  const can = useCan('actors.relate');
  const disabled = trashed || !can.allowed;
  const q = useApiQuery('actors.relations', { actorId: actor.id });
  const names = useActorNames();
  const run = useCaller();
  const { notify } = useToast();
  const [relation, setRelation] = useState<RelationKind>('member_of');
  const [other, setOther] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const link = (e: FormEvent) => {
    e.preventDefault();
    if (!other) { setError(toApiError(new Error('Choose the other actor first.'))); return; }
    setError(null);
    run('actors.link', { fromActorId: actor.id, relation, toActorId: other, note }).then(() => { setOther(null); setNote(''); }, (x: unknown) => setError(toApiError(x)));
  };
  const unlink = (r: ActorRelation) => {
    setError(null);
    run('actors.unlink', { relationId: r.id }).then(() => notify({
      message: 'Relation removed.',
      undo: () => run('actors.link', { fromActorId: r.fromActorId, relation: r.relation, toActorId: r.toActorId, note: r.note }),
    }), (x: unknown) => setError(toApiError(x)));
  };
  return (
    <section className="panel" aria-labelledby="relations-h">
      <h2 id="relations-h">Relations</h2>
      {q.data?.length === 0 ? <p className="muted">No relations yet.</p> : null}
      <ul className="plain-list">
        {(q.data ?? []).map((r) => {
          const outgoing = r.fromActorId === actor.id;
          const otherId = outgoing ? r.toActorId : r.fromActorId;
          return (
            <li key={r.id} className="relation-row">
              <span>{outgoing ? RELATION_LABELS[r.relation] : RELATION_INVERSE_LABELS[r.relation]}</span>{' '}
              <Link to={paths.actor(otherId)}><B>{names.name(otherId)}</B></Link>
              {r.note ? <span className="muted small"> · <B>{r.note}</B></span> : null}
              <button type="button" className="quiet small" disabled={disabled} onClick={() => unlink(r)} aria-label={`Remove relation with ${names.name(otherId)}`}>Unlink</button>
            </li>
          );
        })}
      </ul>
      {trashed ? null : <Why can={can} id="relations-why" />}
      <form className="form" onSubmit={link} aria-label="Add a relation">
        <fieldset className="bare" disabled={disabled}>
          <SelectField label="Relation" value={relation} options={RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }))} onChange={(e) => setRelation(e.target.value as RelationKind)} error={fieldMessage(error, 'relation')} />
          <ActorPicker label="Other actor" value={other} onChange={setOther} error={fieldMessage(error, 'toActorId')} />
          <TextField label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
          <ErrorNote message={formMessage(error, ['relation', 'toActorId'])} />
          <div className="actions"><button type="submit" className="secondary">Add relation</button></div>
        </fieldset>
      </form>
    </section>
  );
}

