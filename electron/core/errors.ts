import type { ErrorBody, ErrorCode, Result } from '../../shared/ipc/contract';
import type { Role } from '../../shared/domain';
import { z } from 'zod';

/** The only error the Core throws on purpose: it carries a code and words a user can act on. */
export class CoreError extends Error {
  readonly body: ErrorBody;
  constructor(code: ErrorCode, message: string, extra: Omit<ErrorBody, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'CoreError';
    this.body = { code, message, ...extra };
  }
  static notFound(kind: string, id: string) {
    return new CoreError('not_found', `No ${kind} with id ${id}.`, { field: 'id' });
  }
  static forbidden(action: string, role: Role) {
    return new CoreError('forbidden', `Only a profile with the ${role.replace('_', ' ')} role may ${action}.`, { needsRole: role });
  }
  static invalid(field: string, message: string) {
    return new CoreError('invalid_input', `${field}: ${message}`, { field });
  }
}

/** Turn a zod failure into one message that names every offending field. */
export function fromZod(err: z.ZodError, what = 'input'): CoreError {
  const issues = err.issues.slice(0, 5).map((i) => {
    const path = i.path.map(String).join('.') || what;
    return `${path}: ${i.message}`;
  });
  const first = err.issues[0]?.path.map(String).join('.') || undefined;
  return new CoreError('invalid_input', issues.join('; '), first ? { field: first } : {});
}

export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof CoreError) return err.body;
  if (err instanceof z.ZodError) return fromZod(err).body;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'failed', message: `Unexpected failure: ${message}` };
}

export async function toResult<T>(fn: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toErrorBody(err) };
  }
}
