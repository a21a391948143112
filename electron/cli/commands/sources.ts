import { Option, type Command } from 'commander';
import { Credibility, Marking, Reliability, SourceKind, type Source } from '../../../shared/domain';
import { collect, defined, int, list, orNull } from '../input';
import { action, UsageError, type Session } from '../session';
import { fields, out, pageFooter, table, when } from '../output';
import { limitOption, markingOption, offsetOption, revFor, revOption, whoFn } from './common';

interface SourceOpts {
  kind?: string; title?: string; author?: string; publisher?: string; url?: string; publishedAt?: string; accessedAt?: string;
  capturedBy?: string; reliability?: string; credibility?: string; rationale?: string; notes?: string; marking?: string;
  case?: string[]; rev?: number;
}

function withSourceOptions(cmd: Command, creating: boolean): Command {
  const clear = creating ? '' : ' (empty clears it)';
  const kind = new Option('--kind <kind>', 'what the source is').choices(SourceKind.options);
  if (creating) kind.makeOptionMandatory();
  cmd.addOption(kind);
  if (creating) cmd.requiredOption('--title <title>', 'title, as it would appear in a footnote');
  else cmd.option('--title <title>', 'title');
  return cmd
    .option('--author <author>', `author${clear}`)
    .option('--publisher <publisher>', `publisher, outlet or platform${clear}`)
    .option('--url <url>', `address${clear}`)
    .option('--published-at <date>', `when it was published: 2023, 2023-11, 2023-11-01 or a timestamp${clear}`)
    .option('--accessed-at <timestamp>', `when it was accessed or captured, e.g. 2023-11-02T09:00:00Z${clear}`)
    .option('--captured-by <profile>', `who captured it: a profile id, name or initials${clear}`)
    .addOption(new Option('--reliability <A-F>', 'Admiralty grade: reliability of the source').choices(Reliability.options))
    .addOption(new Option('--credibility <1-6>', 'Admiralty grade: credibility of the information').choices(Credibility.options))
    .option('--rationale <text>', 'why it was graded so')
    .option('--notes <text>', 'notes')
    .addOption(markingOption('source'));
}

async function sourceFields(s: Session, o: SourceOpts, creating: boolean) {
  const n = creating ? (v: string | undefined) => v : orNull;
  const capturedBy = o.capturedBy === undefined ? undefined : o.capturedBy === '' ? null : (await s.findProfile(o.capturedBy, '--captured-by')).id;
  return defined({
    kind: o.kind, title: o.title, author: n(o.author), publisher: n(o.publisher), url: n(o.url), publishedAt: n(o.publishedAt),
    accessedAt: n(o.accessedAt), capturedBy: creating ? capturedBy ?? undefined : capturedBy, reliability: o.reliability,
    credibility: o.credibility, gradeRationale: o.rationale, notes: o.notes, marking: o.marking,
  });
}

const sourceLine = (v: Source) => `${v.id} ${v.title} (${v.kind}${v.publishedAt ? `, ${v.publishedAt}` : ''})`;

export function registerSources(program: Command): void {
  const source = program.command('source').description('evidence that claims rest on and footnotes cite');

  withSourceOptions(source.command('add').description('add a source (analyst role)'), true)
    .option('--case <case-id>', 'put it in this case (repeat for several)', collect)
    .action(action(async (s: Session, o: SourceOpts) => {
      const v = await s.invoke('sources.create', { as: await s.as(), ...(await sourceFields(s, o, true)), ...defined({ caseIds: o.case }) });
      s.emit(v, (x) => out(`Added source ${sourceLine(x)}`));
    }));

  source.command('list')
    .description('list sources, latest published first')
    .option('--case <case-id>', 'only sources in this case')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(SourceKind.options))
    .option('--text <text>', 'title, publisher, author or URL contains this text')
    .option('--marking <marking>', `only these markings, comma-separated: ${Marking.options.join(', ')}`, list(Marking.options))
    .addOption(limitOption()).addOption(offsetOption())
    .option('--trashed', 'list sources in the trash instead')
    .action(action(async (s: Session, o: { case?: string; kind?: string; text?: string; marking?: string[]; limit: number; offset: number; trashed?: boolean }) => {
      const page = await s.invoke('sources.list', defined({
        as: await s.as(), caseId: o.case, kind: o.kind, text: o.text, marking: o.marking, limit: o.limit, offset: o.offset, trashed: o.trashed === true,
      }));
      s.emit(page, (p) => {
        if (p.items.length) {
          table(['ID', 'KIND', 'PUBLISHED', 'GRADE', 'TITLE'], p.items.map((x) => [
            x.id, x.kind, x.publishedAt, x.reliability || x.credibility ? `${x.reliability ?? '?'}${x.credibility ?? '?'}` : '', x.title,
          ]));
        }
        pageFooter(p, o.trashed ? 'trashed source' : 'source');
      });
    }));

  source.command('show')
    .description('show a source with the records citing it and its attachments')
    .argument('<id>', 'source id')
    .action(action(async (s: Session, id: string) => {
      const as = await s.as();
      const v = await s.invoke('sources.get', { as, id });
      if (s.json) { s.emit(v, () => undefined); return; }
      const who = await whoFn(s);
      fields([
        ['Source', v.id], ['Kind', v.kind], ['Title', v.title], ['Author', v.author], ['Publisher', v.publisher], ['URL', v.url],
        ['Published', v.publishedAt], ['Accessed', v.accessedAt], ['Captured by', v.capturedBy ? who(v.capturedBy) : null],
        ['Grade', v.reliability || v.credibility ? `${v.reliability ?? '?'}${v.credibility ?? '?'}` : null], ['Rationale', v.gradeRationale],
        ['Marking', v.marking], ['Notes', v.notes],
        ['Created', `${when(v.createdAt)} by ${who(v.createdBy)}`], ['Updated', `${when(v.updatedAt)} by ${who(v.updatedBy)} (rev ${v.rev})`],
        ['In trash since', v.deletedAt ? when(v.deletedAt) : null],
      ]);
      const cites = await s.invoke('citations.list', { as, sourceId: id });
      if (cites.length) {
        out('');
        table(['CITED BY', 'ID', 'LOCATOR'], cites.map((c) => [c.citingType, c.citingId, c.locator]));
      }
      const atts = await s.invoke('attachments.list', { as, ownerType: 'source', ownerId: id });
      if (atts.length) {
        out('');
        table(['ATTACHMENT', 'TYPE', 'SIZE', 'SHA-256', 'NAME'], atts.map((a) => [a.id, a.mediaType, String(a.size), a.sha256, a.originalName]));
      }
    }));

  withSourceOptions(source.command('update').description('change a source (analyst role)'), false)
    .argument('<id>', 'source id')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: SourceOpts) => {
      const patch = await sourceFields(s, o, false);
      const v = await s.invoke('sources.update', { as: await s.as(), id, rev: await revFor(s, 'sources.get', id, o.rev), ...patch });
      s.emit(v, (x) => out(`Updated source ${sourceLine(x)}, now rev ${x.rev}`));
    }));

  program.command('cite')
    .summary('cite a source from a statement or a report')
    .description('cite a source from a statement (or a report), as its next footnote unless --position is given (analyst role)')
    .option('--statement <id>', 'the citing statement')
    .option('--report <id>', 'the citing report')
    .requiredOption('--source <id>', 'the cited source')
    .option('--locator <text>', 'where in the source: a page, a timestamp, a paragraph', '')
    .option('--position <n>', 'footnote position, from 1', int(1))
    .action(action(async (s: Session, o: { statement?: string; report?: string; source: string; locator: string; position?: number }) => {
      if ((o.statement ? 1 : 0) + (o.report ? 1 : 0) !== 1) throw new UsageError('give exactly one of --statement or --report');
      const citingType = o.statement ? 'statement' : 'report';
      const c = await s.invoke('citations.add', {
        as: await s.as(), citingType, citingId: o.statement ?? o.report, sourceId: o.source, locator: o.locator,
        ...defined({ position: o.position === undefined ? undefined : o.position - 1 }),
      });
      s.emit(c, (v) => out(`Cited source ${v.sourceId} from ${v.citingType} ${v.citingId} as footnote ${v.position + 1}${v.locator ? ` (${v.locator})` : ''}`));
    }));
}
