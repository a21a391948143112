import { useRef, useState } from 'react';
import type { Profile } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { call, toApiError } from '../../api/client';
import { useFocusOnShow } from '../../components/arrival';
import { ErrorNote } from '../../components/Field';
import { ProfileForm } from './ProfileForm';
import { B } from '../../components/text';

/**
 * The first start on a machine: make your profile (it becomes the desk's administrator),
 * then choose between the sample case and an empty desk.
 */
export function FirstRun({ onDone }: { onDone(profile: Profile, caseId: string | null): void }) {
  const [created, setCreated] = useState<Profile | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ref = useRef<HTMLElement>(null);
  // The first thing to do is type a name: the box has the focus (the next card focuses its first button).
  useFocusOnShow(ref, 'field');

  const loadSample = async () => {
    if (!created || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { caseId } = await call('sample.load', { as: created.id });
      onDone(created, caseId);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <main className="welcome" id="main" ref={ref}>
      <div className="welcome-card">
        {!created ? (
          <>
            <h1 tabIndex={-1}>Welcome to Casefile</h1>
            <p>
              Everything stays on this machine. Start by creating your profile: every change you make is recorded under it.
              As the first profile on this desk you are also its administrator.
            </p>
            <ProfileForm
              submitLabel="Create profile" defaultRoles={['analyst', 'case_manager']}
              onSubmit={(v) => call('profiles.create', { as: null, ...v })} onDone={setCreated}
            />
          </>
        ) : (
          <section aria-labelledby="sample-heading">
            <h1 id="sample-heading" tabIndex={-1}>Hello, <B>{created.name}</B></h1>
            <p>
              Would you like to load the sample case? It is a published report on an Al-Nujaba statement of
              November 2023 with its speaker, sources and related statements, to try things out on.
            </p>
            <div className="actions">
              <button type="button" onClick={loadSample} disabled={busy} autoFocus>{busy ? 'Loading…' : 'Load the sample case'}</button>
              <button type="button" className="secondary" onClick={() => onDone(created, null)} disabled={busy}>Start with an empty desk</button>
            </div>
            <ErrorNote message={error?.message} />
          </section>
        )}
      </div>
    </main>
  );
}
