// Report drafts: the record and its rules. Rendering, export and publishing are in reportOutput.ts.
import type { Report } from '../../../shared/domain';
import { formatCitation, formatQuotation, insertReference, parseReferences } from '../../../shared/report/references';
import { listRecords } from '../db/repos/records';
import { getTranslationFor, listRevisions } from '../db/repos/translations';
import { CoreError } from '../errors';
import { actorId, type Actor } from './acting';
import { requirePermission } from './permissions';
import type { CoreState } from './state';
import { write } from './write';
import { addCaseItem, caseIdsOf } from './cases';
import { createEntity, mustGet, updateEntity, restoreHandler, trashHandler } from './entity';
import { saveProblems } from './reportResolve';
import { approvedRevisionOf, canonicalLang } from './translations';
import { handlerGroup } from './types';

type Fields = Partial<Pick<Report, 'headline' | 'dateline' | 'datelineDate' | 'showHijri' | 'lead' | 'body' | 'marking'>>;

/** Fields whose change makes a published report a new draft version. */
const CONTENT: (keyof Fields)[] = ['headline', 'dateline', 'datelineDate', 'showHijri', 'lead', 'body', 'marking'];
/** The report's words: whoever changes them is one of its authors (four eyes on publishing). */
const TEXT: (keyof Fields)[] = ['headline', 'lead', 'body'];

function refuseBadBody(s: CoreState, body: string, before: string | null): void {
  const problems = saveProblems(s, body, before);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 8);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  throw CoreError.invalid('body', `the report body has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was saved: ${shown.join(' ')}${more}`);
}

/**
 * The citations table mirrors the body's citations (one row per source and locator, in order of
 * first use), so a source shows the reports that cite it and cannot be purged from under them.
 * As with citations.add, a source the body newly cites joins the report's cases (audited): what a
 * case's report cites is evidence of that case. One already cited is left alone, so a source a user
 * took out of a case does not come back on every later edit. The rows are written before the
 * report's audit entry (createEntity/updateEntity beforeEntry), so the entry's row images
 * describe them; returns the sources newly cited, for joinCitedSources once the entry is written.
 */
function writeReportCitations(s: CoreState, actor: Actor, reportId: string, body: string): Set<string> {
  const citedBefore = new Set(s.db.prepare("SELECT source_id FROM citations WHERE citing_type = 'report' AND citing_id = ?").pluck().all(reportId) as string[]);
  const seen = new Set<string>();
  const rows: { sourceId: string; locator: string }[] = [];
  for (const r of parseReferences(body)) {
    if (r.kind !== 'cite') continue;
    const key = `${r.sourceId}\u0000${r.locator}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ sourceId: r.sourceId, locator: r.locator });
  }
  s.db.prepare("DELETE FROM citations WHERE citing_type = 'report' AND citing_id = ?").run(reportId);
  const ins = s.db.prepare("INSERT INTO citations (id, citing_type, citing_id, source_id, position, locator, created_at, created_by) VALUES (?, 'report', ?, ?, ?, ?, ?, ?)");
  const sourceTrashed = s.db.prepare('SELECT deleted_at IS NOT NULL FROM sources WHERE id = ?').pluck();
  const joining = new Set<string>();
  let position = 0;
  for (const r of rows) {
    // A citation that went unknown after it was saved stays in the body (export refuses it) but has no row.
    const trashed = sourceTrashed.get(r.sourceId) as number | undefined;
    if (trashed === undefined) continue;
    ins.run(s.newId(), reportId, r.sourceId, position++, r.locator, s.now(), actorId(actor));
    if (!trashed && !citedBefore.has(r.sourceId)) joining.add(r.sourceId);
  }
  return joining;
}

function joinCitedSources(s: CoreState, actor: Actor, reportId: string, joining: Set<string>): void {
  if (joining.size === 0) return;
  for (const caseId of caseIdsOf(s, 'report', reportId)) {
    if (mustGet(s, 'case', caseId, { allowTrashed: true }).deletedAt) continue;
    for (const sourceId of joining) addCaseItem(s, actor, caseId, 'source', sourceId);
  }
}

function editorsAfter(current: Report, actor: Actor, patch: Fields): string[] | undefined {
  const me = actorId(actor);
  const touched = TEXT.some((k) => patch[k] !== undefined && patch[k] !== current[k]);
  if (!me || !touched || current.editors.includes(me)) return undefined;
  return [...current.editors, me];
}

/** Saves a patch to a report draft: validates the body's references, moves the version on after a publication. */
export function saveReport(s: CoreState, actor: Actor, id: string, rev: number, patch: Fields, action?: string): Report {
  const current = mustGet(s, 'report', id);
  if (patch.body !== undefined && patch.body !== current.body) refuseBadBody(s, patch.body, current.body);
  const changesContent = CONTENT.some((k) => patch[k] !== undefined && patch[k] !== current[k]);
  const startsNewVersion = changesContent && current.publishedVersion === current.version;
  const editors = editorsAfter(current, actor, patch);
  let joining = new Set<string>();
  const next = updateEntity(s, actor, 'report', id, rev, {
    ...patch,
    ...(editors ? { editors } : {}),
    ...(startsNewVersion ? { version: current.version + 1 } : {}),
  }, {
    current, ...(action ? { action } : {}),
    beforeEntry: (r) => { if (r.body !== current.body) joining = writeReportCitations(s, actor, id, r.body); },
  });
  joinCitedSources(s, actor, id, joining);
  return next;
}

export const reportHandlers = handlerGroup({
  'reports.list': (s, _a, q) => {
    const where = [q.trashed ? 't.deleted_at IS NOT NULL' : 't.deleted_at IS NULL'];
    const params: unknown[] = [];
    if (q.caseId) { where.push("t.id IN (SELECT item_id FROM case_items WHERE case_id = ? AND item_type = 'report')"); params.push(q.caseId); }
    return { ...listRecords(s.db, 'report', { where, params, order: 't.updated_at DESC, t.id', limit: q.limit, offset: q.offset }), limit: q.limit, offset: q.offset };
  },
  'reports.get': (s, _a, { id }) => mustGet(s, 'report', id, { allowTrashed: true }),
  'reports.create': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'reports.write');
    const { as: _as, caseIds, ...fields } = input;
    for (const c of caseIds ?? []) mustGet(s, 'case', c);
    if (fields.body) refuseBadBody(s, fields.body, null);
    const me = actorId(actor);
    let joining = new Set<string>();
    const r = createEntity(s, actor, 'report', {
      dateline: '', datelineDate: null, showHijri: false, lead: '', body: '', marking: 'internal', ...fields,
      version: 1, publishedVersion: null, editors: me ? [me] : [],
    }, { beforeEntry: (rec) => { if (rec.body) joining = writeReportCitations(s, actor, rec.id, rec.body); } });
    for (const c of caseIds ?? []) addCaseItem(s, actor, c, 'report', r.id);
    joinCitedSources(s, actor, r.id, joining);
    return r;
  }),
  'reports.update': (s, actor, input) => write(s, () => {
    requirePermission(actor, 'reports.write', 'edit reports');
    const { as: _as, id, rev, ...patch } = input;
    return saveReport(s, actor, id, rev, patch);
  }),
  'reports.trash': trashHandler('report', 'reports.write', 'reports'),
  'reports.restore': restoreHandler('report', 'reports.write', 'reports'),

  'reports.cite': (s, actor, { id, rev, sourceId, locator, position }) => write(s, () => {
    requirePermission(actor, 'reports.write', 'edit reports');
    const current = mustGet(s, 'report', id);
    const src = mustGet(s, 'source', sourceId, { allowTrashed: true });
    if (src.deletedAt) throw CoreError.invalid('sourceId', `the source "${src.title}" (${src.id}) is in the trash; restore it before citing it`);
    const { body } = insertReference(current.body, position ?? current.body.length, formatCitation(sourceId, locator));
    return saveReport(s, actor, id, rev, { body }, 'report.cite');
  }),

  'reports.quote': (s, actor, { id, rev, statementId, wording, revisionId, targetLang, position, block }) => write(s, () => {
    requirePermission(actor, 'reports.write', 'edit reports');
    const current = mustGet(s, 'report', id);
    const st = mustGet(s, 'statement', statementId, { allowTrashed: true });
    if (st.deletedAt) throw CoreError.invalid('statementId', `the statement ${st.id} is in the trash; restore it before quoting it`);
    let text: string;
    if (wording === 'published') {
      if (revisionId) throw CoreError.invalid('revisionId', 'a quotation of the published wording names no translation revision');
      if (!st.publishedWording) throw CoreError.invalid('statementId', `the statement ${st.id} has no published wording to quote`);
      text = formatQuotation({ statementId, wording: 'published' });
    } else {
      let chosen = revisionId;
      if (!chosen) {
        const lang = canonicalLang(targetLang);
        const t = getTranslationFor(s.db, statementId, lang);
        const approved = t ? approvedRevisionOf(listRevisions(s.db, t.id)) : null;
        if (!approved) {
          throw CoreError.invalid('revisionId', `the statement ${st.id} has no approved ${lang} translation; name the revision to quote (revisionId), or quote its published wording`);
        }
        chosen = approved.id;
      }
      text = formatQuotation({ statementId, revisionId: chosen });
    }
    const { body } = insertReference(current.body, position ?? current.body.length, text, { block });
    return saveReport(s, actor, id, rev, { body }, 'report.quote');
  }),
});
