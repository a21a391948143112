import { createContext, useContext, useId } from 'react';
import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import type { Allowance } from '../../../shared/domain';
import { useTranslation } from 'react-i18next';

const ReadOnlyContext = createContext(false);

/** Whether the fields around are read-only (the acting profile may not change them). */
export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

/**
 * Fields the acting profile may read but not change, with the Core's reason above them. Text
 * stays legible, selectable and focusable (read-only); choices are disabled.
 */
export function ReadOnlyFields({ can, children, note = true }: { can: Allowance; children: ReactNode; note?: boolean }) {
  const outer = useContext(ReadOnlyContext);
  return (
    <ReadOnlyContext.Provider value={outer || !can.allowed}>
      {note && !can.allowed && can.reason ? <ReadOnlyNote reason={can.reason} /> : null}
      {children}
    </ReadOnlyContext.Provider>
  );
}

/**
 * Fields whose permission is their own, not the form's: enabled or read-only by `can` alone,
 * whatever the fields around say (a case manager may set a statement's marking without the
 * right to edit the statement).
 */
export function OwnPermission({ can, children }: { can: boolean; children: ReactNode }) {
  return <ReadOnlyContext.Provider value={!can}>{children}</ReadOnlyContext.Provider>;
}

export function ReadOnlyNote({ reason }: { reason: string }) {
  const { t } = useTranslation('common');
  return <p className="notice read-only-note" role="note">{t('readOnly', { reason })}</p>;
}

/** Why an action is unavailable to the acting profile: the Core's words, for aria-describedby. */
export function Why({ can, id }: { can: Allowance; id: string }) {
  if (can.allowed || !can.reason) return null;
  return <p className="field-hint why" id={id}>{can.reason}</p>;
}

interface Common {
  label: ReactNode;
  /** Shown under the control, tied to it with aria-describedby. */
  hint?: ReactNode;
  /** The Core's words about this field, shown next to it. */
  error?: string | null;
  className?: string;
}

function useFieldIds(hint: unknown, error: unknown) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [errorId, hintId].filter(Boolean).join(' ') || undefined };
}

function Frame({ id, label, hint, hintId, error, errorId, className, children }: Common & { id: string; hintId?: string | undefined; errorId?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <p className="field-hint" id={hintId}>{hint}</p> : null}
      {error ? <p className="field-error" id={errorId} role="alert" dir="auto">{error}</p> : null}
    </div>
  );
}

export function TextField({ label, hint, error, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const ids = useFieldIds(hint, error);
  const readOnly = useReadOnly();
  return (
    <Frame {...{ label, hint, error, className }} {...ids}>
      <input id={ids.id} dir="auto" autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} readOnly={readOnly || input.readOnly} />
    </Frame>
  );
}

export function TextAreaField({ label, hint, error, className, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  const ids = useFieldIds(hint, error);
  const readOnly = useReadOnly();
  return (
    <Frame {...{ label, hint, error, className }} {...ids}>
      <textarea id={ids.id} dir="auto" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} readOnly={readOnly || input.readOnly} />
    </Frame>
  );
}

export interface Option { value: string; label: string; disabled?: boolean }

export function SelectField({ label, hint, error, className, options, ...input }: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly Option[] }) {
  const ids = useFieldIds(hint, error);
  const readOnly = useReadOnly();
  return (
    <Frame {...{ label, hint, error, className }} {...ids}>
      <select id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} disabled={readOnly || input.disabled}>
        {options.map((o) => <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>)}
      </select>
    </Frame>
  );
}

export function options<T extends string>(labels: Record<T, string>, empty?: string): Option[] {
  const list = (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
  return empty !== undefined ? [{ value: '', label: empty }, ...list] : list;
}

/** An error for a whole form or action, next to the thing that caused it. */
export function ErrorNote({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return <p className="error" role="alert" dir="auto" id={id}>{message}</p>;
}
