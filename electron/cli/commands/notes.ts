import fs from 'node:fs';
import type { Command } from 'commander';
import { AttachmentOwnerType, NoteTargetType } from '../../../shared/domain';
import { formatBytes } from '../../core/attachments/store';
import { follow } from '../progress';
import { READ_LIMITS, readText, recordRef, type RecordRef } from '../input';
import { action, CliError, UsageError, type Session } from '../session';
import { fields, out, table, when } from '../output';
import { revFor, revOption, whoFn } from './common';

type OwnerType = (typeof AttachmentOwnerType.options)[number];
type TargetType = (typeof NoteTargetType.options)[number];

export function registerNotes(program: Command): void {
  program.command('attach')
    .summary('attach a file as evidence to a record')
    .description('keep a file as evidence: stored under its SHA-256 in the data folder (attachments/ab/<sha256>), never modified; the file name is kept as metadata only (analyst or case manager role)')
    .argument('<file>', 'the file to attach')
    .requiredOption('--to <type:id>', `the record it belongs to, TYPE:ID with TYPE one of ${AttachmentOwnerType.options.join(', ')}`, recordRef(AttachmentOwnerType.options))
    .option('--description <text>', 'what the file is', '')
    .action(action(async (s: Session, file: string, o: { to: RecordRef; description: string }) => {
      if (file === '-') throw new UsageError('attach reads a file, not standard input: save the content to a file first');
      // The Core's message for a folder is a generic failure; say it plainly here.
      if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`${file} is a folder, not a file.`);
      const as = await s.as();
      const core = s.core();
      let a;
      const f = follow(s, 'Attaching');
      try {
        a = await core.attachFile(as, file, { ownerType: o.to.type as OwnerType, ownerId: o.to.id }, o.description, f.run);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM') throw new CliError(`Cannot read ${file}: permission denied.`);
        throw e;
      } finally {
        f.done();
      }
      s.emit(a, (v) => {
        out(`Attached ${v.originalName} to ${v.ownerType} ${v.ownerId} as attachment ${v.id}`);
        out(`  ${v.mediaType}, ${formatBytes(v.size)}, sha256 ${v.sha256}`);
      });
    }));

  program.command('page')
    .summary('the text of a saved web page attached as evidence')
    .description('show what was read from an attached HTML, MHTML or WARC file or PDF: its text (never run, nothing fetched), and the address and capture time the file gives for itself, to fill the source with `source update --url ... --accessed-at ...` if they are right')
    .argument('<attachment-id>', 'the attachment')
    .action(action(async (s: Session, id: string) => {
      const as = await s.as();
      const a = await s.invoke('attachments.get', { as, id });
      const p = await s.invoke('attachments.page', { as, id });
      if (s.json) { s.emit(p, () => undefined); return; }
      if (!p) throw new CliError(`${a.originalName} (${a.mediaType}) is not a saved web page: HTML, MHTML, WARC and PDF files are read.`);
      fields([
        ['Attachment', `${a.id} (${a.originalName})`], ['Format', p.format.toUpperCase()], ['Title', p.title],
        ['Saved from', p.url], ['Captured', p.capturedAt ? when(p.capturedAt) : null],
      ]);
      if (p.problem) throw new CliError(`The file ${a.originalName} could not be read: ${p.problem}.`);
      out('');
      out('--- page text ---');
      out(p.text);
      out(p.truncated ? '--- cut here: the rest of the page is not kept ---' : '--- end of page text ---');
    }));

  const note = program.command('note').description("analysts' markdown notes on cases, statements, sources, actors, reports, events and translations");
  const targetHelp = `the record the note is about, TYPE:ID with TYPE one of ${NoteTargetType.options.join(', ')}`;

  note.command('add')
    .description('write a note (analyst, case manager or reviewer role)')
    .requiredOption('--to <type:id>', targetHelp, recordRef(NoteTargetType.options))
    .option('--body <text>', 'the note, in markdown')
    .option('--body-file <file>', 'the note from a UTF-8 file, or - for standard input')
    .option('--pin', 'pin it to the top of the record\'s notes')
    .action(action(async (s: Session, o: { to: RecordRef; body?: string; bodyFile?: string; pin?: boolean }) => {
      if ((o.body === undefined) === (o.bodyFile === undefined)) throw new UsageError('give the note as --body TEXT or --body-file FILE (one of them)');
      const body = o.bodyFile !== undefined ? await readText(o.bodyFile, 'the note', READ_LIMITS.longText) : (o.body as string);
      const n = await s.invoke('notes.create', { as: await s.as(), targetType: o.to.type as TargetType, targetId: o.to.id, body, pinned: o.pin === true });
      s.emit(n, (v) => out(`Added note ${v.id} to ${v.targetType} ${v.targetId}${v.pinned ? ' (pinned)' : ''}`));
    }));

  note.command('list')
    .description('list the notes on a record, pinned first, then newest')
    .requiredOption('--to <type:id>', targetHelp, recordRef(NoteTargetType.options))
    .option('--full', 'print each note in full')
    .action(action(async (s: Session, o: { to: RecordRef; full?: boolean }) => {
      const notes = await s.invoke('notes.list', { as: await s.as(), targetType: o.to.type as TargetType, targetId: o.to.id });
      if (s.json) { s.emit(notes, () => undefined); return; }
      const who = await whoFn(s);
      if (!notes.length) { out('No notes.'); return; }
      if (o.full) {
        for (const n of notes) {
          out(`--- ${n.id} by ${who(n.createdBy)}, ${when(n.createdAt)}${n.pinned ? ' (pinned)' : ''} ---`);
          out(n.body);
        }
        return;
      }
      table(['ID', 'BY', 'WHEN', 'PINNED', 'FIRST LINE'], notes.map((n) => [n.id, who(n.createdBy), when(n.createdAt), n.pinned ? 'yes' : '', n.body.split('\n')[0]]));
    }));

  note.command('edit')
    .description('change the text of a note (analyst, case manager or reviewer role); a stale --rev is refused as a conflict')
    .argument('<id>', 'note id')
    .option('--body <text>', 'the new note, in markdown')
    .option('--body-file <file>', 'the new note from a UTF-8 file, or - for standard input')
    .addOption(revOption())
    .action(action(async (s: Session, id: string, o: { body?: string; bodyFile?: string; rev?: number }) => {
      if ((o.body === undefined) === (o.bodyFile === undefined)) throw new UsageError('give the new text as --body TEXT or --body-file FILE (one of them)');
      const body = o.bodyFile !== undefined ? await readText(o.bodyFile, 'the note', READ_LIMITS.longText) : (o.body as string);
      const n = await s.invoke('notes.update', { as: await s.as(), id, rev: await revFor(s, 'notes.get', id, o.rev), body });
      s.emit(n, (v) => out(`Updated note ${v.id}, now rev ${v.rev}`));
    }));

  for (const [verb, pinned] of [['pin', true], ['unpin', false]] as const) {
    note.command(verb)
      .description(pinned ? 'pin a note to the top of its record\'s notes' : 'unpin a note')
      .argument('<id>', 'note id')
      .addOption(revOption())
      .action(action(async (s: Session, id: string, o: { rev?: number }) => {
        const n = await s.invoke('notes.update', { as: await s.as(), id, rev: await revFor(s, 'notes.get', id, o.rev), pinned });
        s.emit(n, (v) => out(`${pinned ? 'Pinned' : 'Unpinned'} note ${v.id}, now rev ${v.rev}`));
      }));
  }
}
