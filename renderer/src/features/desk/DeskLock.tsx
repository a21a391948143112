import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { DeskGate, EncryptProgress } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { createDesk, deskGate, encryptDesk, onEncryptProgress, unlockDesk } from '../../api/desk';
import { useFocusOnShow } from '../../components/arrival';
import { ErrorNote, TextField } from '../../components/Field';
import { ChoosePassphrase } from './ChoosePassphrase';

/**
 * Nothing of the desk shows until it is open: a new data folder first chooses how it is
 * protected, an encrypted desk asks for its passphrase, and a plain desk is offered encryption
 * (it may be put off). Where the door has no gate (the harness's plain mode) the desk is open.
 */
export function DeskLock({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<DeskGate | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [later, setLater] = useState(false);

  useEffect(() => {
    deskGate().then(setGate, (err: unknown) => setError(toApiError(err)));
  }, []);

  if (error) {
    return (
      <main className="welcome" id="main">
        <div className="welcome-card">
          <h1>Casefile cannot start</h1>
          <ErrorNote message={error.message} />
        </div>
      </main>
    );
  }
  if (gate === undefined) return <main className="welcome" id="main"><p className="muted" role="status">Opening Casefile…</p></main>;
  if (gate === null || (gate.state === 'open' && (gate.encrypted || later))) return children;
  if (gate.state === 'new') return <ProtectNewDesk gate={gate} onDone={setGate} />;
  if (gate.state === 'locked') return <UnlockScreen gate={gate} onDone={setGate} />;
  return <EncryptOffer gate={gate} onDone={setGate} onLater={() => setLater(true)} />;
}

function ProtectNewDesk({ gate, onDone }: { gate: DeskGate; onDone(g: DeskGate): void }) {
  const ref = useRef<HTMLElement>(null);
  useFocusOnShow(ref, 'field');
  return (
    <main className="welcome" id="main" ref={ref}>
      <div className="welcome-card">
        <h1 tabIndex={-1}>Protect this desk</h1>
        <p>
          Welcome to Casefile. Everything stays on this machine, encrypted: the case database and every attachment. A lost or stolen laptop
          gives nothing away. First choose how this desk is unlocked.
        </p>
        <ChoosePassphrase
          osUnlockAvailable={gate.osUnlockAvailable} submitLabel="Encrypt with this passphrase" busyLabel="Setting up…"
          run={async (p) => onDone(await createDesk(p))}
        />
      </div>
    </main>
  );
}

function UnlockScreen({ gate, onDone }: { gate: DeskGate; onDone(g: DeskGate): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useFocusOnShow(ref, 'field');
  const byPassphrase = gate.unlock.includes('passphrase');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await unlockDesk(passphrase));
    } catch (err) {
      setError(toApiError(err));
      setPassphrase('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="welcome" id="main" ref={ref}>
      <div className="welcome-card">
        <h1 tabIndex={-1}>Unlock this desk</h1>
        {gate.problem ? <ErrorNote message={gate.problem} /> : null}
        {byPassphrase ? (
          <form className="form" onSubmit={submit} noValidate>
            <p>This desk is encrypted. Type its passphrase to open it.</p>
            <TextField
              ref={input} label="Passphrase" type="password" autoComplete="current-password" value={passphrase}
              disabled={busy} error={error?.message ?? null} onChange={(e) => setPassphrase(e.target.value)}
            />
            <div className="actions">
              <button type="submit" disabled={busy || passphrase === ''}>{busy ? 'Unlocking…' : 'Unlock'}</button>
            </div>
          </form>
        ) : (
          <p>
            This desk opens only with the login that encrypted it, on the computer where it was set up. Log in as that user,
            or restore the desk from a backup you can unlock.
          </p>
        )}
      </div>
    </main>
  );
}

const PHASES: Record<EncryptProgress['phase'], string> = {
  copy: 'Copying the database',
  encrypt: 'Encrypting the copy',
  verify: 'Checking the copy',
  attachments: 'Encrypting attachments',
  swap: 'Switching to the encrypted desk',
};

function EncryptOffer({ gate, onDone, onLater }: { gate: DeskGate; onDone(g: DeskGate): void; onLater(): void }) {
  const [progress, setProgress] = useState<EncryptProgress | null>(null);
  const [running, setRunning] = useState(false);
  const ref = useRef<HTMLElement>(null);
  useFocusOnShow(ref, 'heading');
  useEffect(() => onEncryptProgress(setProgress), []);

  return (
    <main className="welcome" id="main" ref={ref}>
      <div className="welcome-card">
        <h1 tabIndex={-1}>This desk is not encrypted</h1>
        <p>
          Its database and attachments are stored as they are: anyone with this computer&apos;s disk can read every case.
          Encrypt it now? Casefile copies the desk, checks the copy and only then switches to it, so an interruption leaves the
          desk as it was.
        </p>
        <ChoosePassphrase
          osUnlockAvailable={gate.osUnlockAvailable} submitLabel="Encrypt this desk" busyLabel="Encrypting…"
          run={async (p) => {
            setRunning(true);
            try {
              onDone(await encryptDesk(p));
            } finally {
              setRunning(false);
              setProgress(null);
            }
          }}
        />
        {running && progress ? (
          <div className="desk-progress" role="status">
            <label htmlFor="desk-progress-bar">{PHASES[progress.phase]}</label>
            <progress id="desk-progress-bar" value={progress.done} max={Math.max(progress.total, 1)} />
          </div>
        ) : null}
        <div className="actions">
          <button type="button" className="secondary" disabled={running} onClick={onLater}>Not now</button>
        </div>
      </div>
    </main>
  );
}
