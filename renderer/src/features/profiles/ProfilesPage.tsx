import { useState } from 'react';
import type { Profile } from '../../../../shared/domain';
import { useActing } from '../../data/acting';
import { useApiQuery, useCaller } from '../../data/query';
import { ROLE_LABELS } from '../../components/labels';
import { Page } from '../../components/Page';
import { ProfileForm } from './ProfileForm';
import { useCan } from '../../data/permissions';

export function ProfilesPage() {
  const { profile } = useActing();
  const profiles = useApiQuery('profiles.list', {});
  const run = useCaller();
  const [editing, setEditing] = useState<Profile | null>(null);
  const isAdmin = useCan('profiles.manage').allowed;
  return (
    <Page title="Profiles">
      <div className="columns">
        <section className="panel" aria-labelledby="people-h">
          <h2 id="people-h">People on this desk</h2>
          <ul className="plain-list">
            {(profiles.data ?? []).map((p) => (
              <li key={p.id} className="profile-row">
                <span className="avatar" aria-hidden="true"><bdi>{p.initials}</bdi></span>
                <span><bdi>{p.name}</bdi>{p.id === profile?.id ? <span className="muted"> (you)</span> : null}</span>
                <span className="muted">{p.roles.map((r) => ROLE_LABELS[r]).join(', ')}</span>
                {isAdmin || p.id === profile?.id ? (
                  <button type="button" className="quiet small" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>Edit</button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="profile-form-h">
          {editing ? (
            <ProfileForm
              key={editing.id}
              heading={<h2 id="profile-form-h">Edit <bdi>{editing.name}</bdi></h2>}
              submitLabel="Save profile" initial={editing} rolesEditable={isAdmin}
              onSubmit={(v) => run('profiles.update', { id: editing.id, rev: editing.rev, ...v, ...(isAdmin ? {} : { roles: undefined }) })}
              onDone={() => setEditing(null)}
            />
          ) : isAdmin ? (
            <ProfileForm
              heading={<h2 id="profile-form-h">New profile</h2>}
              submitLabel="Create profile" onSubmit={(v) => run('profiles.create', v)}
            />
          ) : (
            <p id="profile-form-h" className="muted">Only an administrator adds profiles.</p>
          )}
        </section>
      </div>
    </Page>
  );
}
