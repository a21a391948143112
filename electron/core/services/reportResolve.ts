// What a report body's references point at, and everything that stands between the draft and
// an export: unknown or trashed records, quotations of text that is not approved (or whose
// approval no longer matches), records more restricted than the report's marking.
import type { Marking, ReportNotice, Source, Statement, TranslationRevision, TranslationSegment } from '../../../shared/domain';
import { parseBody, type Reference } from '../../../shared/report/references';
import { getRecord } from '../db/repos/records';
import { getRevision, getTranslation, isApproved, sha256Hex } from '../db/repos/translations';
import { TABLES } from '../db/tables';
import { sourceToCsl } from '../io/csl';
import type { QuotationText, Resolution } from '../io/report/document';
import { describeRecord, moreRestricted, type MarkedRecord } from '../io/policy';
import type { CoreState } from './state';

const STATE_WORDS: Record<TranslationRevision['state'], string> = {
  draft: 'a draft', in_review: 'in review', changes_requested: 'sent back with changes requested', approved: 'approved', final: 'final',
};

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const statementTitle = (st: Statement) => short(TABLES.statement.titleOf(st).replace(/\s+/g, ' ').trim());

/** A quotation's paragraphs: segment targets, split where the original has a line break between them. */
export function revisionParagraphs(segments: readonly TranslationSegment[], original: string | null): string[] {
  const paras: string[][] = [[]];
  segments.forEach((seg, i) => {
    const prev = segments[i - 1];
    if (prev && original && seg.sourceStart >= prev.sourceEnd && /\n/.test(original.slice(prev.sourceEnd, seg.sourceStart))) paras.push([]);
    seg.target.split(/\n\s*\n/).forEach((part, k) => {
      if (k > 0) paras.push([]);
      (paras[paras.length - 1] as string[]).push(part);
    });
  });
  return paras.map((p) => p.map((x) => x.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean).join(' ')).filter(Boolean);
}

export function wordingParagraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
}

export interface ResolvedBody {
  references: Reference[];
  resolutions: Resolution[];
  notices: ReportNotice[];
  /** Sources and statements the export would include, with their markings. */
  records: MarkedRecord[];
}

/** Resolves every reference of a body and lists what is wrong with it, for a report marked `marking`. */
export function resolveBody(s: CoreState, body: string, marking: Marking): ResolvedBody {
  const { references, problems } = parseBody(body);
  const notices: ReportNotice[] = problems.map((p) => ({
    kind: 'malformed_reference', severity: 'blocks', message: `Line ${p.line}: ${p.message} (${p.text})`, start: p.start, end: p.end,
  }));
  const records: MarkedRecord[] = [];
  let quoteNo = 0;
  const resolutions = references.map((ref): Resolution => {
    const at = { start: ref.start, end: ref.end };
    if (ref.kind === 'cite') {
      const src = getRecord(s.db, 'source', ref.sourceId) as Source | undefined;
      if (!src) {
        notices.push({ kind: 'unknown_source', severity: 'blocks', message: `The citation [@${ref.sourceId}] names no source.`, ...at, recordType: 'source', recordId: ref.sourceId });
        return { kind: 'cite', item: null };
      }
      if (src.deletedAt) {
        notices.push({ kind: 'trashed_source', severity: 'blocks', message: `The cited source "${short(src.title)}" (${src.id}) is in the trash: restore it or remove the citation.`, ...at, recordType: 'source', recordId: src.id });
      }
      records.push({ recordType: 'source', id: src.id, title: src.title, marking: src.marking });
      return { kind: 'cite', item: sourceToCsl(src) };
    }
    quoteNo++;
    const label = `Quotation ${quoteNo}`;
    const st = getRecord(s.db, 'statement', ref.statementId) as Statement | undefined;
    if (!st) {
      notices.push({ kind: 'unknown_statement', severity: 'blocks', message: `${label} names no statement (${ref.statementId}).`, ...at, recordType: 'statement', recordId: ref.statementId });
      return { kind: 'quote', quotation: null };
    }
    const title = statementTitle(st);
    if (st.deletedAt) {
      notices.push({ kind: 'trashed_statement', severity: 'blocks', message: `${label} quotes the statement "${title}" (${st.id}), which is in the trash.`, ...at, recordType: 'statement', recordId: st.id });
    }
    records.push({ recordType: 'statement', id: st.id, title, marking: st.marking });
    if (ref.wording === 'published') {
      if (st.publishedWording == null || st.publishedWording.trim() === '') {
        notices.push({ kind: 'no_published_wording', severity: 'blocks', message: `${label} asks for the published wording of the statement "${title}" (${st.id}), which has none.`, ...at, recordType: 'statement', recordId: st.id });
        return { kind: 'quote', quotation: null };
      }
      notices.push({ kind: 'published_wording', severity: 'info', message: `${label} quotes the published wording of the statement "${title}", not a translation reviewed here; the export labels it as published wording.`, ...at, recordType: 'statement', recordId: st.id });
      const q: QuotationText = {
        statementId: st.id, revisionId: null, wording: 'published', translationId: null, revisionNumber: null, state: null,
        sha256: sha256Hex(st.publishedWording), lang: st.publishedWordingLanguage, text: st.publishedWording,
        paragraphs: wordingParagraphs(st.publishedWording),
      };
      return { kind: 'quote', quotation: q };
    }
    const rev = getRevision(s.db, ref.revisionId as string);
    const t = rev ? getTranslation(s.db, rev.translationId) : undefined;
    if (!rev || !t) {
      notices.push({ kind: 'revision_mismatch', severity: 'blocks', message: `${label} names translation revision ${ref.revisionId ?? ''}, which does not exist.`, ...at, recordType: 'statement', recordId: st.id });
      return { kind: 'quote', quotation: null };
    }
    if (t.statementId !== st.id) {
      notices.push({ kind: 'revision_mismatch', severity: 'blocks', message: `${label} names revision ${rev.id}, which is a translation of another statement (${t.statementId}), not of "${title}" (${st.id}).`, ...at, recordType: 'statement', recordId: st.id });
      return { kind: 'quote', quotation: null };
    }
    const what = `${label} (statement "${title}", ${t.targetLang} translation, revision ${rev.number})`;
    if (rev.approvalValid === false) {
      notices.push({ kind: 'broken_approval', severity: 'blocks', message: `${what} is marked ${rev.state}, but its text no longer matches the approved text (SHA-256): it cannot go out.`, ...at, recordType: 'translation', recordId: t.id });
    } else if (!isApproved(rev)) {
      notices.push({ kind: 'unapproved_quotation', severity: 'blocks', message: `${what} is ${STATE_WORDS[rev.state]}: only approved text can be exported or published.`, ...at, recordType: 'translation', recordId: t.id });
    }
    const q: QuotationText = {
      statementId: st.id, revisionId: rev.id, wording: 'translation', translationId: t.id, revisionNumber: rev.number, state: rev.state,
      sha256: rev.approvedSha256, lang: t.targetLang, text: rev.text, paragraphs: revisionParagraphs(rev.segments, st.originalText),
    };
    return { kind: 'quote', quotation: q };
  });
  for (const r of moreRestricted(marking, records)) {
    notices.push({
      kind: 'marking', severity: 'override', recordType: r.recordType, recordId: r.id,
      message: `The report is marked ${marking}, but the ${describeRecord(r)}: an export needs it allowed explicitly.`,
    });
  }
  return { references, resolutions, notices, records };
}

/**
 * What a save must refuse: malformed references, and references it adds (not in the saved body)
 * to records that do not exist, are in the trash, or do not match. A reference that went bad
 * after it was saved does not block saving other edits; render and export still report it.
 */
export function saveProblems(s: CoreState, body: string, before: string | null): string[] {
  const { references, notices } = resolveBody(s, body, 'restricted');
  const old = new Set(before ? parseBody(before).references.map((r) => keyOf(before, r)) : []);
  const newRanges = references.filter((r) => !old.has(keyOf(body, r))).map((r) => [r.start, r.end] as const);
  const isNew = (n: ReportNotice) => n.start !== undefined && newRanges.some(([a, b]) => a === n.start && b === n.end);
  const refusing = new Set<ReportNotice['kind']>(['unknown_source', 'trashed_source', 'unknown_statement', 'trashed_statement', 'revision_mismatch', 'no_published_wording']);
  return notices.filter((n) => n.kind === 'malformed_reference' || (refusing.has(n.kind) && isNew(n))).map((n) => n.message);
}

function keyOf(body: string, r: Reference): string {
  return body.slice(r.start, r.end);
}
