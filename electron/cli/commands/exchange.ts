import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { exchangeFile } from '../../core/io/bundle';
import { Marking } from '../../../shared/domain';
import { defined } from '../input';
import { action, CliError, type Session } from '../session';
import { err, jsonText, out, plural } from '../output';
import { writeFileAtomic } from '../files';
import { follow } from '../progress';

const markingOption = () => new Option('--marking <marking>', "the bundle's marking (default: the case's); more restricted records are left out and listed").choices(Marking.options);
const allowOption = () => new Option('--allow-marking', 'include records more restricted than the marking after all (written to the audit trail)');

/** Moves a file, across disks too (a USB stick is another file system). */
function moveFile(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    const tmp = `${to}.${process.pid}.part`;
    try {
      fs.copyFileSync(from, tmp);
      fs.renameSync(tmp, to);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    fs.rmSync(from, { force: true });
  }
}

/** Puts the user's bundle file into the desk's exchange folder (a hard link when it can), for as long as `fn` runs. */
async function staged<T>(s: Session, file: string, fn: (id: string) => Promise<T>): Promise<T> {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) throw new CliError(`${file} is not a file.`);
  s.core();
  const id = crypto.randomUUID();
  const dest = exchangeFile(s.dataDir, id);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  try {
    fs.linkSync(file, dest);
  } catch {
    fs.copyFileSync(file, dest);
  }
  try {
    return await fn(id);
  } finally {
    fs.rmSync(dest, { force: true });
  }
}

async function followed<T>(s: Session, label: string, fn: (run: ReturnType<typeof follow>['run']) => Promise<T>): Promise<T> {
  const f = follow(s, label);
  try {
    return await fn(f.run);
  } finally {
    f.done();
  }
}

export function registerExchange(program: Command): void {
  const bundle = program.command('bundle').description('case bundles: export a case signed, inspect a bundle, import one and merge it without loss');

  bundle.command('export')
    .description('write a signed bundle of a case: its records, translations, notes, audit entries and attachment files')
    .requiredOption('--case <id>', 'the case')
    .requiredOption('--out <file>', 'where to write the bundle (.cfb)')
    .addOption(markingOption())
    .addOption(allowOption())
    .action(action(async (s: Session, o: { case: string; out: string; marking?: Marking; allowMarking?: boolean }) => {
      const as = await s.as();
      const res = await followed(s, 'Exporting the bundle', (run) =>
        s.invoke('exchange.exportBundle', defined({ as, caseId: o.case, marking: o.marking, allowMarking: o.allowMarking === true }), run));
      const target = path.resolve(o.out);
      moveFile(exchangeFile(s.dataDir, res.file), target);
      s.emit({ ...res, path: target }, (v) => {
        out(`Wrote ${v.path} (${plural(v.size, 'byte')}, marked ${v.marking}, SHA-256 ${v.sha256})`);
        for (const r of v.leftOut) err(`Left out: ${r.recordType} "${r.title}" (${r.id}) is ${r.marking}`);
        for (const r of v.allowed) err(`Included by --allow-marking: ${r.recordType} "${r.title}" (${r.id}) is ${r.marking}`);
      });
    }));

  bundle.command('inspect')
    .description('show who signed a bundle and what importing it would add, change and put in conflict; changes nothing')
    .argument('<file>', 'the bundle (.cfb)')
    .action(action(async (s: Session, file: string) => {
      const as = await s.as();
      const res = await staged(s, file, (id) => followed(s, 'Checking the bundle', (run) => s.invoke('exchange.inspectBundle', { as, file: id }, run)));
      s.emit(res, (v) => {
        out(`Case "${v.caseTitle}" (${v.caseId}), marked ${v.marking}, exported ${v.createdAt} by ${v.exportedBy}`);
        out(`Signed by desk "${v.signer.deskName}", key ${v.signer.fingerprint} (${v.signer.trust === 'new' ? 'not seen before: import with --trust-key once you have checked it' : v.signer.trust === 'own' ? 'this desk' : 'accepted before'})`);
        if (v.alreadyImported) out('This bundle was imported before.');
        const by = (a: string) => v.changes.filter((c) => c.action === a).length;
        out(`${plural(by('add'), 'new record')}, ${plural(by('update'), 'record')} to update, ${plural(by('conflict'), 'conflict')}, ${plural(v.changes.filter((c) => c.trashSuggested).length, 'trash suggestion')}, ${plural(v.files, 'file')}`);
        for (const c of v.changes) if (c.action === 'conflict' || c.trashSuggested) out(`  ${c.action === 'conflict' ? 'conflict' : 'trashed there'}: ${c.recordType} "${c.title}" (${c.id})`);
        for (const r of v.leftOut) out(`  left out by its marking: ${r.recordType} "${r.title}" (${r.id}) is ${r.marking}`);
      });
    }));

  bundle.command('import')
    .description('merge a bundle into this desk: new records added, one-sided changes taken, changes on both sides kept as conflicts; never replaces')
    .argument('<file>', 'the bundle (.cfb)')
    .option('--trust-key', "accept the signing desk's key (check its fingerprint with that desk first); remembered and audited")
    .action(action(async (s: Session, file: string, o: { trustKey?: boolean }) => {
      const as = await s.as();
      const res = await staged(s, file, (id) => followed(s, 'Importing the bundle', (run) =>
        s.invoke('exchange.importBundle', { as, file: id, trustKey: o.trustKey === true }, run)));
      s.emit(res, (v) => {
        const c = v.counts;
        out(`Imported bundle ${v.bundleId} from desk "${v.signer.deskName}" (${v.signer.fingerprint}): ${plural(c.added, 'record')} added, ${c.updated} updated, ${c.kept} kept as newer here, ${plural(c.conflicts, 'conflict')}, ${plural(c.trashSuggestions, 'trash suggestion')}, ${plural(c.revisions, 'translation revision')}, ${plural(c.auditEntries, 'audit entry', 'audit entries')}.`);
        for (const x of v.conflicts) out(`  ${x.action === 'conflict' ? 'conflict' : 'trashed there'}: ${x.recordType} "${x.title}" (${x.id})`);
        for (const w of v.warnings) err(`Note: ${w}`);
      });
    }));

  // `export stix` and `export csl`: the formats other tools read, named after what they are for.
  const exportTo = program.command('export').description('export a case for other tools: STIX 2.1 for threat-intel platforms, CSL-JSON for reference managers');
  exportTo.command('stix')
    .description('write a case as one STIX 2.1 bundle (JSON)')
    .requiredOption('--case <id>', 'the case')
    .requiredOption('--out <file>', 'where to write the JSON')
    .addOption(markingOption())
    .addOption(allowOption())
    .action(action(async (s: Session, o: { case: string; out: string; marking?: Marking; allowMarking?: boolean }) => {
      const as = await s.as();
      const res = await followed(s, 'Exporting STIX', (run) =>
        s.invoke('exchange.exportStix', defined({ as, caseId: o.case, marking: o.marking, allowMarking: o.allowMarking === true }), run));
      const target = path.resolve(o.out);
      writeFileAtomic(target, res.json);
      s.emit({ path: target, objects: res.objects, leftOut: res.leftOut }, (v) => {
        out(`Wrote ${v.path} (${plural(v.objects, 'STIX object')})`);
        for (const r of v.leftOut) err(`Left out: ${r.recordType} "${r.title}" (${r.id}) is ${r.marking}`);
      });
    }));

  exportTo.command('csl')
    .description("write a case's sources as CSL-JSON (standard output unless --out)")
    .requiredOption('--case <id>', 'the case')
    .option('--out <file>', 'where to write the JSON')
    .action(action(async (s: Session, o: { case: string; out?: string }) => {
      const res = await s.invoke('exchange.exportCsl', { as: await s.as(), caseId: o.case });
      if (!o.out) {
        // The JSON itself is the output: JSON.stringify already escapes every control character.
        process.stdout.write(jsonText(res.json));
        return;
      }
      const target = path.resolve(o.out);
      writeFileAtomic(target, res.json);
      s.emit({ path: target, items: res.items }, (v) => out(`Wrote ${v.path} (${plural(v.items, 'source')})`));
    }));
}
