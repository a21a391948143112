import { useState } from 'react';
import type { FormEvent } from 'react';
import { MIN_PASSPHRASE_LENGTH, newPassphraseProblem, type DeskProtection } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ErrorNote, TextField } from '../../components/Field';

/**
 * How a desk will be protected: a passphrase typed twice, or (where the computer has a real key
 * store) the user's login. Says plainly what losing either means. `run` does the work; its
 * refusal is shown here.
 */
export function ChoosePassphrase(props: {
  osUnlockAvailable: boolean;
  submitLabel: string;
  busyLabel: string;
  run(p: DeskProtection): Promise<unknown>;
  disabled?: boolean;
}) {
  const [first, setFirst] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<DeskProtection['method'] | null>(null);

  const go = async (p: DeskProtection) => {
    if (busy) return;
    setBusy(p.method);
    setError(null);
    try {
      await props.run(p);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const wrong = newPassphraseProblem(first, again);
    setProblem(wrong);
    if (!wrong) void go({ method: 'passphrase', passphrase: first });
  };

  const disabled = props.disabled || busy !== null;
  return (
    <>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Passphrase" type="password" autoComplete="new-password" value={first} disabled={disabled}
          hint={`At least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
          error={problem && problem.startsWith('A passphrase') ? problem : null}
          onChange={(e) => { setFirst(e.target.value); setProblem(null); }}
        />
        <TextField
          label="The passphrase again" type="password" autoComplete="new-password" value={again} disabled={disabled}
          error={problem && !problem.startsWith('A passphrase') ? problem : null}
          onChange={(e) => { setAgain(e.target.value); setProblem(null); }}
        />
        <p className="notice" role="note">
          Nothing can recover this desk without its passphrase: not Casefile, not an administrator, no one.
          Write it down and keep it somewhere safe.
        </p>
        <div className="actions">
          <button type="submit" disabled={disabled}>{busy === 'passphrase' ? props.busyLabel : props.submitLabel}</button>
        </div>
      </form>
      {props.osUnlockAvailable ? (
        <div className="desk-login-choice">
          <p className="muted">or</p>
          <button type="button" className="secondary" disabled={disabled} aria-describedby="desk-login-hint" onClick={() => void go({ method: 'os' })}>
            {busy === 'os' ? props.busyLabel : 'Unlock with my login'}
          </button>
          <p className="field-hint" id="desk-login-hint">
            This computer&apos;s key store keeps the key: the desk opens whenever you are logged in, with nothing to type.
            If that login or its key store is lost (a new computer, a reset), the desk is lost with it.
          </p>
        </div>
      ) : null}
      <ErrorNote message={error?.message} />
    </>
  );
}
