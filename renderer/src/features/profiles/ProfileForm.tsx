import { useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Profile, Role } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ErrorNote, TextField } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { ROLE_LABELS, ROLES } from '../../components/labels';
import { B } from '../../components/text';

export interface ProfileValues { name: string; initials: string; roles: Role[] }

function initialsOf(name: string): string {
  return name.trim().split(/\s+/).filter(Boolean).slice(0, 3).map((w) => w.charAt(0).toUpperCase()).join('');
}

/**
 * Name, initials, roles; submit hands the values up and shows the Core's answer in place.
 * With `clearAfterCreate` the form empties itself after a success, ready for the next person:
 * values left in place would let a second click create the same person twice.
 */
export function ProfileForm(props: {
  submitLabel: string; initial?: Partial<ProfileValues>; heading?: ReactNode; rolesEditable?: boolean; onSubmit(v: ProfileValues): Promise<Profile>;
  onDone?(p: Profile): void; defaultRoles?: Role[]; clearAfterCreate?: boolean;
}) {
  const startRoles = props.initial?.roles ?? props.defaultRoles ?? ['analyst'];
  const [name, setName] = useState(props.initial?.name ?? '');
  const [initials, setInitials] = useState(props.initial?.initials ?? '');
  const [initialsTouched, setInitialsTouched] = useState(!!props.initial?.initials);
  const [roles, setRoles] = useState<Role[]>(startRoles);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<Profile | null>(null);
  // State is only seen on the next render; a ref stops a second submit that arrives before it
  // (Enter held down, a double click) from sending the same person again.
  const inFlight = useRef(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const rolesEditable = props.rolesEditable ?? true;

  const toggle = (role: Role) => setRoles((cur) => ROLES.filter((r) => (r === role ? !cur.includes(r) : cur.includes(r))));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const p = await props.onSubmit({ name, initials, roles });
      if (props.clearAfterCreate) {
        setName('');
        setInitials('');
        setInitialsTouched(false);
        setRoles(startRoles);
        setCreated(p);
        nameInput.current?.focus();
      }
      props.onDone?.(p);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {props.heading}
      <TextField
        ref={nameInput} label="Name" value={name} required error={fieldMessage(error, 'name')}
        onChange={(e) => { setName(e.target.value); if (!initialsTouched) setInitials(initialsOf(e.target.value)); }}
      />
      <TextField
        label="Initials" value={initials} required maxLength={5} error={fieldMessage(error, 'initials')}
        hint="Shown next to everything you change." onChange={(e) => { setInitials(e.target.value); setInitialsTouched(true); }}
      />
      {rolesEditable ? (
        <fieldset aria-describedby={error && fieldMessage(error, 'roles') ? 'roles-error' : undefined}>
          <legend>Roles</legend>
          {ROLES.map((role) => (
            <label key={role} className="check">
              <input type="checkbox" checked={roles.includes(role)} onChange={() => toggle(role)} />
              {ROLE_LABELS[role]}
            </label>
          ))}
          {fieldMessage(error, 'roles') ? <p className="field-error" id="roles-error" role="alert">{fieldMessage(error, 'roles')}</p> : null}
        </fieldset>
      ) : null}
      <ErrorNote message={formMessage(error, ['name', 'initials', 'roles'])} />
      <div className="actions">
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : props.submitLabel}</button>
        <span role="status" className="muted">{created ? <>Created the profile of <B>{created.name}</B>.</> : null}</span>
      </div>
    </form>
  );
}
