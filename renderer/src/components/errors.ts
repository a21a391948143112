import type { ApiError } from '../api/client';

/** Whether an error is about this input field (or something inside it, like `aliases.2.alias`). */
export function isAbout(error: ApiError | null | undefined, field: string): boolean {
  const f = error?.body.field;
  return !!f && (f === field || f.startsWith(`${field}.`));
}

/** The message for one field, without the "field: " prefix the Core puts in front of it. */
export function fieldMessage(error: ApiError | null | undefined, field: string): string | null {
  if (!error || !isAbout(error, field)) return null;
  const parts = error.message.split('; ').filter((p) => p.startsWith(`${error.body.field}: `) || !p.includes(': '));
  const text = (parts[0] ?? error.message).replace(`${error.body.field}: `, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An error not tied to one of the given fields: shown for the form as a whole. */
export function formMessage(error: ApiError | null | undefined, fields: readonly string[]): string | null {
  if (!error) return null;
  if (fields.some((f) => isAbout(error, f))) return null;
  return error.message;
}
