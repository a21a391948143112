import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportActorRef, ReportImportPlan, ReportImportResult } from '../../../shared/domain';
import { MAX_IMPORT_BYTES } from '../../core/io/reportImport/decode';
import { defined, readBytes } from '../input';
import { action, CliError, type Session } from '../session';
import { out, plural, truncate, visible } from '../output';
import { markingOption } from './common';

/** The `report` command, shared with the other report subcommands whichever registers first. */
function reportCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'report')
    ?? program.command('report').description('footnoted reports: drafts, exports, and imports of published reports');
}

export function registerReportImport(program: Command): void {
  reportCommand(program).command('import')
    .description('import a published report (its text, or its page saved as HTML) into a case: a draft report, the quoted statement with its published wording, and one source per footnote. Prints what would be created and which lines are left out, and writes it all in one go unless --dry-run')
    .argument('<file>', 'the report as a .txt or .html file, or - for standard input')
    .requiredOption('--case <id>', 'the case to import it into')
    .option('--dry-run', 'only show what would be created and what is left out; write nothing')
    .option('--create-actors', 'also create the speakers and organisations that no existing actor matches (listed as proposed); without it they are left out')
    .addOption(markingOption('imported records (default: the case\'s marking)'))
    .addHelpText('after', '\nSpeakers and organisations are matched to existing actors by any name or alias. Teasers, subscription offers, page controls and boilerplate are left out and listed.')
    .action(action(async (s: Session, file: string, o: { case: string; dryRun?: boolean; createActors?: boolean; marking?: string }) => {
      const data = await readImportFile(file);
      const as = await s.as();
      const plan = await s.invoke('reports.importPreview', { as, caseId: o.case, fileName: file === '-' ? '' : path.basename(file), data });
      if (o.dryRun) {
        s.emit({ preview: plan, imported: null }, (v) => {
          printPreview(v.preview, o.createActors === true);
          out();
          out('Dry run: nothing was written. Run it again without --dry-run to import.');
        });
        return;
      }
      // Preview and apply run in one command here, so a second import of the same report is
      // stopped rather than only warned about (the app's dialog shows the warning instead).
      const same = plan.sameHeadlineReports[0];
      if (same) {
        throw new CliError(`Case ${plan.caseId} already has a report with this headline (${same.id}): it looks imported already. Nothing was imported; move that report to the trash first to import it again.`);
      }
      const imported = await s.invoke('reports.importApply', {
        as, plan,
        choices: { createActors: o.createActors ? plan.actors.proposed.map((a) => a.key) : [], keepDropped: [], ...defined({ marking: o.marking }) },
      });
      s.emit({ preview: plan, imported }, (v) => {
        printPreview(v.preview, o.createActors === true);
        out();
        printImported(v.imported as ReportImportResult, v.preview);
      });
    }));
}

/** The file's bytes; a file over the limit is refused before it is read into memory. */
async function readImportFile(file: string): Promise<Uint8Array> {
  if (file !== '-') {
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size;
    if (size !== undefined && size > MAX_IMPORT_BYTES) {
      const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
      throw new CliError(`The import file ${file} is ${mb(size)}; a published report's text or page is at most ${mb(MAX_IMPORT_BYTES)}. Nothing was imported.`);
    }
  }
  return new Uint8Array(await readBytes(file, 'the report file', { bytes: MAX_IMPORT_BYTES, why: 'what a published report\'s text or page may be' }));
}

const line = (text: string, max = 110) => truncate(visible(text), max);

function who(ref: ImportActorRef | null, createActors: boolean): string {
  if (!ref) return 'not found';
  if (ref.actorId) return `${ref.name} (existing actor)`;
  return `${ref.name} (new actor: ${createActors ? 'created' : 'left out without --create-actors'})`;
}

export function printPreview(plan: ReportImportPlan, createActors: boolean): void {
  const r = plan.report;
  const footnote = (key: string) => {
    const src = plan.sources.find((x) => x.key === key);
    return src?.footnote ? `[${src.footnote}]` : 'the report itself';
  };
  out(`Import of "${line(r.headline, 200)}" (${plan.input.format}, ${plan.input.bytes.toLocaleString('en-US')} bytes) into case ${plan.caseId}`);
  out(`  Dateline: ${r.datelineText ? `${visible(r.datelineText)}${r.datelineDate ? ` (${r.datelineDate})` : ''}` : 'none found'}`);
  out(`  Marking:  ${r.marking} (${r.markingReason})`);
  out();
  out(`Report (draft): ${plural(plan.paragraphs.length, 'paragraph')}`);
  plan.paragraphs.forEach((p, i) => out(`  ¶${i + 1} ${line(p.text)}`));
  const st = plan.statement;
  out();
  if (st) {
    out('Statement (published wording; original not captured):');
    out(`  "${line(st.publishedWording, 200)}"`);
    out(`  Introduced by: ${visible(st.attribution) || '-'}`);
    out(`  Speaker: ${who(st.speaker, createActors)}; on behalf of: ${who(st.onBehalfOf, createActors)}`);
    out(`  Said: ${st.saidAt ?? 'unknown'}${st.platform ? ` on ${st.platform}` : ''}; cites ${st.sourceKeys.map(footnote).join(', ')}`);
    if (st.scriptureRefs.length) out(`  Scripture: ${st.scriptureRefs.map((x) => visible(x.text)).join(', ')}`);
  } else {
    out('Statement: none (no quoted statement found)');
  }
  out();
  out(`Sources (${plan.sources.length}):`);
  for (const src of plan.sources) {
    const n = src.footnote ? `[${src.footnote}]` : 'report';
    const guessed = src.guessed.length ? `  (guessed: ${src.guessed.join(', ')})` : '';
    out(`  ${n.padEnd(6)} ${src.kind.padEnd(12)} ${line(src.title, 80)}${src.url ? ` <${visible(src.url)}>` : ''}${guessed}`);
  }
  out();
  out('Actors:');
  if (plan.actors.matched.length + plan.actors.proposed.length === 0) out('  none named');
  for (const a of plan.actors.matched) {
    out(`  matched   ${visible(a.name)} (${a.kind}) as ${a.matchedAs.map((w) => `"${visible(w)}"`).join(', ')}: ${a.roles.join(', ')}${a.fuzzy ? ' (spelled differently: check)' : ''}`);
  }
  for (const a of plan.actors.proposed) {
    out(`  new       ${visible(a.name)} (${a.kind}): ${a.roles.join(', ')}; ${createActors ? 'will be created' : 'not created without --create-actors'}`);
  }
  out();
  out(`Left out (${plan.dropped.length}):`);
  for (const d of plan.dropped) out(`  #${String(d.at + 1).padEnd(3)} ${line(d.text, 60)}  (${d.reason})`);
  if (plan.hashtags.length || plan.scriptureRefs.length) {
    out();
    if (plan.hashtags.length) out(`Hashtags: ${plan.hashtags.map((h) => `#${visible(h)}`).join(' ')}`);
    if (plan.scriptureRefs.length) out(`Scripture: ${plan.scriptureRefs.map((x) => visible(x.text)).join(', ')}`);
  }
  if (plan.warnings.length) {
    out();
    out('Warnings:');
    for (const w of plan.warnings) out(`  ! ${visible(w)}`);
  }
}

function printImported(res: ReportImportResult, plan: ReportImportPlan): void {
  out(`Imported report ${res.report.id} into case ${plan.caseId}:`);
  if (res.statement) out(`  statement ${res.statement.id} (published wording)`);
  for (const src of res.sources) out(`  source    ${src.id} ${line(src.title, 80)}`);
  for (const a of res.actorsCreated) out(`  actor     ${a.id} ${visible(a.name)} (new)`);
  const left = plan.dropped.length - res.keptLines;
  out(`${plural(left, 'line')} left out${res.keptLines ? `, ${plural(res.keptLines, 'dropped line')} kept` : ''}.`);
}
