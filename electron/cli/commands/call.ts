import { Option, type Command } from 'commander';
import { isMethod, METHODS, type Method } from '../../../shared/ipc/contract';
import { invalidatedBy, isWrite, takesAs } from '../../../shared/ipc/methods';
import { decodeJson, encodeJson } from '../../../shared/ipc/wire';
import { toErrorBody } from '../../core/errors';
import { READ_LIMITS, readText } from '../input';
import { jsonText, out, table } from '../output';
import { action, UsageError, type Session } from '../session';

interface CallOptions {
  input?: string;
  inputFile?: string;
  list?: boolean;
}

const HELP = `
Reaches every operation of the contract (shared/ipc/contract.ts) with the same input checks as
the app, and prints the Core's Result as JSON: {"ok":true,"value":…} (exit 0), or
{"ok":false,"error":{"code","message","field"?}} with the message on stderr too (exit 1).
Input that is not JSON, or not a JSON object, is a usage error (exit 2).

The input is the method's input without "as": the acting profile comes from --as (or is the
desk's only profile); give "as" in the input instead if you prefer, not both. Bytes travel as
{"__casefileBytes": "<base64>"}, in the input and in the output.

Examples:
  casefile call --list
  casefile call cases.list --input '{"status":["open"],"limit":5}'
  casefile call statements.get --input '{"id":"0190…"}' --as DA
  echo '{"q":"kaabi"}' | casefile call search.query --input -
  casefile call translations.importXliff --input-file import.json`;

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** Up to three methods within a few typos of what was typed, closest first. */
function nearest(typed: string): Method[] {
  const lower = typed.toLowerCase();
  return METHODS.map((m) => ({ m, d: distance(lower, m.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(typed.length / 4)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.m);
}

function parseInput(text: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = decodeJson(text);
  } catch (e) {
    throw new UsageError(`${where} is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
    throw new UsageError(`${where} must be a JSON object (the method's input), not ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

async function readInput(o: CallOptions): Promise<Record<string, unknown>> {
  if (o.input !== undefined && o.inputFile !== undefined) throw new UsageError('give the input once: --input or --input-file');
  if (o.inputFile !== undefined) return parseInput(await readText(o.inputFile, 'the input file', READ_LIMITS.callInput), `the input file ${o.inputFile}`);
  if (o.input === '-') return parseInput(await readText('-', 'the input', READ_LIMITS.callInput), 'the input (standard input)');
  if (o.input !== undefined) return parseInput(o.input, '--input');
  return {};
}

/** The input's `as`: given in it, or --as, or the only profile; null while the desk has none (profiles.create bootstraps it). */
async function actingProfile(s: Session, input: Record<string, unknown>): Promise<unknown> {
  if ('as' in input) {
    if (s.opts.as) throw new UsageError('give the acting profile once: --as or "as" in the input');
    return input.as;
  }
  if (s.opts.as) return (await s.findProfile(s.opts.as)).id;
  return (await s.profiles()).length === 0 ? null : s.as();
}

function list(s: Session): void {
  const rows = METHODS.map((m) => {
    const inv = invalidatedBy(m);
    return { method: m, access: isWrite(m) ? 'write' : 'read', actingProfile: takesAs(m), invalidates: inv === 'everything' ? inv : [...inv] };
  });
  s.emit(rows, (r) => {
    table(['METHOD', 'ACCESS', 'AS', 'INVALIDATES'], r.map((x) => [
      x.method, x.access, x.actingProfile ? 'yes' : 'no', x.access === 'read' ? '' : Array.isArray(x.invalidates) ? x.invalidates.join(',') : x.invalidates,
    ]));
    out(`${r.length} methods. "casefile call METHOD --input JSON" runs one.`);
  });
}

export function registerCall(program: Command): void {
  program
    .command('call')
    .description('run any operation of the contract by name, with JSON input; prints the Result as JSON')
    .argument('[method]', 'a contract method, e.g. cases.list (see --list)')
    .addOption(new Option('--input <json>', 'the input as a JSON object, or - to read it from standard input'))
    .addOption(new Option('--input-file <file>', 'read the input JSON from a file'))
    .option('--list', 'list every method: read or write, whether it acts as a profile, what a write refreshes')
    .addHelpText('after', HELP)
    .action(action(async (s, method: string | undefined, o: CallOptions) => {
      if (o.list) {
        if (method !== undefined) throw new UsageError('--list takes no method');
        list(s);
        return;
      }
      if (method === undefined) throw new UsageError('name a method: "casefile call --list" shows them all');
      if (!isMethod(method)) {
        const near = nearest(method);
        throw new UsageError(`no method ${method} in the contract${near.length ? `; did you mean ${near.join(', ')}?` : ''} ("casefile call --list" shows them all)`);
      }
      const input = await readInput(o);
      if (takesAs(method)) input.as = await actingProfile(s, input);
      try {
        const value = await s.invoke(method, input);
        process.stdout.write(`${jsonText(encodeJson({ ok: true, value }, 2))}\n`);
      } catch (e) {
        // The same Result the app's IPC would give; main prints the message on stderr and exits 1.
        process.stdout.write(`${jsonText(encodeJson({ ok: false, error: toErrorBody(e) }, 2))}\n`);
        throw e;
      }
    }));
}
