import { Option, type Command } from 'commander';
import { CaseStatus, Priority, statementTitle, type Case } from '../../../shared/domain';
import { collect, defined, list } from '../input';
import { action, UsageError, type Session } from '../session';
import { err, fields, out, pageFooter, table, truncate, when } from '../output';
import { limitOption, markingOption, offsetOption, revFor, revOption, whoFn } from './common';

interface CaseOpts {
  title?: string; summary?: string; status?: string; priority?: string; tag?: string[]; assignee?: string[];
  marking?: string; due?: string; rev?: number;
}

const caseLine = (c: Case) => `${c.id} ${c.title} (${c.status}, ${c.priority}, ${c.marking})`;

async function caseFields(s: Session, o: CaseOpts) {
  const assignees = o.assignee ? await Promise.all(o.assignee.map(async (a) => (await s.findProfile(a, '--assignee')).id)) : undefined;
  return defined({
    title: o.title, summary: o.summary, status: o.status, priority: o.priority, tags: o.tag, assignees, marking: o.marking,
    dueDate: o.due === undefined ? undefined : o.due === '' || o.due === 'none' ? null : o.due,
  });
}

function withCaseOptions(cmd: Command, creating: boolean): Command {
  if (creating) cmd.requiredOption('--title <title>', 'title of the case file');
  else cmd.option('--title <title>', 'new title');
  return cmd
    .option('--summary <text>', 'summary')
    .addOption(new Option('--status <status>', 'status').choices(CaseStatus.options))
    .addOption(new Option('--priority <priority>', 'priority').choices(Priority.options))
    .option('--tag <tag>', `a tag (repeat for several)${creating ? '' : '; replaces the tags'}`, collect)
    .option('--assignee <profile>', `a profile assigned to the case: id, name or initials (repeat for several)${creating ? '' : '; replaces the assignees'}`, collect)
    .addOption(markingOption('case'))
    .option('--due <date>', `due date, YYYY-MM-DD${creating ? '' : ' ("none" clears it)'}`);
}

export function registerCases(program: Command): void {
  const kase = program.command('case').description('case files: the unit of organization');

  withCaseOptions(kase.command('create').description('open a case file (case manager role)'), true)
    .action(action(async (s: Session, o: CaseOpts) => {
      const c = await s.invoke('cases.create', { as: await s.as(), ...(await caseFields(s, o)) });
      s.emit(c, (v) => out(`Opened case ${caseLine(v)}`));
    }));

  kase.command('list')
    .description('list case files, most recently updated first')
    .option('--status <status>', `only these statuses, comma-separated: ${CaseStatus.options.join(', ')}`, list(CaseStatus.options))
    .option('--priority <priority>', `only these priorities: ${Priority.options.join(', ')}`, list(Priority.options))
    .option('--tag <tag>', 'only cases with this tag')
    .option('--assignee <profile>', 'only cases assigned to this profile')
    .option('--text <text>', 'title or summary contains this text')
    .addOption(new Option('--sort <field>', 'sort by').choices(['updatedAt', 'createdAt', 'title', 'priority', 'dueDate', 'status']).default('updatedAt'))
    .addOption(new Option('--dir <dir>', 'sort direction').choices(['asc', 'desc']).default('desc'))
    .addOption(limitOption()).addOption(offsetOption())
    .option('--trashed', 'list cases in the trash instead')
    .action(action(async (s: Session, o: { status?: string[]; priority?: string[]; tag?: string; assignee?: string; text?: string; sort: string; dir: string; limit: number; offset: number; trashed?: boolean }) => {
      const assignee = o.assignee ? (await s.findProfile(o.assignee, '--assignee')).id : undefined;
      const page = await s.invoke('cases.list', defined({
        as: await s.as(), status: o.status, priority: o.priority, tag: o.tag, assignee, text: o.text, sort: o.sort, dir: o.dir,
        limit: o.limit, offset: o.offset, trashed: o.trashed === true,
      }));
      s.emit(page, (p) => {
        if (p.items.length) {
          table(['ID', 'STATUS', 'PRIORITY', 'MARKING', 'UPDATED', 'TITLE'],
            p.items.map((c) => [c.id, c.status, c.priority, c.marking, when(c.updatedAt).slice(0, 10), c.title]));
        }
        pageFooter(p, o.trashed ? 'trashed case' : 'case');
      });
    }));

  kase.command('show')
    .description('show a case file with its statements, sources, reports and notes')
    .argument('<id>', 'case id')
    .action(action(async (s: Session, id: string) => {
      const as = await s.as();
      const c = await s.invoke('cases.get', { as, id });
      if (s.json) { s.emit(c, () => undefined); return; }
      const who = await whoFn(s);
      fields([
        ['Case', c.id], ['Title', c.title], ['Status', c.status], ['Priority', c.priority], ['Marking', c.marking],
        ['Tags', c.tags], ['Assignees', c.assignees.map(who)], ['Due', c.dueDate], ['Summary', c.summary],
        ['Created', `${when(c.createdAt)} by ${who(c.createdBy)}`], ['Updated', `${when(c.updatedAt)} by ${who(c.updatedBy)} (rev ${c.rev})`],
        ['In trash since', c.deletedAt ? when(c.deletedAt) : null],
      ]);
      const items = await s.invoke('cases.items', { as, caseId: id });
      const rows: string[][] = [];
      for (const it of items) {
        if (it.itemType === 'statement') {
          const st = await s.invoke('statements.get', { as, id: it.itemId });
          rows.push(['statement', st.id, st.saidAt ?? '', truncate(statementTitle(st), 70)]);
        } else if (it.itemType === 'source') {
          const so = await s.invoke('sources.get', { as, id: it.itemId });
          rows.push(['source', so.id, so.publishedAt ?? '', so.title]);
        } else {
          const r = await s.invoke('reports.get', { as, id: it.itemId });
          rows.push(['report', r.id, r.dateline, r.headline]);
        }
      }
      out('');
      if (rows.length) table(['TYPE', 'ID', 'DATE', 'TITLE / SUMMARY'], rows);
      else out('No statements, sources or reports in this case yet.');
      const notes = await s.invoke('notes.list', { as, targetType: 'case', targetId: id });
      if (notes.length) {
        out('');
        table(['NOTE', 'BY', 'PINNED', 'FIRST LINE'], notes.map((n) => [n.id, who(n.createdBy), n.pinned ? 'yes' : '', n.body.split('\n')[0] ?? '']));
      }
    }));

  withCaseOptions(kase.command('update').description('change a case file (status, priority, marking, assignees and due date need the case manager role)'), false)
    .argument('<id>', 'case id')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: CaseOpts) => {
      const patch = await caseFields(s, o);
      const c = await s.invoke('cases.update', { as: await s.as(), id, rev: await revFor(s, 'cases.get', id, o.rev), ...patch });
      s.emit(c, (v) => out(`Updated case ${caseLine(v)}, now rev ${v.rev}`));
    }));

  kase.command('file')
    .summary('file a statement, source or report into a case')
    .description('file a statement, a source or a report into a case (analyst or case manager role); warns when the record is less restricted than the case')
    .argument('<case-id>', 'case id')
    .option('--statement <id>', 'the statement to file')
    .option('--source <id>', 'the source to file')
    .option('--report <id>', 'the report to file')
    .action(action(async (s: Session, caseId: string, o: { statement?: string; source?: string; report?: string }) => {
      const given = (['statement', 'source', 'report'] as const).filter((t) => o[t] !== undefined);
      if (given.length !== 1) throw new UsageError('give exactly one of --statement, --source or --report');
      const itemType = given[0] as 'statement' | 'source' | 'report';
      const item = await s.invoke('cases.addItem', { as: await s.as(), caseId, itemType, itemId: o[itemType] as string });
      s.emit(item, (v) => {
        out(`Filed ${v.itemType} ${v.itemId} in case ${v.caseId}.`);
        for (const w of v.warnings) err(`Warning: ${w}`);
      });
    }));

  kase.command('close')
    .description('close a case file (sets its status to closed; case manager role)')
    .argument('<id>', 'case id')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: { rev?: number }) => {
      const c = await s.invoke('cases.update', { as: await s.as(), id, rev: await revFor(s, 'cases.get', id, o.rev), status: 'closed' });
      s.emit(c, (v) => out(`Closed case ${caseLine(v)}`));
    }));
}
