/**
 * Checks a Core answer against its contract output schema. The doors trust the TypeScript
 * types, which the handlers can only approximate (rows read from SQLite, casts): this is
 * where a field that is null but typed string, or a key the schema does not have, shows up.
 * Off in the app (createCore's `checkOutputs`); on in every test run (CASEFILE_CHECK_OUTPUTS=1),
 * whichever door the call came through.
 */
import type { z } from 'zod';
import { contract, type Method } from '../../shared/ipc/contract';

/** A Core answer that breaks the contract: a bug in the Core or in the schema, never the user's. */
export class ContractViolation extends Error {
  constructor(readonly method: string, readonly problems: string[]) {
    super(`Casefile broke its own contract: the output of ${method} does not match its schema:\n  ${problems.join('\n  ')}`);
    this.name = 'ContractViolation';
  }
}

const seen: ContractViolation[] = [];

/** Records a violation another process (the Core host) found, so this process's tests fail on it too. */
export function rememberViolation(v: ContractViolation): void {
  seen.push(v);
}

/** The violations since the last call (a test's afterEach fails on any, even one a door turned into an error Result). */
export function takeContractViolations(): ContractViolation[] {
  return seen.splice(0);
}

const MAX_PROBLEMS = 10;

function at(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(the whole output)';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/**
 * Keys the Core sent that the schema does not describe. zod drops them while parsing, so the
 * parsed copy is compared with what was sent: what the parse dropped was not in the schema.
 */
function extraKeys(sent: unknown, parsed: unknown, path: PropertyKey[], out: string[]): void {
  if (out.length >= MAX_PROBLEMS) return;
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    sent.forEach((v, i) => extraKeys(v, parsed[i], [...path, i], out));
  } else if (isPlainObject(sent) && isPlainObject(parsed)) {
    for (const [k, v] of Object.entries(sent)) {
      if (!(k in parsed)) {
        if (v !== undefined) out.push(`${at([...path, k])}: not in the schema`);
      } else {
        extraKeys(v, parsed[k], [...path, k], out);
      }
    }
  }
}

/** What is wrong with `value` as the output of `method`: "path: problem" lines, none when it matches. */
export function outputProblems(method: Method, value: unknown): string[] {
  const schema: z.ZodType = contract[method].output;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues.slice(0, MAX_PROBLEMS).map((i) => `${at(i.path)}: ${i.message}`);
  }
  const out: string[] = [];
  extraKeys(value, parsed.data, [], out);
  return out;
}

/** Throws (and remembers) a ContractViolation when `value` is not what the contract says `method` returns. */
export function assertOutput(method: Method, value: unknown): void {
  const problems = outputProblems(method, value);
  if (problems.length === 0) return;
  const violation = new ContractViolation(method, problems);
  seen.push(violation);
  throw violation;
}
