import { Option, type Command } from 'commander';
import { Credibility, DatePrecision, Marking, Reliability, statementTitle, type Statement } from '../../../shared/domain';
import { collect, defined, list, orNull, READ_LIMITS, readText } from '../input';
import { action, CliError, UsageError, type Session } from '../session';
import { err, fields, out, pageFooter, specialChars, table, terminalText, truncate, when } from '../output';
import { limitOption, markingOption, offsetOption, revFor, revOption, whoFn } from './common';

interface StatementOpts {
  originalFile?: string; speaker?: string; onBehalfOf?: string; saidAt?: string; precision?: string; timezone?: string;
  platform?: string; handle?: string; url?: string; language?: string; publishedWording?: string; publishedWordingFile?: string;
  publishedLanguage?: string; summary?: string; reliability?: string; credibility?: string; marking?: string;
  case?: string[]; correctionReason?: string; rev?: number;
}

function withStatementOptions(cmd: Command, creating: boolean): Command {
  const clear = creating ? '' : ' (empty clears it)';
  return cmd
    .option('--original-file <file>', 'the verbatim original text: a UTF-8 file, or - for standard input. Stored byte for byte (a leading BOM is dropped); invalid UTF-8 is refused')
    .option('--speaker <actor-id>', `who said it${clear}`)
    .option('--on-behalf-of <actor-id>', `the organization it was said for${clear}`)
    .option('--said-at <date>', `when: 2023, 2023-11, 2023-11-01 or 2023-11-01T14:30Z${clear}`)
    .addOption(new Option('--precision <precision>', 'how precise --said-at is').choices(DatePrecision.options))
    .option('--timezone <tz>', `IANA time zone of the statement, e.g. Asia/Baghdad${clear}`)
    .option('--platform <name>', `where: X, Telegram, a TV channel...${clear}`)
    .option('--handle <handle>', `account or handle${clear}`)
    .option('--url <url>', `address of the post${clear}`)
    .option('--language <lang>', `language of the original, BCP 47 (ar, fa, ur...)${clear}`)
    .option('--published-wording <text>', `the wording as published elsewhere (e.g. an English quotation)${clear}`)
    .option('--published-wording-file <file>', 'the same, from a UTF-8 file or - for standard input')
    .option('--published-language <lang>', `language of the published wording${clear}`)
    .option('--summary <text>', 'summary')
    .addOption(new Option('--reliability <A-F>', 'Admiralty grade: reliability of the source').choices(Reliability.options))
    .addOption(new Option('--credibility <1-6>', 'Admiralty grade: credibility of the information').choices(Credibility.options))
    .addOption(markingOption('statement'));
}

async function statementFields(o: StatementOpts, creating: boolean) {
  if (o.originalFile === '-' && o.publishedWordingFile === '-') throw new UsageError('only one of --original-file and --published-wording-file can read standard input');
  if (o.publishedWording !== undefined && o.publishedWordingFile !== undefined) throw new UsageError('give --published-wording or --published-wording-file, not both');
  const n = creating ? (v: string | undefined) => v : orNull;
  const originalText = o.originalFile !== undefined ? await readText(o.originalFile, 'the original', READ_LIMITS.longText) : undefined;
  // An empty original is not a capture; leave --original-file out when the original was not captured.
  if (originalText === '') throw new CliError(`the original ${o.originalFile === '-' ? '(standard input)' : o.originalFile} is empty; nothing was written.`);
  const published = o.publishedWordingFile !== undefined ? await readText(o.publishedWordingFile, 'the published wording', READ_LIMITS.longText) : n(o.publishedWording);
  return defined({
    originalText, speakerId: n(o.speaker), onBehalfOfId: n(o.onBehalfOf), saidAt: n(o.saidAt), datePrecision: o.precision,
    timezone: n(o.timezone), platform: n(o.platform), handle: n(o.handle), url: n(o.url), language: n(o.language),
    publishedWording: published, publishedWordingLanguage: n(o.publishedLanguage), summary: o.summary,
    reliability: o.reliability, credibility: o.credibility, marking: o.marking,
  });
}

function statementLine(st: Statement): string {
  const what = st.originalText != null ? `original ${[...st.originalText].length} characters${st.language ? `, ${st.language}` : ''}` : 'original not captured';
  return `${st.id} (${what}${st.saidAt ? `, said ${st.saidAt}` : ''})`;
}

export function registerStatements(program: Command): void {
  const statement = program.command('statement').description('what someone said, once, with its verbatim original');

  withStatementOptions(statement.command('add').description('capture a statement (analyst role)'), true)
    .option('--case <case-id>', 'put it in this case (repeat for several)', collect)
    .action(action(async (s: Session, o: StatementOpts) => {
      const st = await s.invoke('statements.create', { as: await s.as(), ...(await statementFields(o, true)), ...defined({ caseIds: o.case }) });
      s.emit(st, (v) => out(`Captured statement ${statementLine(v)}${o.case?.length ? ` in ${o.case.length === 1 ? 'case' : 'cases'} ${o.case.join(', ')}` : ''}`));
    }));

  statement.command('list')
    .description('list statements, latest said first')
    .option('--case <case-id>', 'only statements in this case')
    .option('--speaker <actor-id>', 'only statements by (or on behalf of) this actor')
    .option('--language <lang>', 'only this original language')
    .option('--text <text>', 'original, published wording or summary contains this text')
    .option('--marking <marking>', `only these markings, comma-separated: ${Marking.options.join(', ')}`, list(Marking.options))
    .addOption(new Option('--sort <field>', 'sort by').choices(['saidAt', 'updatedAt', 'createdAt']).default('saidAt'))
    .addOption(new Option('--dir <dir>', 'sort direction').choices(['asc', 'desc']).default('desc'))
    .addOption(limitOption()).addOption(offsetOption())
    .option('--trashed', 'list statements in the trash instead')
    .action(action(async (s: Session, o: { case?: string; speaker?: string; language?: string; text?: string; marking?: string[]; sort: string; dir: string; limit: number; offset: number; trashed?: boolean }) => {
      const as = await s.as();
      const page = await s.invoke('statements.list', defined({
        as, caseId: o.case, speakerId: o.speaker, language: o.language, text: o.text, marking: o.marking, sort: o.sort, dir: o.dir,
        limit: o.limit, offset: o.offset, trashed: o.trashed === true,
      }));
      if (s.json) { s.emit(page, () => undefined); return; }
      const names = new Map<string, string>();
      for (const id of new Set(page.items.map((x) => x.speakerId).filter((x): x is string => !!x))) {
        names.set(id, (await s.invoke('actors.get', { as, id })).name);
      }
      if (page.items.length) {
        table(['ID', 'SAID', 'LANG', 'SPEAKER', 'MARKING', 'TEXT'], page.items.map((st) => [
          st.id, st.saidAt, st.language, st.speakerId ? names.get(st.speakerId) : '', st.marking,
          truncate(statementTitle(st), 70),
        ]));
      }
      pageFooter(page, o.trashed ? 'trashed statement' : 'statement');
    }));

  statement.command('show')
    .description('show a statement with its verbatim original, citations and related statements')
    .argument('<id>', 'statement id')
    .option('--original', 'print only the original text, exactly as stored (for piping into a file)')
    .action(action(async (s: Session, id: string, o: { original?: boolean }) => {
      const as = await s.as();
      const st = await s.invoke('statements.get', { as, id });
      if (o.original) {
        if (st.originalText == null) throw new CliError(`The original of statement ${id} was not captured.`);
        // Exactly as stored, for a file or a pipe; a terminal would act on the escape sequences a
        // hostile original can hold, so there it is shown escaped, and stderr says so.
        if (process.stdout.isTTY) {
          process.stdout.write(terminalText(st.originalText));
          err('(Standard output is a terminal: control and invisible characters are shown as ⟨U+XXXX⟩. Redirect to a file for the exact text.)');
        } else process.stdout.write(st.originalText);
        return;
      }
      if (s.json) { s.emit(st, () => undefined); return; }
      const who = await whoFn(s);
      const actorName = async (aid: string | null) => (aid ? `${(await s.invoke('actors.get', { as, id: aid })).name} (${aid})` : null);
      fields([
        ['Statement', st.id], ['Said at', st.saidAt ? `${st.saidAt} (${st.datePrecision})${st.timezone ? ` ${st.timezone}` : ''}` : null],
        ['Speaker', await actorName(st.speakerId)], ['On behalf of', await actorName(st.onBehalfOfId)],
        ['Platform', st.platform], ['Handle', st.handle], ['URL', st.url], ['Language', st.language],
        ['Original', st.originalStatus === 'captured' ? `captured, ${[...(st.originalText ?? '')].length} characters` : 'not captured'],
        ['Marking', st.marking], ['Grade', st.reliability || st.credibility ? `${st.reliability ?? '?'}${st.credibility ?? '?'}` : null],
        ['Summary', st.summary], ['Hashtags', st.hashtags], ['Mentions', st.mentions], ['Links', st.links],
        ['Scripture', st.scriptureRefs.map((r) => r.text)],
        ['Created', `${when(st.createdAt)} by ${who(st.createdBy)}`], ['Updated', `${when(st.updatedAt)} by ${who(st.updatedBy)} (rev ${st.rev})`],
        ['In trash since', st.deletedAt ? when(st.deletedAt) : null],
      ]);
      if (st.originalText != null) {
        out('');
        out(`--- original${st.language ? ` (${st.language})` : ''} ---`);
        out(st.originalText);
        out('--- end of original ---');
        const special = specialChars(st.originalText);
        if (special.length) out(`Invisible or control characters in the original: ${special.join(', ')}`);
      }
      if (st.publishedWording != null) {
        out('');
        out(`--- published wording${st.publishedWordingLanguage ? ` (${st.publishedWordingLanguage})` : ''} ---`);
        out(st.publishedWording);
        out('--- end ---');
      }
      const cites = await s.invoke('citations.list', { as, citingType: 'statement', citingId: id });
      if (cites.length) {
        out('');
        const rows = [];
        for (const c of cites) rows.push([String(c.position + 1), c.sourceId, c.locator, (await s.invoke('sources.get', { as, id: c.sourceId })).title]);
        table(['#', 'SOURCE', 'LOCATOR', 'TITLE'], rows);
      }
      const atts = await s.invoke('attachments.list', { as, ownerType: 'statement', ownerId: id });
      if (atts.length) {
        out('');
        table(['ATTACHMENT', 'TYPE', 'SIZE', 'SHA-256', 'NAME'], atts.map((a) => [a.id, a.mediaType, String(a.size), a.sha256, a.originalName]));
      }
      const related = await s.invoke('statements.related', { as, statementId: id });
      if (related.length) {
        out('');
        table(['RELATED', 'SAID', 'SUMMARY'], related.map((r) => [r.id, r.saidAt, truncate(statementTitle(r), 70)]));
      }
    }));

  withStatementOptions(statement.command('update').description('change a statement (analyst role); changing a captured original is a correction and needs --correction-reason'), false)
    .argument('<id>', 'statement id')
    .option('--correction-reason <text>', 'why the captured original is being corrected (recorded in the audit trail)')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: StatementOpts) => {
      const patch = await statementFields(o, false);
      const st = await s.invoke('statements.update', {
        as: await s.as(), id, rev: await revFor(s, 'statements.get', id, o.rev), ...patch, ...defined({ correctionReason: o.correctionReason }),
      });
      s.emit(st, (v) => out(`Updated statement ${statementLine(v)}, now rev ${v.rev}`));
    }));

  statement.command('related')
    .description('the statements related to a statement (earlier statements it refers to, and those that refer to it)')
    .argument('<id>', 'statement id')
    .action(action(async (s: Session, id: string) => {
      const related = await s.invoke('statements.related', { as: await s.as(), statementId: id });
      s.emit(related, (v) => {
        if (!v.length) { out('No related statements.'); return; }
        table(['RELATED', 'SAID', 'SUMMARY'], v.map((r) => [r.id, r.saidAt, truncate(statementTitle(r), 70)]));
      });
    }));

  statement.command('relate')
    .description('relate a statement to another, e.g. an earlier statement it refers to (analyst role)')
    .argument('<id>', 'statement id')
    .requiredOption('--to <statement-id>', 'the related statement')
    .action(action(async (s: Session, id: string, o: { to: string }) => {
      const r = await s.invoke('statements.relate', { as: await s.as(), statementId: id, relatedId: o.to });
      s.emit(r, () => out(`Related statement ${id} to ${o.to}`));
    }));

  statement.command('unrelate')
    .description('remove the relation between two statements (analyst role)')
    .argument('<id>', 'statement id')
    .requiredOption('--from <statement-id>', 'the related statement')
    .action(action(async (s: Session, id: string, o: { from: string }) => {
      const r = await s.invoke('statements.unrelate', { as: await s.as(), statementId: id, relatedId: o.from });
      s.emit(r, () => out(`Removed the relation between statement ${id} and ${o.from}`));
    }));
}
