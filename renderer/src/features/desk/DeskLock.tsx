import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('desk');
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
          <h1>{t('lock.cannotStart')}</h1>
          <ErrorNote message={error.message} />
        </div>
      </main>
    );
  }
  if (gate === undefined) return <main className="welcome" id="main"><p className="muted" role="status">{t('lock.opening')}</p></main>;
  if (gate === null || (gate.state === 'open' && (gate.encrypted || later))) return children;
  if (gate.state === 'new') return <ProtectNewDesk gate={gate} onDone={setGate} />;
  if (gate.state === 'locked') return <UnlockScreen gate={gate} onDone={setGate} />;
  return <EncryptOffer gate={gate} onDone={setGate} onLater={() => setLater(true)} />;
}

function ProtectNewDesk({ gate, onDone }: { gate: DeskGate; onDone(g: DeskGate): void }) {
  const { t } = useTranslation('desk');
  const ref = useRef<HTMLElement>(null);
  useFocusOnShow(ref, 'field');
  return (
    <main className="welcome" id="main" ref={ref}>
      <div className="welcome-card">
        <h1 tabIndex={-1}>{t('lock.protect')}</h1>
        <p>{t('lock.protectIntro')}</p>
        <ChoosePassphrase
          osUnlockAvailable={gate.osUnlockAvailable} submitLabel={t('lock.encryptWith')} busyLabel={t('lock.settingUp')}
          run={async (p) => onDone(await createDesk(p))}
        />
      </div>
    </main>
  );
}

function UnlockScreen({ gate, onDone }: { gate: DeskGate; onDone(g: DeskGate): void }) {
  const { t } = useTranslation('desk');
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
        <h1 tabIndex={-1}>{t('lock.unlockHeading')}</h1>
        {gate.problem ? <ErrorNote message={gate.problem} /> : null}
        {byPassphrase ? (
          <form className="form" onSubmit={submit} noValidate>
            <p>{t('lock.encrypted')}</p>
            <TextField
              ref={input} label={t('lock.passphrase')} type="password" autoComplete="current-password" value={passphrase}
              disabled={busy} error={error?.message ?? null} onChange={(e) => setPassphrase(e.target.value)}
            />
            <div className="actions">
              <button type="submit" disabled={busy || passphrase === ''}>{busy ? t('lock.unlocking') : t('lock.unlock')}</button>
            </div>
          </form>
        ) : (
          <p>{t('lock.osOnly')}</p>
        )}
      </div>
    </main>
  );
}

// Keys, not words: translated where they are shown, so they follow the language on show.
const PHASES = {
  copy: 'lock.phase.copy',
  encrypt: 'lock.phase.encrypt',
  verify: 'lock.phase.verify',
  attachments: 'lock.phase.attachments',
  swap: 'lock.phase.swap',
} as const satisfies Record<EncryptProgress['phase'], string>;

function EncryptOffer({ gate, onDone, onLater }: { gate: DeskGate; onDone(g: DeskGate): void; onLater(): void }) {
  const { t } = useTranslation('desk');
  const [progress, setProgress] = useState<EncryptProgress | null>(null);
  const [running, setRunning] = useState(false);
  const ref = useRef<HTMLElement>(null);
  useFocusOnShow(ref, 'heading');
  useEffect(() => onEncryptProgress(setProgress), []);

  return (
    <main className="welcome" id="main" ref={ref}>
      <div className="welcome-card">
        <h1 tabIndex={-1}>{t('lock.notEncrypted')}</h1>
        <p>{t('lock.offer')}</p>
        <ChoosePassphrase
          osUnlockAvailable={gate.osUnlockAvailable} submitLabel={t('lock.encryptThis')} busyLabel={t('lock.encrypting')}
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
            <label htmlFor="desk-progress-bar">{t(PHASES[progress.phase])}</label>
            <progress id="desk-progress-bar" value={progress.done} max={Math.max(progress.total, 1)} />
          </div>
        ) : null}
        <div className="actions">
          <button type="button" className="secondary" disabled={running} onClick={onLater}>{t('lock.notNow')}</button>
        </div>
      </div>
    </main>
  );
}
