import { useState } from 'react';
import type { Actor, Alias } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ConflictView } from '../../components/ConflictView';
import type { ConflictField } from '../../components/ConflictView';
import { ErrorNote, ReadOnlyFields, SelectField, TextAreaField, TextField, options } from '../../components/Field';
import { OthersDrafts } from '../../components/ParkedEdits';
import { Loading, Page } from '../../components/Page';
import { SaveStatus } from '../../components/SaveStatus';
import { fieldMessage } from '../../components/errors';
import { ACTOR_KIND_LABELS, type ActorKind } from '../../components/labels';
import type { Rec } from '../../data/drafts';
import { useCan } from '../../data/permissions';
import { useApiQuery } from '../../data/query';
import { useDraft } from '../../data/useDraft';
import { useTrash } from '../../data/useTrash';
import { navigate, paths } from '../../app/router';
import { NotesPanel } from '../notes';
import { ActorStatements } from './ActorStatements';
import { Aliases } from './Aliases';
import { ACTOR_KIND } from './kind';
import { Relations } from './Relations';
import { isolate } from '../../../../shared/text/isolate';
import { B } from '../../components/text';

const FIELDS: ConflictField[] = [
  { key: 'name', label: 'Name', text: true }, { key: 'nameOriginal', label: 'Original script', text: true },
  { key: 'kind', label: 'Kind' }, { key: 'country', label: 'Country', text: true }, { key: 'description', label: 'Description', text: true },
  { key: 'aliases', label: 'Aliases', show: (v) => (v as Alias[]).map((a) => a.alias).join(' · ') },
];

export function ActorPage({ id }: { id: string }) {
  const q = useApiQuery('actors.get', { id });
  if (q.error) return <Page title="Actor"><ErrorNote message={q.error.message} /></Page>;
  if (!q.data) return <Page title="Actor"><Loading what="the actor" /></Page>;
  return <ActorView actor={q.data} />;
}

function ActorView({ actor }: { actor: Actor }) {
  const draft = useDraft(ACTOR_KIND, actor as unknown as Rec & Actor);
  const a = draft.view.value as unknown as Actor;
  const err = draft.view.state.kind === 'error' ? draft.view.state.error : null;
  const trashRecord = useTrash();
  const [error, setError] = useState<ApiError | null>(null);
  const trashed = !!actor.deletedAt;
  const canEdit = useCan('actors.edit');
  const canTrash = useCan('actors.trash');

  const trash = async () => {
    setError(null);
    try {
      await trashRecord(ACTOR_KIND, actor as unknown as Rec, 'actors.trash', `“${isolate(actor.name)}”`);
      navigate(paths.actors());
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Page
      title={<><B>{a.name}</B>{a.nameOriginal ? <> <B className="title-original">{a.nameOriginal}</B></> : null}</>}
      actions={
        <>
          {canEdit.allowed || draft.view.dirty ? <SaveStatus view={draft.view} onRetry={() => void draft.flush()} /> : null}
          <button type="button" className="danger" onClick={() => void trash()} disabled={trashed || !canTrash.allowed} title={canTrash.reason ?? undefined}>Move to trash</button>
        </>
      }
    >
      <p className="muted">{ACTOR_KIND_LABELS[a.kind]}{a.country ? <> · <B>{a.country}</B></> : null}</p>
      {trashed ? <p className="notice" role="note">This actor is in the trash.</p> : null}
      <ErrorNote message={error?.message} />
      <OthersDrafts kind={ACTOR_KIND} id={actor.id} labels={FIELDS} />
      {draft.view.state.kind === 'conflict' ? (
        <ConflictView view={draft.view} fields={FIELDS} onKeepMine={() => void draft.keepMine()} onTakeTheirs={() => void draft.takeTheirs()} onMerge={(m) => void draft.merge(m)} />
      ) : (
        <div className="columns">
          <div>
            <section className="panel" aria-labelledby="actor-details-h">
              <h2 id="actor-details-h">Details</h2>
              <ReadOnlyFields can={trashed ? { allowed: true, reason: null } : canEdit}>
              <fieldset className="bare" disabled={trashed}>
                <div className="field-row">
                  <TextField label="Name (English)" value={a.name} onChange={(e) => void draft.edit({ name: e.target.value })} onBlur={() => void draft.flush()} error={fieldMessage(err, 'name')} />
                  <TextField label="Name in original script" value={a.nameOriginal ?? ''} onChange={(e) => void draft.edit({ nameOriginal: e.target.value || null })} error={fieldMessage(err, 'nameOriginal')} />
                </div>
                <div className="field-row">
                  <SelectField label="Kind" value={a.kind} options={options(ACTOR_KIND_LABELS)} onChange={(e) => void draft.edit({ kind: e.target.value as ActorKind }, { now: true })} error={fieldMessage(err, 'kind')} />
                  <TextField label="Country" value={a.country ?? ''} onChange={(e) => void draft.edit({ country: e.target.value || null })} error={fieldMessage(err, 'country')} />
                </div>
                <TextAreaField label="Description" rows={3} value={a.description} onChange={(e) => void draft.edit({ description: e.target.value })} error={fieldMessage(err, 'description')} />
              </fieldset>
              </ReadOnlyFields>
            </section>
            <Aliases aliases={a.aliases} error={fieldMessage(err, 'aliases')} disabled={trashed} onChange={(aliases) => void draft.edit({ aliases }, { now: true })} />
            <ActorStatements actorId={actor.id} />
          </div>
          <div>
            <Relations actor={actor} disabled={trashed} />
            <NotesPanel targetType="actor" targetId={actor.id} />
          </div>
        </div>
      )}
    </Page>
  );
}
