// Where the command line gets a desk passphrase: --passphrase-file FILE, $CASEFILE_PASSPHRASE,
// or, in a terminal, a prompt that does not echo. Never from a plain argument: arguments show
// in `ps` and in the shell history.
import fs from 'node:fs';
import { newPassphraseProblem } from '../../shared/domain';
import { CliError, UsageError } from './errors';

export interface PassphraseSources {
  /** --passphrase-file */
  file?: string;
  /** The environment variable to read (CASEFILE_PASSPHRASE, or CASEFILE_NEW_PASSPHRASE). */
  env: string;
}

/** The passphrase in a file: its first line, without the line break an editor adds. */
export function readPassphraseFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read the passphrase file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new UsageError(`The passphrase file ${file} is empty: its first line is the passphrase.`);
  return line;
}

function given(src: PassphraseSources): string | null {
  if (src.file) return readPassphraseFile(src.file);
  const v = process.env[src.env];
  return v !== undefined && v !== '' ? v : null;
}

const interactive = () => process.stdin.isTTY === true && process.stderr.isTTY === true;

/**
 * Reads one line from the terminal without echoing it. Ctrl-C aborts (nothing was done yet);
 * Backspace deletes; what is typed is never written anywhere.
 */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    const wasRaw = stdin.isRaw;
    // Echo goes off before the question shows: whoever answers as soon as it appears (a person
    // typing ahead, a script) must not see the answer written back.
    stdin.setRawMode(true);
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.resume();
    const done = (fn: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003' || ch === '\u0004') return done(() => reject(new CliError('Cancelled; nothing was changed.')));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The passphrase of an existing desk, to unlock it. */
export async function existingPassphrase(src: PassphraseSources): Promise<string> {
  const p = given(src);
  if (p !== null) return p;
  if (interactive()) return promptHidden('Passphrase: ');
  throw new CliError(`This desk is encrypted: give its passphrase with ${src.env} or --passphrase-file FILE, or run the command in a terminal to be asked for it.`);
}

/** A passphrase chosen for a desk: from the file or the environment, or typed twice in a terminal. */
export async function chosenPassphrase(src: PassphraseSources & { fileOption: string }, orElse: string): Promise<string> {
  const p = given(src);
  if (p !== null) {
    const problem = newPassphraseProblem(p);
    if (problem) throw new UsageError(problem);
    return p;
  }
  if (!interactive()) {
    throw new UsageError(`Choose a passphrase for the desk: set ${src.env} or give ${src.fileOption} FILE, or run the command in a terminal to be asked${orElse}.`);
  }
  process.stderr.write('The passphrase encrypts this desk. Without it nothing can open the data again: no one can recover it, so keep it safe.\n');
  for (;;) {
    const first = await promptHidden('Choose a passphrase: ');
    const again = await promptHidden('Type it again: ');
    const problem = newPassphraseProblem(first, again);
    if (!problem) return first;
    process.stderr.write(`${problem} Try again (Ctrl-C to stop).\n`);
  }
}
