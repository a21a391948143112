/**
 * `casefile`: the command line over the same Core the desktop app uses. Every command opens
 * the data folder, calls the Core as a named profile, prints the result and closes.
 * Exit codes: 0 done; 1 refused or failed (the reason on stderr); 2 the command was mistyped.
 */
import { Command, CommanderError, Option } from 'commander';
import path from 'node:path';
import { CORE_VERSION } from '../core/version';
import { DB_FILE, defaultDataDir } from '../core/paths';
import { CliError, UsageError } from './errors';
import { err, terminalText } from './output';

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

type Register = (program: Command) => void;

/**
 * Every command, in the order help lists them, with how help lists it and where it is defined.
 * Only the module of the command being run is loaded (with the Core behind it): `--help` and a
 * mistyped command load none. cli-startup.test.ts checks `term` and `summary` against the modules:
 * a command that gains an option or a new description must be changed here too.
 */
export const COMMANDS: { name: string; term: string; summary: string; load: () => Promise<Register> }[] = [
  { name: 'init', term: 'init', summary: 'create the data folder and its database (if needed) and show where it is', load: async () => (await import('./commands/desk')).registerDesk },
  { name: 'sample', term: 'sample [options]', summary: 'load the sample case', load: async () => (await import('./commands/desk')).registerDesk },
  { name: 'check', term: 'check [options]', summary: 'check the database, the signed audit trail, every record against it, and the attachment files', load: async () => (await import('./commands/desk')).registerDesk },
  { name: 'encrypt', term: 'encrypt', summary: 'encrypt a plain desk in place, protected by a passphrase', load: async () => (await import('./commands/encryption')).registerEncryption },
  { name: 'passphrase', term: 'passphrase', summary: 'the passphrase of an encrypted desk', load: async () => (await import('./commands/encryption')).registerEncryption },
  { name: 'profile', term: 'profile', summary: 'the people who work on this desk', load: async () => (await import('./commands/profiles')).registerProfiles },
  { name: 'case', term: 'case', summary: 'case files: the unit of organization', load: async () => (await import('./commands/cases')).registerCases },
  { name: 'actor', term: 'actor', summary: 'people, organizations, media outlets and platform accounts', load: async () => (await import('./commands/actors')).registerActors },
  { name: 'statement', term: 'statement', summary: 'what someone said, once, with its verbatim original', load: async () => (await import('./commands/statements')).registerStatements },
  { name: 'translation', term: 'translation', summary: 'translations of statements, segment by segment, with four-eyes review (draft → in review → approved → final)', load: async () => (await import('./commands/translations')).registerTranslations },
  { name: 'source', term: 'source', summary: 'evidence that claims rest on and footnotes cite', load: async () => (await import('./commands/sources')).registerSources },
  { name: 'cite', term: 'cite [options]', summary: 'cite a source from a statement or a report', load: async () => (await import('./commands/sources')).registerSources },
  { name: 'attach', term: 'attach [options] <file>', summary: 'attach a file as evidence to a record', load: async () => (await import('./commands/notes')).registerNotes },
  { name: 'page', term: 'page <attachment-id>', summary: 'the text of a saved web page attached as evidence', load: async () => (await import('./commands/notes')).registerNotes },
  { name: 'note', term: 'note', summary: "analysts' markdown notes on cases, statements, sources, actors, reports, events and translations", load: async () => (await import('./commands/notes')).registerNotes },
  {
    name: 'report', term: 'report', summary: 'report drafts that cite sources and quote approved translations; export as Markdown, HTML, DOCX or PDF; publish',
    load: async () => {
      const [{ registerReports }, { registerReportImport }] = await Promise.all([import('./commands/reports'), import('./commands/reportImport')]);
      return (program) => { registerReports(program); registerReportImport(program); };
    },
  },
  { name: 'inbox', term: 'inbox [options]', summary: 'my work: cases assigned to me, translations sent back to me, revisions waiting for my review, what is due', load: async () => (await import('./commands/inbox')).registerInbox },
  { name: 'event', term: 'event', summary: 'dated entries on a case timeline (a strike, an arrest), besides its statements and sources', load: async () => (await import('./commands/events')).registerEvents },
  { name: 'trash', term: 'trash', summary: 'records moved to the trash (restorable)', load: async () => (await import('./commands/trash')).registerTrash },
  { name: 'search', term: 'search [options] <query...>', summary: 'search every record: words, "exact phrases", prefix*, -excluded, OR, and filters such as type:statement case:ID speaker:NAME lang:ar from:2023-10-01 to:2023-11-30 marking:public tag:X translation:approved (or translation:en, translation:en:draft, translation:any), and pivots mention:HANDLE quran:8:17 url:ADDRESS', load: async () => (await import('./commands/search')).registerSearch },
  { name: 'reindex', term: 'reindex [options]', summary: 'rebuild the search index from the records, and say how long it took; refused while the records disagree with the audit trail', load: async () => (await import('./commands/search')).registerSearch },
  { name: 'audit', term: 'audit', summary: 'the append-only, hash-chained record of every change', load: async () => (await import('./commands/audit')).registerAudit },
  { name: 'export-json', term: 'export-json [options]', summary: 'export the whole database as JSON', load: async () => (await import('./commands/json')).registerJson },
  { name: 'import-json', term: 'import-json [options] <file>', summary: 'import a JSON export into an empty data folder', load: async () => (await import('./commands/json')).registerJson },
  { name: 'glossary', term: 'glossary', summary: "the desk's glossary (termbase): approved and forbidden renderings of source terms", load: async () => (await import('./commands/glossary')).registerGlossary },
  { name: 'xliff', term: 'xliff', summary: 'exchange translations with CAT tools as XLIFF 2.0', load: async () => (await import('./commands/xliff')).registerXliff },
  { name: 'bundle', term: 'bundle', summary: 'case bundles: export a case signed, inspect a bundle, import one and merge it without loss', load: async () => (await import('./commands/exchange')).registerExchange },
  { name: 'export', term: 'export', summary: 'export a case for other tools: STIX 2.1 for threat-intel platforms, CSL-JSON for reference managers', load: async () => (await import('./commands/exchange')).registerExchange },
  { name: 'call', term: 'call [options] [method]', summary: 'run any operation of the contract by name, with JSON input; prints the Result as JSON', load: async () => (await import('./commands/call')).registerCall },
];

/** Global options that take a value: skipped when looking for the command's name. */
const VALUE_OPTIONS = new Set(['--data', '--as', '--passphrase-file']);

/** The command a command line names (`help X` names X), or null for none (help, version, a mistake). */
export function commandNamed(args: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    if (a === 'help') return args[i + 1] ?? null;
    return a;
  }
  return null;
}

function baseProgram(): Command {
  const program = new Command('casefile');
  program
    .description('Casefile on the command line: case files of monitored statements, on this machine only.')
    .version(CORE_VERSION, '-V', 'print the Casefile version (also --version, as the first argument)')
    .helpOption('-h, --help', 'show help for the command')
    .addOption(new Option('--data <dir>', 'the data folder: $CASEFILE_DATA if set, else the desktop app\'s folder').default(defaultDataDir(), defaultDataDir()))
    .addOption(new Option('--as <profile>', 'who is acting: a profile id, name or initials (may be left out while the desk has one profile)').env('CASEFILE_AS'))
    .option('--json', 'print the result as JSON (exactly what the Core returns) instead of text')
    .option('--passphrase-file <file>', 'the passphrase of an encrypted desk is the first line of this file (else $CASEFILE_PASSPHRASE, else you are asked)')
    .option('--unencrypted', 'a desk this command creates is not encrypted (not protected at rest)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // commander quotes what was typed in its errors ("unknown command '…'"): escaped like all output.
      writeOut: (str) => process.stdout.write(terminalText(str)),
      writeErr: (str) => process.stderr.write(terminalText(str)),
      outputError: (str, write) => write(`casefile: ${str.replace(/^error: /, '')}`),
    })
    .addHelpText('after', `
Exit codes: 0 done, 1 refused or failed (the reason is printed on stderr), 2 usage error, 130 cancelled (Ctrl-C).
Record ids are the UUIDs shown by the list commands; "casefile <command> --help" shows each command's options.`);
  return program;
}

/**
 * The program for this command line: the named command's module only, or, when no command is
 * named, every command as help lists it, without loading any. `all` loads every module (tests).
 */
export async function buildProgram(args: string[] = [], opts: { all?: boolean } = {}): Promise<Command> {
  const program = baseProgram();
  const name = commandNamed(args);
  const wanted = opts.all ? COMMANDS : COMMANDS.filter((c) => c.name === name);
  if (wanted.length) {
    // Subcommands inherit exitOverride and the output settings from here.
    const loaded = new Set<Register>();
    for (const c of wanted) {
      const register = await c.load();
      if (!loaded.has(register)) register(program);
      loaded.add(register);
    }
    return program;
  }
  const terms = new Map(COMMANDS.map((c) => [c.name, c.term]));
  for (const c of COMMANDS) program.command(c.name).summary(c.summary);
  program.configureHelp({ showGlobalOptions: true, sortSubcommands: false, subcommandTerm: (cmd) => terms.get(cmd.name()) ?? cmd.name() });
  return program;
}

const isCoreError = (e: unknown): e is Error & { body: { code: string; message: string } } =>
  e instanceof Error && e.name === 'CoreError' && typeof (e as { body?: unknown }).body === 'object';

function dlopenHint(e: unknown): string | null {
  const msg = e instanceof Error ? e.message : '';
  if (/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|better_sqlite3\.node/.test(msg)) {
    return `The database library was built for another Node.js version (this is ${process.version}). Run Casefile with Node.js 22 ("npm run casefile -- ..."), or rebuild it with "npm rebuild better-sqlite3-multiple-ciphers".`;
  }
  return null;
}

/** Runs the command line and returns the exit code (never calls process.exit: output must drain). */
export async function main(argv: string[] = process.argv): Promise<number> {
  let dataDir: string = defaultDataDir();
  try {
    const program = await buildProgram(argv.slice(2));
    // Commander reads a program option anywhere on the line, and `report export --version N`
    // names a published version: the program's own --version is taken only as the first argument.
    const args = argv[2] === '--version' ? [...argv.slice(0, 2), '-V', ...argv.slice(3)] : argv;
    program.hook('preAction', () => { dataDir = String(program.opts().data); });
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
    if (isCoreError(e)) {
      err(`casefile: ${e.body.code}: ${e.body.message}`);
      return e.body.code === 'cancelled' ? EXIT.cancelled : EXIT.failed;
    }
    if (e instanceof CliError) {
      err(`casefile: ${e.message}`);
      return EXIT.failed;
    }
    // A damaged or locked database reached outside a Core call (reindex, export, import).
    // Loaded here, not at start: --help and the commands that never open a database stay light.
    const { explainDbError } = await import('../core/db/failures');
    const explained = explainDbError(e, path.join(path.resolve(dataDir), DB_FILE));
    if (isCoreError(explained)) {
      err(`casefile: ${explained.body.code}: ${explained.body.message}`);
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
