import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Profile } from '../../../shared/domain';
import { call } from '../api/client';
import { ActingContext } from '../data/acting';
import type { Acting } from '../data/acting';
import { Composers, ComposersContext } from '../data/composers';
import { DraftStore } from '../data/drafts';
import { PermissionsGate } from '../data/permissions';
import { DraftsContext } from '../data/useDraft';
import { invalidateAfter, keyOf } from '../data/keys';
import { domainOf } from '../../../shared/ipc/methods';
import { useApiQuery } from '../data/query';
import { useToast } from '../components/toast';
import { FirstRun, ProfilePicker } from '../features/profiles';
import { useTranslationEditStore } from '../features/translations';
import { navigate, paths, recordPath } from './router';
import { Shell } from './Shell';
import { useSaveOnLeave } from '../data/useSaveOnLeave';
import { isolate } from '../../../shared/text/isolate';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/instance';

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
  const { t } = useTranslation('shell');
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
  const nameOf = useRef((id: string) => id);
  nameOf.current = (id: string) => list.find((p) => p.id === id)?.name ?? i18n.t('gate.anotherProfile', { ns: 'shell' });
  const [drafts] = useState(() => new DraftStore({
    // As the profile that typed the edits, whoever is working when the save goes out.
    send: (method, input, as) => call(method as never, { ...input, as } as never),
    saved: (method, rec) => {
      qc.setQueryData(keyOf(method.replace(/\.update$/, '.get'), { id: rec.id }), rec);
      void invalidateAfter(qc, method);
    },
    problem: (view) => notify({
      tone: 'error',
      message: view.state.kind === 'conflict'
        ? i18n.t('gate.draftConflict', { ns: 'shell' })
        : i18n.t('gate.draftFailed', { ns: 'shell', message: view.state.kind === 'error' ? view.state.error.message : '' }),
      action: { label: i18n.t('gate.open', { ns: 'shell' }), run: () => navigate(pathForDraft(view.method, view.base.id)) },
    }),
  }));
  const segmentEdits = useTranslationEditStore();
  const [composers] = useState(() => new Composers());

  // Edits made as one profile are saved as that profile before another takes over; what cannot
  // be saved stays theirs, set aside under their name, and is never sent as the next profile.
  const setProfileId = useCallback((id: string | null) => {
    const leaving = asRef.current;
    void (async () => {
      if (leaving && leaving !== id) {
        await Promise.allSettled([drafts.flushAll({ final: true, author: leaving }), segmentEdits.flushAll({ final: true, author: leaving })]);
        drafts.park(leaving);
        segmentEdits.park(leaving);
        const left = [...drafts.unsaved(), ...segmentEdits.unsaved()].filter((v) => v.author === leaving);
        if (left.length) notify({ tone: 'error', message: parkedMessage(nameOf.current(leaving), left) });
      }
      if (id) {
        drafts.unpark(id);
        segmentEdits.unpark(id);
      }
      remember(id);
      setId(id);
    })();
  }, [drafts, segmentEdits, notify]);
  const acting = useMemo<Acting>(() => ({ profile, setProfileId }), [profile, setProfileId]);

  // Pending edits are saved when the window is left or closed.
  useSaveOnLeave(drafts);
  useSaveOnLeave(segmentEdits);
  // A note or comment not sent yet: closing the window asks first.
  useSaveOnLeave(composers);

  const opening = <main className="welcome" id="main"><p className="muted" role="status">{t('gate.opening')}</p></main>;
  let content;
  if (profiles.error) {
    content = (
      <main className="welcome" id="main">
        <div className="welcome-card">
          <h1>{t('gate.cannotStart')}</h1>
          <p className="error" role="alert">{profiles.error.message}</p>
        </div>
      </main>
    );
  } else if (!profiles.data) {
    content = opening;
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
    content = <PermissionsGate waiting={opening}><Shell /></PermissionsGate>;
  }

  return (
    <ActingContext.Provider value={acting}>
      <DraftsContext.Provider value={drafts}>
        <ComposersContext.Provider value={composers}>{content}</ComposersContext.Provider>
      </DraftsContext.Provider>
    </ActingContext.Provider>
  );
}

/** What the toast says when a profile leaves edits behind that could not be saved. */
function parkedMessage(profileName: string, left: { state: { kind: string; error?: { message: string } } }[]): string {
  const t = i18n.getFixedT(null, 'shell');
  const reasons = [...new Set(left.map((v) => (v.state.kind === 'conflict' ? t('gate.parkedConflict') : v.state.error?.message ?? '')))];
  return t('gate.parked', { count: left.length, name: isolate(profileName), reasons: reasons.filter(Boolean).join(' ') || t('gate.parkedNotSent') });
}

/** Where the record a draft edits is shown. A draft saves through `<domain>.update`; a domain is the plural of its record type. */
function pathForDraft(method: string, id: string): string {
  return recordPath(domainOf(method).replace(/s$/, ''), id) ?? paths.cases();
}
