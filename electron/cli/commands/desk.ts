import os from 'node:os';
import type { Command } from 'commander';
import { SAMPLE_CASE_TITLE } from '../../core/io/sample';
import { CoreError } from '../../core/index';
import type { CheckReport } from '../../core/services/check';
import { action, type Session } from '../session';
import { follow } from '../progress';
import { err, fields, out, plural } from '../output';

/** On a new desk `sample` makes the first profile itself, named after the person at the keyboard. */
async function ensureProfile(s: Session, opts: { name?: string; initials?: string }): Promise<void> {
  if ((await s.profiles()).length > 0) return;
  const name = opts.name ?? os.userInfo().username ?? 'Analyst';
  const initials = opts.initials ?? (name.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 2).toUpperCase() || 'AN');
  const p = await s.invoke('profiles.create', { as: null, name, initials, roles: ['analyst', 'case_manager', 'reviewer'] });
  s.forgetProfiles();
  err(`Created the first profile of this desk: ${p.name} (${p.initials}), roles ${p.roles.join(', ')}. Add others with "casefile profile add".`);
}

export function registerDesk(program: Command): void {
  program.command('init')
    .description('create the data folder and its database (if needed) and show where it is')
    .action(action(async (s: Session) => {
      const existed = s.exists();
      const core = await s.openOrCreate();
      const info = await core.invoke('app.info', {});
      s.emit(info, (i) => {
        out(existed ? `${i.dataDir} is already a Casefile data folder.` : `Created the Casefile data folder ${i.dataDir}.`);
        fields([
          ['Database', `${s.dbFile} (schema ${i.schemaVersion})`],
          ['Encrypted', core.encrypted ? 'yes: it opens only with its passphrase' : 'no: not protected at rest ("casefile encrypt" encrypts it)'],
          ['Profiles', String(i.profiles)],
        ], { keepEmpty: true });
        if (core.encrypted && !existed) out('Keep the passphrase safe: without it nothing and no one can open this desk again.');
        if (i.profiles === 0) {
          out('');
          out('Next, create your profile (the first one also gets the admin role):');
          out(`  casefile profile add${s.dataArg} --name "Your Name" --initials YN --roles analyst,case_manager`);
        }
      });
    }));

  program.command('sample')
    .summary('load the sample case')
    .description(`load the sample case ("${SAMPLE_CASE_TITLE}"); on a new data folder this first creates a profile for you`)
    .option('--name <name>', 'name of the profile to create when the desk has none (default: your user name)')
    .option('--initials <xx>', 'initials of that profile (default: from the name)')
    .action(action(async (s: Session, opts: { name?: string; initials?: string }) => {
      await s.openOrCreate();
      await ensureProfile(s, opts);
      const as = await s.as();
      const before = await s.invoke('cases.list', { as, text: SAMPLE_CASE_TITLE, limit: 1 });
      const res = await s.invoke('sample.load', { as });
      s.emit(res, (r) => {
        out(`${before.total ? 'The sample case is already loaded' : 'Sample case loaded'}: ${SAMPLE_CASE_TITLE}`);
        out(`Case id: ${r.caseId}`);
        out(`See it with: casefile case show ${r.caseId}${s.dataArg}`);
      });
    }));

  program.command('check')
    .summary('check the database, the signed audit trail, every record against it, and the attachment files')
    .description('check the data folder: database integrity, foreign keys, the audit chain and its signed head, every record against the state the trail says it must have, the search index and every attachment file (exit 1 on any problem)')
    .option('--anchor <line>', 'also prove the desk still holds the history of this anchor line (from "casefile audit anchor")')
    .action(action(async (s: Session, o: { anchor?: string }) => {
      const f = follow(s, 'Checking');
      let report: CheckReport;
      try {
        report = await s.core().check({ ...f.run, ...(o.anchor !== undefined ? { anchor: o.anchor } : {}) });
      } catch (e) {
        // A file Casefile cannot open (not a Casefile database, damaged) is the check's finding.
        if (!(e instanceof CoreError) || e.body.code !== 'failed') throw e;
        report = { ok: false, problems: [e.body.message], notes: [], counts: null, desk: null };
      } finally {
        f.done();
      }
      s.emit(report, (r) => {
        if (r.ok) out(`OK: no problems in ${s.dataDir}.`);
        else {
          out(`${plural(r.problems.length, 'problem')} in ${s.dataDir}:`);
          for (const p of r.problems) out(`  - ${p}`);
        }
        if (r.anchor?.ok) out(`Anchor: ${r.anchor.message}`);
        for (const n of r.notes) out(`Note: ${n}`);
        if (r.counts) out(`Checked ${plural(r.counts.auditEntries, 'audit entry', 'audit entries')}, ${plural(r.counts.records, 'record')} against the trail, ${plural(r.counts.attachments, 'attachment')} (${plural(r.counts.blobs, 'stored file')}).`);
        if (r.desk) out(`Desk key: ${r.desk.fingerprint}${r.desk.protectedAtRest ? '' : ' (not protected at rest)'}.`);
      });
      if (!report.ok) {
        err(`casefile: check found ${plural(report.problems.length, 'problem')}.`);
        process.exitCode = 1;
      }
    }));
}
