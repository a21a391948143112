import { InvalidArgumentError, Option, type Command } from 'commander';
import type { TranslationRevision, TranslationView } from '../../../shared/domain';
import { defined, int, READ_LIMITS, readText } from '../input';
import { action, CliError, UsageError, type Session } from '../session';
import { fields, out, pageFooter, table, truncate, visible, when } from '../output';
import { limitOption, offsetOption, whoFn } from './common';

const langOption = () => new Option('--lang <tag>', 'target language of the translation (BCP 47)').default('en');
const revOpt = () => new Option('--rev <n>', 'the translation revision counter you are acting on (default: the current one); a stale one is refused as a conflict').argParser(int(1));

interface LangOpts { lang: string; rev?: number }

/** "s3=text" -> ['s3', 'text'] (the text may itself contain "="). */
function pair(value: string, previous?: [string, string][]): [string, string][] {
  const at = value.indexOf('=');
  const id = at > 0 ? value.slice(0, at).trim() : '';
  if (!/^s[1-9]\d*$/.test(id)) throw new InvalidArgumentError('Must be SEGMENT=TEXT, e.g. s3="It was not you who killed them".');
  return [...(previous ?? []), [id, value.slice(at + 1)]];
}

async function viewFor(s: Session, statementId: string, lang: string): Promise<TranslationView> {
  const v = await s.invoke('translations.get', { as: await s.as(), statementId, targetLang: lang });
  if (!v) {
    throw new CliError(`Statement ${statementId} has no translation into ${lang} yet. Start one with: casefile translation segment ${statementId} --lang ${lang}${s.dataArg}`);
  }
  return v;
}

const STATE_LABEL: Record<TranslationRevision['state'], string> = {
  draft: 'draft', in_review: 'in review', changes_requested: 'changes requested', approved: 'approved', final: 'final',
};

function stateLine(r: TranslationRevision): string {
  const approval = r.approvalValid === false ? ' — APPROVAL BROKEN: the text no longer matches the approved hash' : '';
  return `${STATE_LABEL[r.state]} (XLIFF ${r.xliffState})${approval}`;
}

async function printView(s: Session, v: TranslationView): Promise<void> {
  const who = await whoFn(s);
  const r = v.latest;
  fields([
    ['Translation', `${v.translation.id} (statement ${v.translation.statementId}, ${v.translation.sourceLang ?? '?'} → ${v.translation.targetLang})`],
    ['Revision', `${r.number}, ${stateLine(r)}; translation rev ${v.translation.rev}`],
    ['Translator', r.translatorId ? who(r.translatorId) : r.publishedWithoutOriginal ? 'published wording' : ''],
    ['Edited by', r.editedBy.map(who)],
    ['Submitted', r.submittedAt ? `${when(r.submittedAt)} by ${who(r.submittedBy)}` : null],
    ['Reviewed', r.reviewedAt ? `${when(r.reviewedAt)} by ${who(r.reviewedBy)}` : null],
    ['Published', r.publishedAt ? `${when(r.publishedAt)}${r.publishedWithoutOriginal ? ' (without an aligned original)' : ''}` : null],
    ['Approved', v.approved
      ? `revision ${v.approved.number}${v.approved.reviewedBy ? ` by ${who(v.approved.reviewedBy)} ${when(v.approved.reviewedAt)}` : ''}, SHA-256 ${v.approved.approvedSha256 ?? ''} (matches its text)`
        + (v.approvalOutdated ? ' — NEEDS REVIEW AGAIN: the original was corrected after this approval' : '')
      : 'no approved revision'],
  ], { keepEmpty: false });
  for (const p of v.problems) out(`Problem: ${p}`);
  if (v.approvalOutdated) {
    const ids = v.approvalOutdated.segmentIds;
    out(`Needs review: revision ${v.approvalOutdated.number} was approved as the translation of original text that has since been corrected (segment${ids.length === 1 ? '' : 's'} ${ids.join(', ')}); approve a revision of the corrected text.`);
  }
  out('');
  const flagging = r.state !== 'approved' && r.state !== 'final';
  for (const seg of r.segments) {
    out(`${seg.id}  ${seg.source ? visible(seg.source) : '(no aligned original)'}`);
    if (flagging && seg.previousSource !== undefined) {
      out(`${' '.repeat(seg.id.length)}  ! ${seg.previousSource ? `original corrected; it was: ${visible(seg.previousSource)}` : 'added by a correction of the original'}`);
    }
    out(`${' '.repeat(seg.id.length)}  → ${seg.target ? visible(seg.target) : '(not translated yet)'}`);
    if (seg.note) out(`${' '.repeat(seg.id.length)}  note: ${visible(seg.note)}`);
    const comments = v.comments.filter((c) => c.revisionId === r.id && c.segmentId === seg.id);
    for (const c of comments) out(`${' '.repeat(seg.id.length)}  ${c.kind === 'change_request' ? 'change requested' : 'comment'} by ${who(c.authorId)}: ${visible(c.body)}`);
  }
  const general = v.comments.filter((c) => c.revisionId === r.id && !c.segmentId);
  if (general.length) {
    out('');
    for (const c of general) out(`${c.kind === 'change_request' ? 'Change requested' : 'Comment'} by ${who(c.authorId)} ${when(c.createdAt)}: ${visible(c.body)}`);
  }
}

/** The translation's rev: --rev when given (so a stale one is a conflict), else the current one. */
async function target(s: Session, statementId: string, o: LangOpts): Promise<{ as: string; id: string; rev: number; view: TranslationView }> {
  const view = await viewFor(s, statementId, o.lang);
  return { as: await s.as(), id: view.translation.id, rev: o.rev ?? view.translation.rev, view };
}

function done(s: Session, what: string) {
  return (v: TranslationView) => s.emit(v, (x) => out(`${what}: revision ${x.latest.number} is ${STATE_LABEL[x.latest.state]} (translation rev ${x.translation.rev}).`));
}

export function registerTranslations(program: Command): void {
  const tr = program.command('translation')
    .description('translations of statements, segment by segment, with four-eyes review (draft → in review → approved → final)');

  tr.command('show')
    .description('show the latest revision of a statement\'s translation beside its original, with state, approval and comments')
    .argument('<statement-id>', 'statement id')
    .addOption(langOption())
    .action(action(async (s: Session, statementId: string, o: LangOpts) => {
      const v = await viewFor(s, statementId, o.lang);
      if (s.json) { s.emit(v, () => undefined); return; }
      await printView(s, v);
    }));

  tr.command('segment')
    .summary('segment the original to start a translation, or merge / split segments')
    .description('without --merge or --split: start the translation by segmenting the captured original into sentences (analyst role). --merge sN joins sN with the next segment; --split sN --at N cuts sN at character offset N (UTF-16) of its source')
    .argument('<statement-id>', 'statement id')
    .addOption(langOption())
    .option('--merge <segment>', 'merge this segment with the next one (the first id is kept)')
    .option('--split <segment>', 'split this segment (the second half gets a new id)')
    .option('--at <offset>', 'where to split: an offset into the segment\'s source text', int(1))
    .addOption(revOpt())
    .action(action(async (s: Session, statementId: string, o: LangOpts & { merge?: string; split?: string; at?: number }) => {
      if (o.merge && o.split) throw new UsageError('give --merge or --split, not both');
      if (!o.merge && !o.split) {
        const v = await s.invoke('translations.start', { as: await s.as(), statementId, targetLang: o.lang });
        s.emit(v, (x) => {
          out(`Started the ${x.translation.targetLang} translation ${x.translation.id} of statement ${statementId}: ${x.latest.segments.length} segments.`);
          out(`Translate them with: casefile translation edit ${statementId} --lang ${x.translation.targetLang} --set s1="…"${s.dataArg}`);
        });
        return;
      }
      const t = await target(s, statementId, o);
      const v = await s.invoke('translations.segment', {
        as: t.as, id: t.id, rev: t.rev, action: o.merge ? 'merge' : 'split', segmentId: (o.merge ?? o.split) as string, ...defined({ at: o.at }),
      });
      done(s, o.merge ? `Merged ${o.merge} with the next segment` : `Split ${o.split}`)(v);
    }));

  tr.command('edit')
    .description('set targets and translator\'s notes of segments (analyst role). Editing approved or final text starts a new draft revision; the approved one stays as it was')
    .argument('<statement-id>', 'statement id')
    .addOption(langOption())
    .option('--set <segment=text>', 'the translation of a segment (repeat for several)', pair)
    .option('--note <segment=text>', "the translator's note on a segment (repeat for several)", pair)
    .option('--from-file <file>', 'a JSON file (or - for standard input) with [{"id":"s1","target":"…","note":"…"}, …]')
    .addOption(revOpt())
    .action(action(async (s: Session, statementId: string, o: LangOpts & { set?: [string, string][]; note?: [string, string][]; fromFile?: string }) => {
      const byId = new Map<string, { id: string; target?: string; note?: string }>();
      const get = (id: string) => byId.get(id) ?? byId.set(id, { id }).get(id) as { id: string; target?: string; note?: string };
      if (o.fromFile) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readText(o.fromFile, 'the segments file', READ_LIMITS.segments));
        } catch (e) {
          if (e instanceof CliError) throw e;
          throw new CliError(`${o.fromFile} is not JSON (${(e as Error).message}); nothing was saved.`);
        }
        if (!Array.isArray(parsed)) throw new CliError(`${o.fromFile} must hold a JSON array of {"id", "target", "note"}; nothing was saved.`);
        for (const x of parsed as Record<string, unknown>[]) {
          const e = get(String(x?.id));
          if (typeof x?.target === 'string') e.target = x.target;
          if (typeof x?.note === 'string') e.note = x.note;
        }
      }
      for (const [id, text] of o.set ?? []) get(id).target = text;
      for (const [id, text] of o.note ?? []) get(id).note = text;
      if (byId.size === 0) throw new UsageError('nothing to change: give --set, --note or --from-file');
      const t = await target(s, statementId, o);
      const before = t.view.latest.number;
      const v = await s.invoke('translations.edit', { as: t.as, id: t.id, rev: t.rev, segments: [...byId.values()] });
      s.emit(v, (x) => {
        if (x.translation.rev === t.view.translation.rev) out(`Nothing changed: revision ${x.latest.number} already says that.`);
        else if (x.latest.number !== before) out(`Revision ${before} was ${STATE_LABEL[t.view.latest.state]}, so the edit started revision ${x.latest.number} (draft); revision ${before} is unchanged.`);
        else out(`Saved revision ${x.latest.number} (draft, translation rev ${x.translation.rev}).`);
      });
    }));

  tr.command('submit')
    .description('submit the draft for review (analyst role); every segment needs a translation')
    .argument('<statement-id>', 'statement id')
    .addOption(langOption()).addOption(revOpt())
    .action(action(async (s: Session, statementId: string, o: LangOpts) => {
      const t = await target(s, statementId, o);
      done(s, 'Submitted for review')(await s.invoke('translations.submit', { as: t.as, id: t.id, rev: t.rev }));
    }));

  tr.command('approve')
    .description('approve the revision in review (reviewer role; not one you translated or edited: four eyes). Pins the SHA-256 of the approved text')
    .argument('<statement-id>', 'statement id')
    .addOption(langOption()).addOption(revOpt())
    .action(action(async (s: Session, statementId: string, o: LangOpts) => {
      const t = await target(s, statementId, o);
      const v = await s.invoke('translations.approve', { as: t.as, id: t.id, rev: t.rev });
      s.emit(v, (x) => out(`Approved revision ${x.latest.number}; SHA-256 of the approved text ${x.latest.approvedSha256 ?? ''}.`));
    }));

  tr.command('request-changes')
    .description('send the revision in review back to the translator with comments (reviewer role); a comment is required')
    .argument('<statement-id>', 'statement id')
    .addOption(langOption())
    .option('--comment <text>', 'what to change, about the whole revision')
    .option('--segment-comment <segment=text>', 'what to change in one segment (repeat for several)', pair)
    .addOption(revOpt())
    .action(action(async (s: Session, statementId: string, o: LangOpts & { comment?: string; segmentComment?: [string, string][] }) => {
      const t = await target(s, statementId, o);
      const v = await s.invoke('translations.requestChanges', {
        as: t.as, id: t.id, rev: t.rev, comment: o.comment ?? '',
        segmentComments: (o.segmentComment ?? []).map(([segmentId, body]) => ({ segmentId, body })),
      });
      done(s, 'Changes requested')(v);
    }));

  tr.command('comment')
    .description('comment on the latest revision, or on one of its segments')
    .argument('<statement-id>', 'statement id')
    .addOption(langOption())
    .requiredOption('--body <text>', 'the comment')
    .option('--segment <segment>', 'the segment it is about (default: the whole revision)')
    .action(action(async (s: Session, statementId: string, o: LangOpts & { body: string; segment?: string }) => {
      const t = await target(s, statementId, o);
      const c = await s.invoke('translations.comment', { as: t.as, revisionId: t.view.latest.id, segmentId: o.segment ?? null, body: o.body });
      s.emit(c, (x) => out(`Comment ${x.id} on revision ${t.view.latest.number}${x.segmentId ? `, segment ${x.segmentId}` : ''}.`));
    }));

  tr.command('history')
    .description('every revision of the translation with who and when, and whether each approval still matches its text')
    .argument('<statement-id>', 'statement id')
    .addOption(langOption())
    .action(action(async (s: Session, statementId: string, o: LangOpts) => {
      const view = await viewFor(s, statementId, o.lang);
      const h = await s.invoke('translations.history', { as: await s.as(), id: view.translation.id });
      if (s.json) { s.emit(h, () => undefined); return; }
      const who = await whoFn(s);
      table(['REV', 'STATE', 'XLIFF', 'ORIGIN', 'TRANSLATOR', 'EDITED BY', 'CREATED', 'REVIEWED', 'APPROVAL'], h.revisions.map((r) => [
        r.number, STATE_LABEL[r.state], r.xliffState, r.origin, who(r.translatorId), r.editedBy.map(who).join(','), when(r.createdAt),
        r.reviewedAt ? `${who(r.reviewedBy)} ${when(r.reviewedAt)}` : '',
        r.approvedSha256 ? `${r.approvedSha256.slice(0, 12)}… ${r.approvalValid ? 'matches' : 'BROKEN'}` : '',
      ]));
      if (h.comments.length) {
        out('');
        const num = new Map(h.revisions.map((r) => [r.id, r.number]));
        table(['REV', 'SEGMENT', 'KIND', 'BY', 'WHEN', 'COMMENT'], h.comments.map((c) => [
          num.get(c.revisionId), c.segmentId ?? '', c.kind, who(c.authorId), when(c.createdAt), c.body,
        ]));
      }
    }));

  tr.command('queue')
    .description('revisions waiting for review, oldest first')
    .option('--case <case-id>', 'only statements of this case')
    .option('--lang <tag>', 'only this target language')
    .option('--translator <profile>', 'only this translator (id, name or initials)')
    .addOption(limitOption()).addOption(offsetOption())
    .action(action(async (s: Session, o: { case?: string; lang?: string; translator?: string; limit: number; offset: number }) => {
      const as = await s.as();
      const translatorId = o.translator ? (await s.findProfile(o.translator, '--translator')).id : undefined;
      const page = await s.invoke('translations.queue', defined({ as, caseId: o.case, targetLang: o.lang, translatorId, limit: o.limit, offset: o.offset }));
      if (s.json) { s.emit(page, () => undefined); return; }
      const who = await whoFn(s);
      if (page.items.length) {
        table(['SUBMITTED', 'STATEMENT', 'LANG', 'REV', 'TRANSLATOR', 'YOURS', 'TITLE'], page.items.map((i) => [
          when(i.submittedAt), i.statementId, `${i.sourceLang ?? '?'}→${i.targetLang}`, i.number, who(i.translatorId), i.ownWork ? 'yes' : '',
          truncate(i.statementTitle, 60),
        ]));
      }
      pageFooter(page, 'revision in review');
    }));

  tr.command('suggest')
    .description('translation-memory matches for a source text: exact and fuzzy (similarity on folded words), with where each was approved')
    .requiredOption('--source <text>', 'the source segment')
    .requiredOption('--from <tag>', 'source language')
    .option('--to <tag>', 'target language', 'en')
    .option('--min <percent>', 'lowest similarity to show', int(1), 60)
    .action(action(async (s: Session, o: { source: string; from: string; to: string; min: number }) => {
      const r = await s.invoke('translations.suggest', { as: await s.as(), source: o.source, sourceLang: o.from, targetLang: o.to, minScore: Math.min(o.min, 100) });
      s.emit(r, (x) => {
        if (!x.matches.length) { out('No matches in the translation memory.'); return; }
        table(['MATCH', 'SOURCE', 'TARGET', 'FROM'], x.matches.map((m) => [
          `${m.score}% ${m.kind}`, m.source, m.target, `statement ${m.from.statementId} rev ${m.from.revisionNumber} ${m.from.segmentId}`,
        ]));
      });
    }));
}
