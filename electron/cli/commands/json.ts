import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { exportJson, importJson } from '../../core/io/json';
import { READ_LIMITS, readText } from '../input';
import { action, CliError, type Session } from '../session';
import { err, jsonText, out, plural } from '../output';
import { writeFileAtomic } from '../files';

const NO_BLOBS = 'Attachment files are not in the JSON document, only their records (a bundle format that carries them comes later): copy the attachments/ folder of the data folder along with it.';

export function registerJson(program: Command): void {
  program.command('export-json')
    .summary('export the whole database as JSON')
    .description('write the whole database (every table, the audit log included) as one JSON document')
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText('after', `\n${NO_BLOBS}\nThe document has no export timestamp: exporting the same data twice gives the same bytes.`)
    .action(action((s: Session, o: { out?: string }) => {
      const doc = exportJson(s.core());
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      if (!o.out) { process.stdout.write(jsonText(text)); return; }
      writeFileAtomic(o.out, text);
      const counts = Object.fromEntries(Object.entries(doc.tables).map(([t, rows]) => [t, rows.length]));
      s.emit({ out: path.resolve(o.out), counts }, () => {
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        out(`Exported ${plural(total, 'row')} from ${plural(Object.keys(counts).length, 'table')} to ${o.out}.`);
        const atts = counts.attachments ?? 0;
        if (atts) err(`Note: ${NO_BLOBS}`);
      });
    }));

  program.command('import-json')
    .summary('import a JSON export into an empty data folder')
    .description('load a JSON export into an empty data folder, all or nothing: the document is validated and its audit chain verified first')
    .argument('<file>', 'the export, or - for standard input')
    .addHelpText('after', `\n${NO_BLOBS}\nThe target folder must hold no records ("casefile init --data NEW" makes an empty one; import-json also creates it).`)
    .action(action(async (s: Session, file: string) => {
      const text = await readText(file, 'the export', READ_LIMITS.export);
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        throw new CliError(`${file === '-' ? 'Standard input' : file} is not a JSON document (${(e as Error).message}); nothing was imported.`);
      }
      const created = !fs.existsSync(s.dataDir);
      let res;
      try {
        res = importJson(s.core({ create: true }), doc);
      } catch (e) {
        // A refused import into a folder this command made leaves nothing behind, not even the folder.
        if (created) {
          s.close();
          fs.rmSync(s.dataDir, { recursive: true, force: true });
        }
        throw e;
      }
      s.emit(res, (r) => {
        const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
        const audit = r.counts.audit_log ?? 0;
        out(`Imported ${plural(total, 'row')} from ${plural(Object.keys(r.counts).length, 'table')} into ${s.dataDir} (${plural(audit, 'audit entry', 'audit entries')}, chain verified).`);
        const atts = r.counts.attachments ?? 0;
        if (atts) err(`Note: ${plural(atts, 'attachment record')} came without ${atts === 1 ? 'its file' : 'their files'}. ${NO_BLOBS} "casefile check" lists any that are missing.`);
      });
    }));
}
