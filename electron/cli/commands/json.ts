import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { exportChunks, importJsonFrom } from '../../core/io/json';
import { createJob } from '../../core/job';
import { openForReading } from '../input';
import { action, type Session } from '../session';
import { err, jsonText, out, plural } from '../output';
import { writeChunksAtomic, writeChunksTo } from '../files';
import { follow } from '../progress';

const NO_BLOBS = 'Attachment files are not in the JSON document, only their records (a bundle format that carries them comes later): copy the attachments/ folder of the data folder along with it.';

/** On standard output (often a terminal) invisible and control characters travel as \u escapes: the same JSON. */
function* escaped(chunks: Iterable<string>): Generator<string> {
  for (const c of chunks) yield jsonText(c);
}

export function registerJson(program: Command): void {
  program.command('export-json')
    .summary('export the whole database as JSON')
    .description('write the whole database (every table, the audit log included) as one JSON document')
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText('after', `\n${NO_BLOBS}\nThe head of the audit trail travels signed with the desk key, so an import can tell the history is this desk's.\nThe document has no export timestamp: exporting the same data twice gives the same bytes.`)
    .action(action(async (s: Session, o: { out?: string }) => {
      // Written a piece at a time: the document is never held whole (exportChunks).
      const core = s.core();
      const f = follow(s, 'Exporting');
      const job = createJob(f.run);
      const counts: Record<string, number> = {};
      try {
        if (o.out) await writeChunksAtomic(o.out, exportChunks(core, job, counts), job);
        else await writeChunksTo(process.stdout, escaped(exportChunks(core, job, counts)), job);
      } finally {
        f.done();
      }
      if (!o.out) return;
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
    .option('--fingerprint <fp>', 'refuse unless the history is signed by the desk key with this fingerprint (as "casefile check" prints it)')
    .addHelpText('after', `\n${NO_BLOBS}\nThe target folder must hold no records ("casefile init --data NEW" makes an empty one; import-json also creates it).`)
    .action(action(async (s: Session, file: string, o: { fingerprint?: string }) => {
      // Read a piece at a time and checked as it comes (importJsonFrom): all or nothing.
      const { source, size } = openForReading(file, 'the export');
      const created = !fs.existsSync(s.dataDir);
      const f = follow(s, 'Importing');
      let res;
      try {
        res = await importJsonFrom(await s.openOrCreate(), source, { totalBytes: size, job: createJob(f.run), ...(o.fingerprint !== undefined ? { expectFingerprint: o.fingerprint } : {}) });
      } catch (e) {
        // A refused or cancelled import into a folder this command made leaves nothing behind, not even the folder.
        if (created) {
          s.close();
          fs.rmSync(s.dataDir, { recursive: true, force: true });
        }
        throw e;
      } finally {
        f.done();
      }
      s.emit(res, (r) => {
        const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
        const audit = r.counts.audit_log ?? 0;
        out(`Imported ${plural(total, 'row')} from ${plural(Object.keys(r.counts).length, 'table')} into ${s.dataDir} (${plural(audit, 'audit entry', 'audit entries')}, chain verified, every record agrees with it).`);
        out(`The history is signed by the desk "${r.signedBy.deskName}", key ${r.signedBy.fingerprint}: compare it with the fingerprint "casefile check" prints there (or import with --fingerprint).`);
        const atts = r.counts.attachments ?? 0;
        if (atts) err(`Note: ${plural(atts, 'attachment record')} came without ${atts === 1 ? 'its file' : 'their files'}. ${NO_BLOBS} "casefile check" lists any that are missing.`);
      });
    }));
}
