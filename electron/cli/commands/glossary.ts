import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { collect, defined, READ_LIMITS, readText } from '../input';
import { action, CliError, type Session } from '../session';
import { out, table } from '../output';
import { writeFileAtomic } from '../files';

const FORMATS = ['csv', 'tbx'] as const;

/** The format a file's name says, unless --format says otherwise. */
function formatOf(file: string, given?: string): 'csv' | 'tbx' {
  const f = given ?? path.extname(file).slice(1).toLowerCase();
  if (f === 'csv' || f === 'tbx') return f;
  throw new CliError(`Cannot tell the format of ${file}: name it .csv or .tbx, or give --format csv|tbx.`);
}

export function registerGlossary(program: Command): void {
  const glossary = program.command('glossary').description("the desk's glossary (termbase): approved and forbidden renderings of source terms");

  glossary.command('list')
    .description('list the terms, by language pair and term')
    .option('--from <lang>', 'only terms in this source language')
    .option('--to <lang>', 'only terms into this target language')
    .action(action(async (s: Session, o: { from?: string; to?: string }) => {
      const terms = await s.invoke('glossary.list', defined({ as: await s.as(), sourceLang: o.from, targetLang: o.to }));
      s.emit(terms, (v) => {
        if (!v.length) { out('The glossary is empty.'); return; }
        table(['PAIR', 'TERM', 'APPROVED', 'FORBIDDEN', 'ID'], v.map((t) => [
          `${t.sourceLang}→${t.targetLang}`, t.term, t.renderings.join(' | '), t.forbidden.join(' | '), t.id,
        ]));
      });
    }));

  glossary.command('add')
    .description('add a term with its approved rendering(s) (reviewers and case managers)')
    .argument('<term>', 'the source term as written')
    .requiredOption('--rendering <text>', 'an approved rendering (repeat for several, preferred first)', collect)
    .option('--forbidden <text>', 'a rendering that must not be used (repeatable)', collect)
    .option('--from <lang>', 'the source language', 'ar')
    .option('--to <lang>', 'the target language', 'en')
    .option('--notes <text>', 'notes for translators', '')
    .action(action(async (s: Session, term: string, o: { rendering: string[]; forbidden?: string[]; from: string; to: string; notes: string }) => {
      const t = await s.invoke('glossary.create', {
        as: await s.as(), sourceLang: o.from, targetLang: o.to, term, renderings: o.rendering, forbidden: o.forbidden ?? [], notes: o.notes,
      });
      s.emit(t, (v) => out(`Added “${v.term}” (${v.sourceLang} → ${v.targetLang}): ${v.renderings.join(' | ')} [${v.id}]`));
    }));

  glossary.command('import')
    .description('take in a CSV or TBX file in one step: new terms are added, known ones take the file\'s renderings; a bad row refuses the whole file')
    .argument('<file>', 'the file (.csv or .tbx), or - for standard input with --format')
    .addOption(new Option('--format <format>', 'the file\'s format (default: from its name)').choices(FORMATS))
    .option('--from <lang>', 'TBX: the language of the source terms (default: the file\'s xml:lang); CSV: for rows with no source_lang')
    .action(action(async (s: Session, file: string, o: { format?: string; from?: string }) => {
      const format = formatOf(file, o.format);
      const text = await readText(file, 'the glossary file', READ_LIMITS.longText);
      const res = await s.invoke('glossary.import', defined({ as: await s.as(), format, text, sourceLang: o.from }));
      s.emit(res, (v) => out(`Imported ${file}: ${v.added} added, ${v.updated} updated, ${v.unchanged} unchanged.`));
    }));

  glossary.command('export')
    .description('write the glossary as CSV or TBX (TBX v3, TBX-Basic)')
    .addOption(new Option('--format <format>', 'csv or tbx').choices(FORMATS).default('tbx'))
    .option('--from <lang>', 'only terms in this source language')
    .option('--to <lang>', 'only terms into this target language')
    .option('--out <file>', 'the file to write (default: standard output)')
    .action(action(async (s: Session, o: { format: 'csv' | 'tbx'; from?: string; to?: string; out?: string }) => {
      const res = await s.invoke('glossary.export', defined({ as: await s.as(), format: o.format, sourceLang: o.from, targetLang: o.to }));
      if (!o.out) { process.stdout.write(res.text); return; }
      const file = path.resolve(o.out);
      if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`${o.out} is a folder; name the file to write.`);
      writeFileAtomic(file, res.text);
      s.emit({ path: file, terms: res.terms }, (v) => out(`Wrote ${v.path} (${v.terms} terms).`));
    }));
}
