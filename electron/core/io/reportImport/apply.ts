// Applying a confirmed import plan: checked again against the desk as it is now, then written
// through the Core's own services (actors, sources, statements, citations, reports) in one
// transaction, so an import is either all there or not there at all.
import type {
  Actor as ActorRecord, ImportActorRef, ReportImportChoices, ReportImportPlan, ReportImportResult, Source,
} from '../../../../shared/domain';
import { contract, type Method, type Output } from '../../../../shared/ipc/contract';
import { formatCitation, formatQuotation, parseBody } from '../../../../shared/report/references';
import { importedBody } from '../../../../shared/report/importBody';
import { getRecord } from '../../db/repos/records';
import { CoreError } from '../../errors';
import type { Actor } from '../../services/acting';
import { actorHandlers } from '../../services/actors';
import { requirePermission } from '../../services/permissions';
import { record } from '../../services/record';
import { reportHandlers } from '../../services/reports';
import { sourceHandlers } from '../../services/sources';
import type { CoreState } from '../../services/state';
import { statementHandlers } from '../../services/statements';
import type { Handler } from '../../services/types';
import { write } from '../../services/write';
import { findActorMentions } from './actors';
import { reportCreateInput } from './reportFields';

/**
 * The services an import writes through, by their own handler groups (not the Core's whole
 * table, which lists this importer too and would make the two modules load each other).
 */
const SERVICES = {
  'actors.create': actorHandlers['actors.create'],
  'sources.create': sourceHandlers['sources.create'],
  'statements.create': statementHandlers['statements.create'],
  'citations.add': sourceHandlers['citations.add'],
  'reports.create': reportHandlers['reports.create'],
} satisfies { [M in Method]?: Handler<M> };

/** One service call, checked against the contract exactly as a door would be. */
function call<M extends keyof typeof SERVICES>(s: CoreState, actor: Actor, method: M, input: Record<string, unknown>): Output<M> {
  const parsed = contract[method].input.parse({ as: actor.profile?.id, ...input });
  return (SERVICES[method] as (s: CoreState, a: Actor, i: unknown) => unknown)(s, actor, parsed) as Output<M>;
}

function stale(why: string): CoreError {
  return new CoreError('conflict', `The import preview is out of date: ${why}. Preview the import again; nothing was imported.`);
}

function invalid(field: string, why: string): CoreError {
  return CoreError.invalid(field, `${why}; nothing was imported.`);
}

export function applyImport(s: CoreState, actor: Actor, plan: ReportImportPlan, choices: ReportImportChoices): ReportImportResult {
  requirePermission(actor, 'reports.write', 'import reports');
  // Checked inside the write transaction: nothing can change between the check and the writes.
  return write(s, () => {
    checkPlan(s, plan, choices);
    const marking = choices.marking ?? plan.report.marking;
    const caseIds = [plan.caseId];

    const created = new Map<string, ActorRecord>();
    for (const p of plan.actors.proposed) {
      if (!choices.createActors.includes(p.key)) continue;
      created.set(p.key, call(s, actor, 'actors.create', {
        kind: p.kind, name: p.name, description: `Added when importing the report "${plan.report.headline.slice(0, 200)}": ${p.reason}`.slice(0, 20_000),
      }));
    }
    const actorIdOf = (ref: ImportActorRef | null) => (ref?.actorId ?? (ref?.proposedKey ? created.get(ref.proposedKey)?.id : null) ?? null);

    const ids = new Map<string, string>();
    const sources: Source[] = plan.sources.map((p) => {
      const src = call(s, actor, 'sources.create', {
        kind: p.kind, title: p.title, author: p.author, publisher: p.publisher, url: p.url, publishedAt: p.publishedAt,
        notes: p.notes, marking, caseIds,
      });
      ids.set(p.key, src.id);
      return src;
    });

    const st = plan.statement;
    const statement = st ? call(s, actor, 'statements.create', {
      caseIds, speakerId: actorIdOf(st.speaker), onBehalfOfId: actorIdOf(st.onBehalfOf), saidAt: st.saidAt,
      datePrecision: st.datePrecision, platform: st.platform, originalStatus: 'not_captured', publishedWording: st.publishedWording,
      publishedWordingLanguage: st.publishedWordingLanguage, summary: st.summary, marking,
    }) : null;
    if (st && statement) {
      ids.set(st.key, statement.id);
      for (const key of st.sourceKeys) {
        call(s, actor, 'citations.add', { citingType: 'statement', citingId: statement.id, sourceId: ids.get(key), locator: '' });
      }
    }

    const body = withRecordIds(importedBody(plan, choices.keepDropped), ids);
    const report = call(s, actor, 'reports.create', reportCreateInput(plan.report, body, marking, plan.caseId));
    const keptLines = plan.dropped.filter((d) => d.keepable && choices.keepDropped.includes(d.at)).length;
    record(s, actor, 'report.import', 'report', report.id, {
      importedFrom: [null, { fileName: plan.input.fileName, format: plan.input.format, bytes: plan.input.bytes, sha256: plan.input.sha256 }],
      created: [null, { statement: statement?.id ?? null, sources: sources.map((x) => x.id), actors: [...created.values()].map((a) => a.id) }],
      droppedLines: [null, plan.dropped.filter((d) => !(d.keepable && choices.keepDropped.includes(d.at))).map((d) => ({ text: d.text.slice(0, 200), reason: d.reason }))],
      keptLines: [null, keptLines],
    }, 'update');
    return { report, statement, sources, actorsCreated: [...created.values()], keptLines };
  });
}

/** The body's planned keys replaced by the ids of the records just created. */
function withRecordIds(body: string, ids: Map<string, string>): string {
  let out = body;
  for (const r of [...parseBody(body).references].reverse()) {
    const text = r.kind === 'cite'
      ? formatCitation(ids.get(r.sourceId) as string, r.locator)
      : formatQuotation({ statementId: ids.get(r.statementId) as string, wording: 'published' });
    out = out.slice(0, r.start) + text + out.slice(r.end);
  }
  return out;
}

/** Everything the plan relies on, as the desk is now; the first problem refuses the whole import. */
function checkPlan(s: CoreState, plan: ReportImportPlan, choices: ReportImportChoices): void {
  const kase = getRecord(s.db, 'case', plan.caseId);
  if (!kase) throw stale(`the case ${plan.caseId} no longer exists`);
  if (kase.deletedAt) throw stale(`the case "${kase.title}" was moved to the trash`);

  const keys = [plan.statement?.key, ...plan.sources.map((x) => x.key), ...plan.actors.proposed.map((x) => x.key)].filter(Boolean);
  if (new Set(keys).size !== keys.length) throw invalid('plan', 'the plan names one key twice');
  const proposedKeys = new Set(plan.actors.proposed.map((x) => x.key));
  const unknownChoice = choices.createActors.find((k) => !proposedKeys.has(k));
  if (unknownChoice) throw invalid('choices.createActors', `${unknownChoice} is not one of the actors the plan proposes`);
  for (const at of choices.keepDropped) {
    const d = plan.dropped.find((x) => x.at === at);
    if (!d) throw invalid('choices.keepDropped', `the plan dropped no line at ${at}`);
    if (!d.keepable) throw invalid('choices.keepDropped', `the line at ${at} (${d.reason}) cannot be kept`);
  }

  // The actors the preview matched must still be the actors it showed.
  for (const m of plan.actors.matched) {
    const a = getRecord(s.db, 'actor', m.actorId);
    if (!a) throw stale(`the actor "${m.name}" (${m.actorId}) no longer exists`);
    if (a.deletedAt) throw stale(`the actor "${a.name}" was moved to the trash`);
    if (a.rev !== m.rev && !m.matchedAs.some((w) => findActorMentions(s.db, w).some((x) => x.actors.some((y) => y.id === a.id)))) {
      throw stale(`the actor "${a.name}" was changed and is no longer named ${m.matchedAs.map((w) => `"${w}"`).join(' or ')}`);
    }
  }
  const matchedIds = new Set(plan.actors.matched.map((m) => m.actorId));
  for (const ref of [plan.statement?.speaker, plan.statement?.onBehalfOf]) {
    if (!ref) continue;
    if (ref.actorId && !matchedIds.has(ref.actorId)) throw invalid('plan.statement', `actor ${ref.actorId} is not among the plan's matched actors`);
    if (ref.proposedKey && !proposedKeys.has(ref.proposedKey)) throw invalid('plan.statement', `${ref.proposedKey} is not one of the plan's proposed actors`);
  }
  // A new actor the user chose to create may have been added by someone else meanwhile.
  for (const p of plan.actors.proposed) {
    if (!choices.createActors.includes(p.key)) continue;
    const now = findActorMentions(s.db, p.name).find((x) => x.start === 0 && x.end === p.name.length);
    if (now) throw stale(`an actor named "${p.name}" now exists (${now.actors.map((a) => `${a.name} ${a.id}`).join(', ')}), so it would be matched, not created`);
  }

  const same = s.db.prepare(`SELECT id FROM reports WHERE deleted_at IS NULL AND headline = ?
    AND id IN (SELECT item_id FROM case_items WHERE case_id = ? AND item_type = 'report')`).pluck().all(plan.report.headline, plan.caseId) as string[];
  const known = new Set(plan.sameHeadlineReports.map((r) => r.id));
  const added = same.find((id) => !known.has(id));
  if (added) throw stale(`a report with this headline was added to the case since (${added}): this plan may already have been imported`);

  const sourceKeys = new Set(plan.sources.map((x) => x.key));
  if (plan.statement) {
    const missing = plan.statement.sourceKeys.find((k) => !sourceKeys.has(k));
    if (missing) throw invalid('plan.statement.sourceKeys', `${missing} is not one of the plan's sources`);
  }
  plan.paragraphs.forEach((para, i) => {
    const { references, problems } = parseBody(para.markdown);
    if (problems[0]) throw invalid(`plan.paragraphs.${i}.markdown`, problems[0].message);
    for (const r of references) {
      if (r.kind === 'cite' && !sourceKeys.has(r.sourceId)) throw invalid(`plan.paragraphs.${i}.markdown`, `it cites ${r.sourceId}, which is not one of the plan's sources`);
      if (r.kind === 'quote' && (r.statementId !== plan.statement?.key || r.wording !== 'published')) {
        throw invalid(`plan.paragraphs.${i}.markdown`, `it quotes ${r.statementId}, which is not the plan's statement in its published wording`);
      }
    }
  });
}
