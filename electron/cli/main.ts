/**
 * `casefile`: the command line over the same Core the desktop app uses. Every command opens
 * the data folder, calls the Core as a named profile, prints the result and closes.
 * Exit codes: 0 done; 1 refused or failed (the reason on stderr); 2 the command was mistyped.
 */
import { Command, CommanderError, Option } from 'commander';
import { CoreError, CORE_VERSION } from '../core/index';
import { defaultDataDir } from '../core/paths';
import { CliError, UsageError } from './session';
import { err } from './output';
import { registerDesk } from './commands/desk';
import { registerProfiles } from './commands/profiles';
import { registerCases } from './commands/cases';
import { registerActors } from './commands/actors';
import { registerStatements } from './commands/statements';
import { registerSources } from './commands/sources';
import { registerNotes } from './commands/notes';
import { registerTrash } from './commands/trash';
import { registerAudit } from './commands/audit';
import { registerJson } from './commands/json';
import { registerTranslations } from './commands/translations';
import { registerXliff } from './commands/xliff';
import { registerSearch } from './commands/search';
import { registerReports } from './commands/reports';
import { registerCall } from './commands/call';
import { registerReportImport } from './commands/reportImport';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('casefile');
  program
    .description('Casefile on the command line: case files of monitored statements, on this machine only.')
    .version(CORE_VERSION, '-V', 'print the Casefile version (also --version, as the first argument)')
    .helpOption('-h, --help', 'show help for the command')
    .addOption(new Option('--data <dir>', 'the data folder: $CASEFILE_DATA if set, else the desktop app\'s folder').default(defaultDataDir(), defaultDataDir()))
    .addOption(new Option('--as <profile>', 'who is acting: a profile id, name or initials (may be left out while the desk has one profile)').env('CASEFILE_AS'))
    .option('--json', 'print the result as JSON (exactly what the Core returns) instead of text')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(`casefile: ${str.replace(/^error: /, '')}`),
    })
    .addHelpText('after', `
Exit codes: 0 done, 1 refused or failed (the reason is printed on stderr), 2 usage error.
Record ids are the UUIDs shown by the list commands; "casefile <command> --help" shows each command's options.`);
  // Subcommands inherit exitOverride and the output settings from here.
  registerDesk(program);
  registerProfiles(program);
  registerCases(program);
  registerActors(program);
  registerStatements(program);
  registerTranslations(program);
  registerSources(program);
  registerNotes(program);
  registerReports(program);
  registerReportImport(program);
  registerTrash(program);
  registerSearch(program);
  registerAudit(program);
  registerJson(program);
  registerXliff(program);
  registerCall(program);
  return program;
}

function dlopenHint(e: unknown): string | null {
  const msg = e instanceof Error ? e.message : '';
  if (/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|better_sqlite3\.node/.test(msg)) {
    return `The database library was built for another Node.js version (this is ${process.version}). Run Casefile with Node.js 22 ("npm run casefile -- ..."), or rebuild it with "npm rebuild better-sqlite3".`;
  }
  return null;
}

/** Runs the command line and returns the exit code (never calls process.exit: output must drain). */
export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    // Commander reads a program option anywhere on the line, and `report export --version N`
    // names a published version: the program's own --version is taken only as the first argument.
    const args = argv[2] === '--version' ? [...argv.slice(0, 2), '-V', ...argv.slice(3)] : argv;
    await program.parseAsync(args);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help, "help <command>" and --version succeed; help shown because a subcommand is
      // missing ("casefile case") and every parse error is a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      if (e.code === 'commander.help' && e.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      err(`casefile: ${e.message}`);
      err('(add --help for usage)');
      return EXIT.usage;
    }
    if (e instanceof CoreError) {
      err(`casefile: ${e.body.code}: ${e.body.message}`);
      return EXIT.failed;
    }
    if (e instanceof CliError) {
      err(`casefile: ${e.message}`);
      return EXIT.failed;
    }
    const hint = dlopenHint(e);
    err(`casefile: ${hint ?? `unexpected failure: ${e instanceof Error ? e.message : String(e)}`}`);
    if (process.env.CASEFILE_DEBUG && e instanceof Error && e.stack) err(e.stack);
    return EXIT.failed;
  }
}

/** Entry point for bin/casefile.js. */
export function run(): void {
  // A closed pipe (casefile export-json | head) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main().then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    err(`casefile: ${String(e)}`);
    process.exitCode = EXIT.failed;
  });
}
