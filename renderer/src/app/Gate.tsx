import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Profile } from '../../../shared/domain';
import { call } from '../api/client';
import { ActingContext } from '../data/acting';
import type { Acting } from '../data/acting';
import { DraftStore } from '../data/drafts';
import { DraftsContext } from '../data/useDraft';
import { invalidateAfter, keyOf } from '../data/keys';
import { useApiQuery } from '../data/query';
import { useToast } from '../components/toast';
import { FirstRun, ProfilePicker } from '../features/profiles';
import { navigate, paths } from './router';
import { Shell } from './Shell';
import { useSaveOnLeave } from '../data/useSaveOnLeave';

const PROFILE_KEY = 'casefile.profileId';

function remembered(): string | null {
  try { return window.localStorage.getItem(PROFILE_KEY); } catch { return null; }
}
function remember(id: string | null): void {
  try {
    if (id) window.localStorage.setItem(PROFILE_KEY, id); else window.localStorage.removeItem(PROFILE_KEY);
  } catch { /* storage may be off; the choice then lasts this session */ }
}

/** Who is working decides what shows: first run, the profile picker, or the workstation. */
export function Gate() {
  const qc = useQueryClient();
  const { notify } = useToast();
  const profiles = useApiQuery('profiles.list', {});
  const [profileId, setId] = useState<string | null>(remembered);
  const [firstRun, setFirstRun] = useState(false);
  const list = useMemo(() => (profiles.data ?? []).filter((p) => !p.deletedAt), [profiles.data]);
  // A deactivated profile stays listed (the audit names it) but nobody may work as it.
  const active = useMemo(() => list.filter((p) => !p.deactivatedAt), [list]);
  const profile = active.find((p) => p.id === profileId) ?? null;

  useEffect(() => {
    if (profiles.data && list.length === 0) setFirstRun(true);
  }, [profiles.data, list.length]);

  const asRef = useRef<string | null>(null);
  asRef.current = profile?.id ?? null;
  const [drafts] = useState(() => new DraftStore({
    send: (method, input) => call(method as never, { ...input, as: asRef.current } as never),
    saved: (method, rec) => {
      qc.setQueryData(keyOf(method.replace(/\.update$/, '.get'), { id: rec.id }), rec);
      void invalidateAfter(qc, method);
    },
    problem: (view) => notify({
      tone: 'error',
      message: view.state.kind === 'conflict'
        ? 'An edit you left could not be saved: someone else changed that record. Open it to choose what to keep.'
        : `An edit you left could not be saved: ${view.state.kind === 'error' ? view.state.error.message : ''}`,
      action: { label: 'Open', run: () => navigate(pathForDraft(view.key)) },
    }),
  }));

  // Edits made as one profile are saved as that profile before another takes over.
  const setProfileId = useCallback((id: string | null) => {
    void drafts.flushAll({ final: true }).finally(() => { remember(id); setId(id); });
  }, [drafts]);
  const acting = useMemo<Acting>(() => ({ profile, setProfileId }), [profile, setProfileId]);

  // Pending edits are saved when the window is left or closed.
  useSaveOnLeave(drafts);

  let content;
  if (profiles.error) {
    content = (
      <main className="welcome" id="main">
        <div className="welcome-card">
          <h1>Casefile cannot start</h1>
          <p className="error" role="alert">{profiles.error.message}</p>
        </div>
      </main>
    );
  } else if (!profiles.data) {
    content = <main className="welcome" id="main"><p className="muted" role="status">Opening Casefile…</p></main>;
  } else if (firstRun) {
    content = (
      <FirstRun
        onDone={(p: Profile, caseId) => {
          setProfileId(p.id);
          setFirstRun(false);
          void qc.invalidateQueries();
          navigate(caseId ? paths.case(caseId) : paths.cases());
        }}
      />
    );
  } else if (!profile) {
    content = <ProfilePicker profiles={active} onChoose={(p) => setProfileId(p.id)} />;
  } else {
    content = <Shell />;
  }

  return (
    <ActingContext.Provider value={acting}>
      <DraftsContext.Provider value={drafts}>{content}</DraftsContext.Provider>
    </ActingContext.Provider>
  );
}

function pathForDraft(key: string): string {
  const [method, id] = key.split(':') as [string, string];
  const domain = method.slice(0, method.indexOf('.'));
  switch (domain) {
    case 'statements': return paths.statement(id);
    case 'sources': return paths.source(id);
    case 'actors': return paths.actor(id);
    case 'cases': return paths.case(id);
    default: return paths.cases();
  }
}
