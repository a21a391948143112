import { useState } from 'react';
import type { Profile } from '../../../../shared/domain';
import { useActing } from '../../data/acting';
import { useApiQuery, useCaller } from '../../data/query';
import { ROLE_LABELS } from '../../components/labels';
import { Page } from '../../components/Page';
import { useToast } from '../../components/toast';
import { ProfileForm } from './ProfileForm';
import { useCan } from '../../data/permissions';
import { isolate } from '../../../../shared/text/isolate';
import { B } from '../../components/text';


export function ProfilesPage() {
  const { profile } = useActing();
  const profiles = useApiQuery('profiles.list', {});
  const run = useCaller();
  const { notify } = useToast();
  const [editing, setEditing] = useState<Profile | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  const isAdmin = useCan('profiles.manage').allowed;

  // Deactivation, never deletion: the audit trail keeps naming the person. The Core refuses the
  // last active admin; its words are shown as they are.
  const setActive = async (p: Profile, active: boolean) => {
    if (switching) return;
    setSwitching(p.id);
    try {
      const out = await run(active ? 'profiles.reactivate' : 'profiles.deactivate', { id: p.id, rev: p.rev });
      if (editing?.id === p.id) setEditing(null);
      notify(active
        ? { message: `${isolate(p.name)} can work on this desk again.` }
        : {
          message: `${isolate(p.name)} is deactivated: no longer offered to work as; the records and the audit trail keep the name.`,
          undo: () => run('profiles.reactivate', { id: out.id, rev: out.rev }),
        });
    } catch (err) {
      notify({ tone: 'error', message: `${isolate(p.name)} was not ${active ? 'reactivated' : 'deactivated'}: ${(err as Error).message}` });
    } finally {
      setSwitching(null);
    }
  };

  return (
    <Page title="Profiles">
      <div className="columns">
        <section className="panel" aria-labelledby="people-h">
          <h2 id="people-h">People on this desk</h2>
          <ul className="plain-list">
            {(profiles.data ?? []).map((p) => (
              <li key={p.id} className="profile-row">
                <span className="avatar" aria-hidden="true"><B>{p.initials}</B></span>
                <span><B>{p.name}</B>{p.id === profile?.id ? <span className="muted"> (you)</span> : null}</span>
                <span className="muted">{p.roles.map((r) => ROLE_LABELS[r]).join(', ')}</span>
                {p.deactivatedAt ? <span className="badge">Deactivated</span> : null}
                {isAdmin || p.id === profile?.id ? (
                  <button type="button" className="quiet small" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>Edit</button>
                ) : null}
                {/* Working as yourself, you are not offered to switch yourself off. */}
                {isAdmin && p.id !== profile?.id ? (
                  <button
                    type="button" className="quiet small" disabled={switching === p.id}
                    onClick={() => void setActive(p, !!p.deactivatedAt)}
                    aria-label={`${p.deactivatedAt ? 'Reactivate' : 'Deactivate'} ${p.name}`}
                  >
                    {p.deactivatedAt ? 'Reactivate' : 'Deactivate'}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="profile-form-h">
          {editing ? (
            <ProfileForm
              key={editing.id}
              heading={<h2 id="profile-form-h">Edit <B>{editing.name}</B></h2>}
              submitLabel="Save profile" initial={editing} rolesEditable={isAdmin}
              onSubmit={(v) => run('profiles.update', { id: editing.id, rev: editing.rev, ...v, ...(isAdmin ? {} : { roles: undefined }) })}
              onDone={() => setEditing(null)}
            />
          ) : isAdmin ? (
            <ProfileForm
              heading={<h2 id="profile-form-h">New profile</h2>} clearAfterCreate
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
