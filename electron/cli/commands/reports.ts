import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ExportFormat, type Report, type ReportNotice, type ReportVersion } from '../../../shared/domain';
import { collect, defined, int, READ_LIMITS, readText } from '../input';
import { action, CliError, UsageError, type Session } from '../session';
import { err, fields, out, pageFooter, table, truncate, visible, when } from '../output';
import { writeFileAtomic } from '../files';
import { limitOption, markingOption, offsetOption, revFor, revOption, whoFn } from './common';

interface TextOpts {
  headline?: string; dateline?: string; date?: string; hijri?: boolean; lead?: string; body?: string; bodyFile?: string; marking?: string;
}

const dateOption = () => new Option('--date <yyyy-mm-dd>', 'the dateline date (an empty string clears it)');

function textOptions(cmd: Command): Command {
  return cmd
    .option('--dateline <place>', 'the dateline\'s place, e.g. Baghdad')
    .addOption(dateOption())
    .option('--hijri', 'show the Hijri (Umm al-Qura) date beside the Gregorian dateline')
    .option('--no-hijri', 'do not show the Hijri date')
    .option('--lead <text>', 'the lead paragraph')
    .option('--body <markdown>', 'the body in markdown, with [@SOURCE_ID] citations and {{quote ...}} quotations')
    .option('--body-file <file>', 'the body from a UTF-8 file, or - for standard input')
    .addOption(markingOption('report'));
}

async function fieldsFrom(o: TextOpts): Promise<Record<string, unknown>> {
  if (o.body !== undefined && o.bodyFile !== undefined) throw new UsageError('give the body as --body TEXT or --body-file FILE, not both');
  const body = o.bodyFile !== undefined ? await readText(o.bodyFile, 'the report body', READ_LIMITS.longText) : o.body;
  return defined({
    headline: o.headline, dateline: o.dateline, datelineDate: o.date === undefined ? undefined : o.date === '' ? null : o.date,
    showHijri: o.hijri, lead: o.lead, body, marking: o.marking,
  });
}

function status(r: Report): string {
  if (r.publishedVersion === null) return `draft, version ${r.version}`;
  if (r.publishedVersion === r.version) return `published, version ${r.version}`;
  return `draft version ${r.version} (version ${r.publishedVersion} published)`;
}

function printNotices(notices: ReportNotice[]): void {
  const word = { blocks: 'Blocks export', override: 'Needs --allow-marking', info: 'Note' } as const;
  for (const n of notices) out(`${word[n.severity]}: ${n.message}`);
}

function saved(s: Session, what: string) {
  return (r: Report) => s.emit(r, (v) => out(`${what} report ${v.id} (${status(v)}, rev ${v.rev}).`));
}

export function registerReports(program: Command): void {
  const report = program.command('report')
    .description('report drafts that cite sources and quote approved translations; export as Markdown, HTML, DOCX or PDF; publish');

  textOptions(report.command('create')
    .description('start a report draft (analyst role)')
    .requiredOption('--headline <text>', 'the headline')
    .option('--case <id>', 'a case the report belongs to (repeat for several)', collect))
    .action(action(async (s: Session, o: TextOpts & { case?: string[] }) => {
      const r = await s.invoke('reports.create', { as: await s.as(), ...(await fieldsFrom(o)), ...defined({ caseIds: o.case }) });
      saved(s, 'Created')(r);
    }));

  report.command('list')
    .description('list reports, most recently changed first')
    .option('--case <id>', 'only the reports of this case')
    .option('--trashed', 'list the reports in the trash instead')
    .addOption(limitOption()).addOption(offsetOption())
    .action(action(async (s: Session, o: { case?: string; trashed?: boolean; limit: number; offset: number }) => {
      const p = await s.invoke('reports.list', { as: await s.as(), ...defined({ caseId: o.case }), trashed: o.trashed === true, limit: o.limit, offset: o.offset });
      s.emit(p, (v) => {
        table(['ID', 'STATUS', 'MARKING', 'UPDATED', 'HEADLINE'], v.items.map((r) => [r.id, status(r), r.marking, when(r.updatedAt), visible(r.headline)]));
        pageFooter(v, 'report');
      });
    }));

  report.command('show')
    .description('show a report: its fields, what would stop an export, and its body')
    .argument('<id>', 'report id')
    .action(action(async (s: Session, id: string) => {
      const as = await s.as();
      const r = await s.invoke('reports.get', { as, id });
      const rendered = await s.invoke('reports.render', { as, id });
      if (s.json) { s.emit({ report: r, notices: rendered.notices, document: rendered.document }, () => undefined); return; }
      const who = await whoFn(s);
      fields([
        ['Report', `${r.id} (${status(r)}, rev ${r.rev})${r.deletedAt ? ' — in the trash' : ''}`],
        ['Headline', visible(r.headline)],
        ['Dateline', rendered.document.dateline.text],
        ['Marking', r.marking],
        ['Lead', r.lead ? visible(r.lead) : null],
        ['Written by', r.editors.map(who)],
        ['Footnotes', rendered.document.footnotes.map((f) => `[${f.n}] ${f.text}`)],
      ], { keepEmpty: false });
      printNotices(rendered.notices);
      out('');
      out(r.body);
    }));

  textOptions(report.command('update')
    .description('change a report draft (analyst role); a published report gets a new draft version, the published one stays as it was')
    .argument('<id>', 'report id')
    .option('--headline <text>', 'the headline')
    .addOption(revOption()))
    .action(action(async (s: Session, id: string, o: TextOpts & { rev?: number }) => {
      const patch = await fieldsFrom(o);
      if (Object.keys(patch).length === 0) throw new UsageError('nothing to change: give at least one of --headline, --dateline, --date, --hijri, --lead, --body, --body-file, --marking');
      const r = await s.invoke('reports.update', { as: await s.as(), id, rev: await revFor(s, 'reports.get', id, o.rev), ...patch });
      saved(s, 'Updated')(r);
    }));

  report.command('cite')
    .description('insert a citation of a source into the body: [@SOURCE_ID] or [@SOURCE_ID, LOCATOR] (analyst role)')
    .argument('<id>', 'report id')
    .argument('<source-id>', 'the source to cite')
    .option('--locator <text>', 'where in the source, e.g. "at 02:13" or "p. 4"', '')
    .option('--at <offset>', 'where in the body (a character offset; default: the end)', int(0))
    .addOption(revOption())
    .action(action(async (s: Session, id: string, sourceId: string, o: { locator: string; at?: number; rev?: number }) => {
      const r = await s.invoke('reports.cite', { as: await s.as(), id, rev: await revFor(s, 'reports.get', id, o.rev), sourceId, locator: o.locator, ...defined({ position: o.at }) });
      saved(s, `Cited source ${sourceId} in`)(r);
    }));

  report.command('quote')
    .description('insert a quotation of a statement: its approved translation (or --revision, or --published wording), as a block on its own line unless --inline (analyst role)')
    .argument('<id>', 'report id')
    .argument('<statement-id>', 'the statement to quote')
    .option('--revision <id>', 'the translation revision to quote (default: the approved one in --lang)')
    .option('--lang <tag>', 'the translation\'s language', 'en')
    .option('--published', 'quote the statement\'s published wording instead of a translation')
    .option('--inline', 'quote inside the paragraph, in quotation marks')
    .option('--at <offset>', 'where in the body (a character offset; default: the end)', int(0))
    .addOption(revOption())
    .action(action(async (s: Session, id: string, statementId: string, o: { revision?: string; lang: string; published?: boolean; inline?: boolean; at?: number; rev?: number }) => {
      if (o.published && o.revision) throw new UsageError('give --revision or --published, not both');
      const r = await s.invoke('reports.quote', {
        as: await s.as(), id, rev: await revFor(s, 'reports.get', id, o.rev), statementId, wording: o.published ? 'published' : 'translation',
        targetLang: o.lang, block: o.inline !== true, ...defined({ revisionId: o.revision, position: o.at }),
      });
      saved(s, `Quoted statement ${statementId} in`)(r);
    }));

  report.command('publish')
    .description('publish the draft as a frozen version (reviewer or case manager who did not write or edit it): every format stored and hashed, quoted translations become final')
    .argument('<id>', 'report id')
    .option('--allow-marking', 'allow records more restricted than the report\'s marking (its author or a case manager; written to the audit trail)')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: { allowMarking?: boolean; rev?: number }) => {
      const res = await s.invoke('reports.publish', { as: await s.as(), id, rev: await revFor(s, 'reports.get', id, o.rev), allowMarking: o.allowMarking === true });
      s.emit(res, (v) => {
        out(`Published version ${v.version.version} of report ${v.report.id}.`);
        for (const f of v.version.files) out(`  ${f.format.padEnd(4)} sha256 ${f.sha256}`);
        for (const n of v.notes) err(`Note: ${n}`);
      });
    }));

  report.command('versions')
    .description('list the published versions of a report, newest first')
    .argument('<id>', 'report id')
    .action(action(async (s: Session, id: string) => {
      const vs = await s.invoke('reports.versions', { as: await s.as(), id });
      const who = await whoFn(s);
      s.emit(vs, (v: ReportVersion[]) => {
        if (!v.length) { out('Not published yet.'); return; }
        table(['VERSION', 'PUBLISHED', 'BY', 'MARKING', 'FILES', 'HEADLINE'], v.map((x) => [
          x.version, when(x.publishedAt), who(x.publishedBy), x.marking, x.files.map((f) => f.format).join(' '), truncate(visible(x.headline), 50),
        ]));
      });
    }));

  report.command('export')
    .description('write the report as Markdown, HTML, DOCX or PDF (the PDF is printed from the HTML by a Chromium: CHROMIUM_PATH or the usual places). The file appears whole or not at all')
    .argument('<id>', 'report id')
    .requiredOption('--format <format>', `one of ${ExportFormat.options.join(', ')}`)
    .requiredOption('--out <file>', 'the file to write (- for standard output)')
    .option('--version <n>', 'a published version, exported exactly as it was published (default: the current draft)', int(1))
    .option('--allow-marking', 'allow records more restricted than the report\'s marking (its author or a case manager; written to the audit trail)')
    .action(action(async (s: Session, id: string, o: { format: string; out: string; version?: number; allowMarking?: boolean }) => {
      const format = ExportFormat.safeParse(o.format);
      if (!format.success) throw new UsageError(`--format must be one of ${ExportFormat.options.join(', ')}, not ${o.format}`);
      const target = o.out === '-' ? null : path.resolve(o.out);
      if (target && fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`${o.out} is a folder: give a file name.`);
      if (target && !fs.statSync(path.dirname(target), { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`Cannot write ${o.out}: the folder ${path.dirname(target)} does not exist.`);
      const res = await s.invoke('reports.export', { as: await s.as(), id, format: format.data, allowMarking: o.allowMarking === true, ...defined({ version: o.version }) });
      if (!target) {
        // A terminal is not a file: captured text is escaped there like every other line, and
        // binary formats are refused rather than sprayed as control bytes.
        if (process.stdout.isTTY) {
          if (format.data === 'docx' || format.data === 'pdf') throw new UsageError(`a ${format.data.toUpperCase()} file is binary: give --out FILE, or pipe standard output into a file`);
          for (const l of Buffer.from(res.data).toString('utf8').split('\n')) out(l);
          return;
        }
        process.stdout.write(res.data);
        return;
      }
      writeFileAtomic(target, res.data);
      const summary = { path: target, format: format.data, version: res.version, published: res.published, sha256: res.sha256, size: res.data.length, notices: res.notices };
      s.emit(summary, (v) => {
        out(`Wrote ${v.path} (${v.format}, ${v.published ? `published version ${v.version}` : `draft version ${v.version}`}, ${v.size} bytes, sha256 ${v.sha256})`);
        for (const n of v.notices) err(`Note: ${n.message}`);
      });
    }));
}
