import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { defined, READ_LIMITS, readText } from '../input';
import { action, CliError, UsageError, type Session } from '../session';
import { err, out, plural } from '../output';
import { writeFileAtomic } from '../files';
import { follow } from '../progress';

export function registerXliff(program: Command): void {
  const xliff = program.command('xliff').description('exchange translations with CAT tools as XLIFF 2.0');

  xliff.command('export')
    .description('write XLIFF 2.0 files of a statement\'s translations (one per target language) or of every translated statement of a case')
    .option('--statement <id>', 'the statement to export')
    .option('--case <id>', 'the case whose translated statements to export')
    .option('--lang <tag>', 'only this target language')
    .option('--out <dir>', 'the folder to write the files to (default: the current folder)', '.')
    .addHelpText('after', '\nEach segment carries its state: draft → initial, in review → translated, changes requested → initial, approved → reviewed, final → final.')
    .action(action(async (s: Session, o: { statement?: string; case?: string; lang?: string; out: string }) => {
      if (!o.statement === !o.case) throw new UsageError('give --statement ID or --case ID (one of them)');
      const dir = path.resolve(o.out);
      if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`${o.out} is not a folder.`);
      const as = await s.as();
      const f = follow(s, 'Exporting XLIFF');
      let res;
      try {
        res = await s.invoke('translations.exportXliff', defined({ as, statementId: o.statement, caseId: o.case, targetLang: o.lang }), f.run);
      } finally {
        f.done();
      }
      const written = res.files.map((f) => {
        const file = path.join(dir, f.name);
        writeFileAtomic(file, f.xml);
        return { path: file, srcLang: f.srcLang, trgLang: f.trgLang, statements: f.statements, segments: f.segments };
      });
      s.emit({ files: written }, (v) => {
        for (const f of v.files) out(`Wrote ${f.path} (${f.srcLang} → ${f.trgLang}, ${plural(f.statements, 'statement')}, ${plural(f.segments, 'segment')})`);
      });
    }));

  xliff.command('import')
    .description('take translations back from an XLIFF 2.0 file: each statement in it gets a new draft revision for review (never approved). A file whose segment ids or source text no longer match is refused as a whole')
    .argument('<file>', 'the XLIFF file, or - for standard input')
    .action(action(async (s: Session, file: string) => {
      const xml = await readText(file, 'the XLIFF file', READ_LIMITS.longText);
      const res = await s.invoke('translations.importXliff', { as: await s.as(), xml });
      s.emit(res, (v) => {
        for (const i of v.imported) {
          if (i.unchanged) out(`Statement ${i.statementId} (${i.targetLang}): no target or note differs from the current revision; nothing was changed.`);
          else out(`Statement ${i.statementId} (${i.targetLang}): new draft revision ${i.revision?.number ?? ''} from the file; submit it for review when ready.`);
          for (const w of i.warnings) err(`Note: statement ${i.statementId}: ${w}`);
        }
      });
    }));
}
