import type { Command } from 'commander';
import { int } from '../input';
import { action, type Session } from '../session';
import { err, out, table, when } from '../output';
import { whoFn } from './common';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the append-only, hash-chained record of every change');

  audit.command('list')
    .description('list audit entries, newest first')
    .option('--record <id>', 'only entries about this record')
    .option('--type <type>', 'only entries about this kind of record (case, statement, ...)')
    .option('--case <id>', 'only entries about this case and what is in it')
    .option('--profile <profile>', 'only changes made by this profile (id, name or initials)')
    .option('--before <seq>', 'only entries older than this sequence number (to page back)', int(1))
    .option('--limit <n>', 'how many entries (at most 1000)', int(1), 50)
    .action(action(async (s: Session, o: { record?: string; type?: string; case?: string; profile?: string; before?: number; limit: number }) => {
      const actorId = o.profile ? (await s.findProfile(o.profile, '--profile')).id : undefined;
      const entries = await s.invoke('audit.list', {
        as: await s.as(), limit: o.limit,
        ...(o.record ? { recordId: o.record } : {}), ...(o.type ? { recordType: o.type } : {}), ...(o.case ? { caseId: o.case } : {}),
        ...(actorId ? { actorId } : {}), ...(o.before ? { beforeSeq: o.before } : {}),
      });
      if (s.json) { s.emit(entries, () => undefined); return; }
      const who = await whoFn(s);
      if (!entries.length) { out('No audit entries.'); return; }
      table(['SEQ', 'AT', 'BY', 'ACTION', 'RECORD', 'FIELDS'], entries.map((e) => [
        String(e.seq), when(e.at), who(e.actorId), e.action, e.recordId, e.action.endsWith('.create') ? '(new record)' : Object.keys(e.changes).join(', '),
      ]), 48);
    }));

  audit.command('anchor')
    .summary('print the signed head of the trail as one line to keep elsewhere')
    .description('print the head of the audit trail, signed with the desk key, as one line to paste into a report, an email or onto paper; "casefile check --anchor LINE" later proves the desk still holds that history')
    .action(action(async (s: Session) => {
      const a = await s.invoke('audit.anchor', { as: await s.as() });
      s.emit(a, (x) => {
        out(x.line);
        err(`Audit entry ${x.seq} of ${when(x.at)}, signed by the desk key ${x.fingerprint}. Keep the line outside this computer; check it with: casefile check --anchor LINE${s.dataArg}`);
      });
    }));

  audit.command('verify')
    .description('walk the whole chain and check it against the head file (exit 1 if it is broken)')
    .action(action(async (s: Session) => {
      const v = await s.invoke('audit.verify', { as: await s.as() });
      s.emit(v, (r) => {
        if (r.ok) out(`Audit trail intact: ${r.entries} entries, every hash chains and the head file agrees.`);
        else out(`Audit trail BROKEN (${r.entries} entries read): ${r.firstBroken?.message ?? 'unknown problem'}`);
      });
      if (!v.ok) {
        err(`casefile: the audit trail is broken${v.firstBroken?.seq != null ? ` at entry ${v.firstBroken.seq}` : ''}.`);
        process.exitCode = 1;
      }
    }));
}
