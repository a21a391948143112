import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Case, CaseStatus, Marking, Profile, Role } from '../../../shared/domain';
import { ApiError, call, onMenu } from '../api/client';

// Labels keyed by the domain enums: a new role or marking fails to typecheck until it has one.
const ROLE_LABELS = {
  analyst: 'Analyst', case_manager: 'Case manager', reviewer: 'Reviewer', admin: 'Administrator',
} as const satisfies Record<Role, string>;
const ROLES = Object.keys(ROLE_LABELS) as Role[];
const MARKING_LABELS = {
  public: 'Public', subscribers: 'Subscribers', internal: 'Internal', restricted: 'Restricted',
} as const satisfies Record<Marking, string>;
const MARKINGS = Object.keys(MARKING_LABELS) as Marking[];
const STATUS_LABELS = {
  open: 'Open', active: 'Active', on_hold: 'On hold', closed: 'Closed', archived: 'Archived',
} as const satisfies Record<CaseStatus, string>;

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError({ code: 'failed', message: err instanceof Error ? err.message : String(err) });
}

interface Remote<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** Loads once per `load` identity (memoize it) and again on reload(); ignores answers that arrive too late. */
function useRemote<T>(load: () => Promise<T>): Remote<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | null; loading: boolean }>({
    data: undefined, error: null, loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => { if (live) setState({ data, error: null, loading: false }); },
      (err: unknown) => { if (live) setState((s) => ({ data: s.data, error: toApiError(err), loading: false })); },
    );
    return () => { live = false; };
  }, [load, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export function App() {
  const [profile, setProfile] = useState<Profile | null>(null);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Casefile</h1>
        {profile ? (
          <p className="acting">
            Working as <strong dir="auto">{profile.name}</strong>
            <button type="button" className="quiet" onClick={() => setProfile(null)}>Switch profile</button>
          </p>
        ) : null}
      </header>
      <main>
        {profile ? <CasesScreen profile={profile} /> : <ProfilePicker onChoose={setProfile} />}
      </main>
    </div>
  );
}

// --- profiles ----------------------------------------------------------------------------

function ProfilePicker({ onChoose }: { onChoose(profile: Profile): void }) {
  const loadProfiles = useCallback(() => call('profiles.list', {}), []);
  const profiles = useRemote(loadProfiles);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const list = profiles.data ?? [];
  const selected = list.find((p) => p.id === selectedId) ?? null;
  const noneYet = profiles.data !== undefined && list.length === 0;

  const choose = (e: FormEvent) => {
    e.preventDefault();
    if (selected) onChoose(selected);
  };

  return (
    <section className="screen" aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">Who is working?</h2>
      {profiles.loading && profiles.data === undefined ? <p className="muted">Loading profiles…</p> : null}
      {profiles.error ? <p className="error" role="alert">{profiles.error.message}</p> : null}
      <div className="columns">
        {list.length > 0 ? (
          <form className="panel" onSubmit={choose}>
            <fieldset>
              <legend>Profiles</legend>
              <ul className="choices">
                {list.map((p) => (
                  <li key={p.id}>
                    <label className="choice">
                      <input
                        type="radio" name="profile" value={p.id}
                        checked={p.id === selectedId} onChange={() => setSelectedId(p.id)}
                      />
                      <span className="initials" dir="auto">{p.initials}</span>
                      <span className="name" dir="auto">{p.name}</span>
                      <span className="muted">{p.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <button type="submit" disabled={!selected}>Open cases</button>
          </form>
        ) : null}
        {profiles.data !== undefined ? (
          <NewProfileForm
            first={noneYet}
            actingAs={selected}
            onCreated={(created) => {
              profiles.reload();
              if (noneYet) setSelectedId(created.id);
            }}
          />
        ) : null}
      </div>
    </section>
  );
}

function NewProfileForm(props: { first: boolean; actingAs: Profile | null; onCreated(profile: Profile): void }) {
  const { first, actingAs, onCreated } = props;
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');
  const [roles, setRoles] = useState<Role[]>(['analyst']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  // `as` may be null only while no profile exists; after that, someone has to be acting.
  const blocked = !first && !actingAs;

  const toggle = (role: Role) =>
    setRoles((current) => ROLES.filter((r) => (r === role ? !current.includes(r) : current.includes(r))));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || blocked) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call('profiles.create', { as: first ? null : actingAs!.id, name, initials, roles });
      setName('');
      setInitials('');
      setRoles(['analyst']);
      onCreated(created);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>New profile</h3>
      <p className="muted" id={`${ids}-hint`}>
        {first
          ? 'There are no profiles yet. The first one sets up this desk and is its administrator.'
          : actingAs
            ? <>Added by <span dir="auto">{actingAs.name}</span>.</>
            : 'Select the profile you are working as first.'}
      </p>
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required dir="auto" autoComplete="off" />
      </label>
      <label className="field">
        <span>Initials</span>
        <input value={initials} onChange={(e) => setInitials(e.target.value)} required maxLength={5} dir="auto" autoComplete="off" />
      </label>
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map((role) => (
          <label key={role} className="check">
            <input type="checkbox" checked={roles.includes(role)} onChange={() => toggle(role)} />
            {ROLE_LABELS[role]}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy || blocked} aria-describedby={`${ids}-hint`}>
        {busy ? 'Creating…' : 'Create profile'}
      </button>
      {error ? <p className="error" role="alert" dir="auto">{error}</p> : null}
    </form>
  );
}

// --- cases -------------------------------------------------------------------------------

function CasesScreen({ profile }: { profile: Profile }) {
  const loadCases = useCallback(() => call('cases.list', { as: profile.id }), [profile.id]);
  const cases = useRemote(loadCases);
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving to a new screen moves keyboard focus with it.
  useEffect(() => heading.current?.focus(), []);
  const page = cases.data;

  return (
    <section className="screen" aria-labelledby="cases-heading">
      <h2 id="cases-heading" ref={heading} tabIndex={-1}>Cases</h2>
      <div className="columns">
        <div className="panel">
          {cases.loading && !page ? <p className="muted">Loading cases…</p> : null}
          {cases.error ? <p className="error" role="alert">{cases.error.message}</p> : null}
          {page && page.items.length === 0 ? <p className="muted">No cases yet.</p> : null}
          {page && page.items.length > 0 ? (
            <ul className="cases" aria-label="Cases">
              {page.items.map((c) => <CaseRow key={c.id} item={c} />)}
            </ul>
          ) : null}
          {page && page.total > page.items.length ? (
            <p className="muted">Showing {page.items.length} of {page.total}.</p>
          ) : null}
        </div>
        <NewCaseForm profile={profile} onCreated={cases.reload} />
      </div>
    </section>
  );
}

function CaseRow({ item }: { item: Case }) {
  return (
    <li className="case">
      <h3 dir="auto">{item.title}</h3>
      <p className="meta">
        <span className={`marking marking-${item.marking}`}>{MARKING_LABELS[item.marking] ?? item.marking}</span>
        <span>{STATUS_LABELS[item.status] ?? item.status}</span>
      </p>
      {item.summary ? <p className="summary" dir="auto">{item.summary}</p> : null}
    </li>
  );
}

function NewCaseForm({ profile, onCreated }: { profile: Profile; onCreated(c: Case): void }) {
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [marking, setMarking] = useState<Marking>('internal');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const ids = useId();

  useEffect(() => onMenu((command) => {
    if (command === 'case.new') titleInput.current?.focus();
  }), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call('cases.create', { as: profile.id, title, summary, marking });
      setTitle('');
      setSummary('');
      onCreated(created);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>New case</h3>
      <label className="field">
        <span>Title</span>
        <input
          ref={titleInput} value={title} onChange={(e) => setTitle(e.target.value)}
          required dir="auto" autoComplete="off" aria-invalid={error?.body.field === 'title' || undefined}
        />
      </label>
      <label className="field">
        <span>Summary</span>
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={4} dir="auto" />
      </label>
      <label className="field">
        <span>Marking</span>
        <select value={marking} onChange={(e) => setMarking(e.target.value as Marking)}>
          {MARKINGS.map((m) => <option key={m} value={m}>{MARKING_LABELS[m]}</option>)}
        </select>
      </label>
      <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create case'}</button>
      {error ? <p className="error" role="alert" dir="auto">{error.message}</p> : null}
    </form>
  );
}
