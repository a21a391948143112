// The import plan: what importing a published report into a case would create, built from
// the parsed report and what the desk already holds (its actors, the case). Nothing is
// written here.
import type {
  ImportActorMatch, ImportActorRef, ImportActorRole, ImportParagraph, ImportPlannedSource, ImportPlannedStatement,
  ImportProposedActor, Marking, ReportImportPlan,
} from '../../../../shared/domain';
import { REPORT_BODY_MAX } from '../../../../shared/domain';
import { formatCitation, formatQuotation } from '../../../../shared/report/references';
import { escapeMarkdownText } from '../../../../shared/report/escape';
import { extractAll } from '../../../../shared/text';
import type { CoreState } from '../../services/state';
import { mustGet } from '../../services/entity';
import { CoreError } from '../../errors';
import { actorMentionFinder, findActorMentions, proposeOrganization, proposePerson, type Mention, type ProposedName } from './actors';
import { NO_META, textBlocks } from './blocks';
import { findDates } from './dates';
import { decodeImport } from './decode';
import { htmlBlocks } from './html';
import { NotAReport, parseReport, sentenceAt, withoutMarkers, type ParsedReport, type Span } from './parse';
import { kindFromWords, sourceFromFootnote } from './sources';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export async function previewImport(s: CoreState, caseId: string, fileName: string, data: Uint8Array): Promise<ReportImportPlan> {
  const kase = mustGet(s, 'case', caseId);
  const decoded = await decodeImport(data, fileName);
  const { blocks, meta } = decoded.format === 'html' ? htmlBlocks(decoded.text) : { blocks: textBlocks(decoded.text), meta: NO_META };
  let parsed: ParsedReport;
  try {
    parsed = parseReport(blocks, meta);
  } catch (e) {
    if (e instanceof NotAReport) {
      throw CoreError.invalid('data', `the import file ${JSON.stringify(fileName || 'standard input')} is not a published report: ${e.message}. Nothing was imported.`);
    }
    throw e;
  }
  // Before any further work: the body alone would not fit a report.
  const bodyLength = parsed.paragraphs.reduce((n, x) => n + x.text.length + 2, 0);
  if (bodyLength > REPORT_BODY_MAX) tooLong(bodyLength);
  return buildPlan(s, parsed, {
    caseId, caseMarking: kase.marking, input: { fileName, format: decoded.format, bytes: decoded.bytes, sha256: decoded.sha256 },
  });
}

interface PlanContext {
  caseId: string;
  caseMarking: Marking;
  input: ReportImportPlan['input'];
}

/** Where a name stands: in a paragraph (index) or the headline (-1), at offsets of that text. */
interface Located { where: number; start: number; end: number }
type Person = { ref: ImportActorRef; at: Located };

export function buildPlan(s: CoreState, p: ParsedReport, ctx: PlanContext): ReportImportPlan {
  const warnings = [...p.warnings];
  const datelineDate = p.dateline?.date ?? (p.meta.publishedTime && /^\d{4}-\d{2}-\d{2}/.test(p.meta.publishedTime) ? p.meta.publishedTime.slice(0, 10) : null);
  const textOf = (where: number) => (where < 0 ? p.headline : (p.paragraphs[where]?.text ?? ''));

  // --- actors the report names ---
  const mentionsIn = actorMentionFinder(s.db);
  const mentions = new Map<number, Mention[]>([[-1, mentionsIn(p.headline)]]);
  p.paragraphs.forEach((para, i) => mentions.set(i, mentionsIn(para.text)));
  const matched = new Map<string, ImportActorMatch>();
  for (const ms of mentions.values()) {
    for (const m of ms) {
      if (m.actors.length > 1) warnings.push(`"${m.written}" names several actors (${m.actors.map((a) => a.name).join(', ')}): check who is meant.`);
      for (const a of m.actors) {
        const e = matched.get(a.id) ?? {
          actorId: a.id, rev: actorRev(s, a.id), name: a.name, kind: a.kind as ImportActorMatch['kind'], matchedAs: [], roles: [], fuzzy: true,
        };
        if (!e.matchedAs.includes(m.written) && e.matchedAs.length < 50) e.matchedAs.push(cut(m.written, 1_000));
        e.fuzzy &&= m.fuzzy;
        matched.set(a.id, e);
      }
    }
  }
  const proposed: ImportProposedActor[] = [];
  const role = (ref: ImportActorRef | null, r: ImportActorRole) => {
    if (!ref) return;
    const target = ref.actorId ? matched.get(ref.actorId) : proposed.find((x) => x.key === ref.proposedKey);
    if (target && !target.roles.includes(r)) target.roles.push(r);
  };

  // --- the quoted statement and who said it ---
  const q = p.quotation;
  const statementKey = q ? s.newId() : null;
  let speaker: Person | null = null;
  let org: ImportActorRef | null = null;
  if (q) {
    speaker = findSpeaker(p, mentions, q.paragraph, q.start);
    if (!speaker) {
      const found = proposeFrom(p, q.paragraph, q.start, proposePerson);
      if (found) speaker = { ref: propose(found.name, 'person', found.reason), at: found.at };
    }
    const sentence = speaker ? sentenceAt(textOf(speaker.at.where), speaker.at.start) : null;
    org = speaker && sentence ? orgIn(mentions.get(speaker.at.where) ?? [], sentence) : null;
    if (!org && speaker && sentence) {
      const text = textOf(speaker.at.where).slice(sentence.start, sentence.end);
      const o = proposeOrganization(text);
      if (o) org = existingOrProposed(o, text);
    }
    if (!org) org = orgIn(mentions.get(-1) ?? [], { start: 0, end: p.headline.length });
    if (!org) {
      const o = proposeOrganization(p.headline);
      if (o) org = existingOrProposed(o, p.headline);
    }
    role(speaker?.ref ?? null, 'speaker');
    role(org, 'on_behalf_of');
  }
  for (const m of matched.values()) if (m.roles.length === 0) m.roles.push('mentioned');
  if (proposed.length) {
    warnings.push(`No existing actor matches ${proposed.map((a) => `"${a.name}"`).join(' or ')}: choose whether to create ${proposed.length === 1 ? 'it' : 'them'}; otherwise the statement names only what is matched.`);
  }

  function propose(name: string, kind: 'person' | 'organization', reason: string): ImportActorRef {
    let a = proposed.find((x) => x.name === name);
    if (!a) {
      a = { key: s.newId(), kind, name, roles: [], reason: cut(reason, 2_000) };
      proposed.push(a);
    }
    return { name, actorId: null, proposedKey: a.key };
  }
  function existingOrProposed(o: ProposedName, text: string): ImportActorRef {
    const known = findActorMentions(s.db, o.name).find((m) => m.start === 0 && m.end === o.name.length);
    const a = known?.actors.find((x) => x.kind === 'organization') ?? known?.actors[0];
    if (a) return { name: a.name, actorId: a.id, proposedKey: null };
    return propose(o.name, 'organization', `named in "${cut(withoutMarkers(text), 300)}"`);
  }

  // --- sources: one per footnote number, in order of first use, and the report itself ---
  const firstUse: { n: number; where: number; at: number }[] = [];
  p.paragraphs.forEach((para, i) => {
    for (const m of para.markers) if (!firstUse.some((f) => f.n === m.n)) firstUse.push({ n: m.n, where: i, at: m.start });
  });
  const numbers = [...firstUse.map((f) => f.n), ...p.footnotes.map((f) => f.n).filter((n) => !firstUse.some((f) => f.n === n))];
  const order = firstUse.map((f) => f.n);
  if (order.some((n, i) => n !== i + 1)) {
    warnings.push(`The footnote markers are not numbered in order of first use (${order.map((n) => `[${n}]`).join(' ')}): exported again, the footnotes are numbered by first use.`);
  }
  if (p.footnotes.length === 0 && firstUse.length > 0) {
    warnings.push(`The copy has no footnote list: the ${firstUse.length === 1 ? 'source is' : `${firstUse.length} sources are`} described from the sentence${firstUse.length === 1 ? '' : 's'} citing ${firstUse.length === 1 ? 'it' : 'them'}. Check the guessed fields.`);
  }
  const headlineShort = cut(p.headline.trim(), 120);
  const sources: ImportPlannedSource[] = numbers.map((n) => {
    const use = firstUse.find((f) => f.n === n);
    const fn = p.footnotes.find((f) => f.n === n) ?? null;
    if (!use) warnings.push(`Footnote [${n}] is never cited in the text: its source is created but the report does not cite it.`);
    else if (!fn && p.footnotes.length > 0) warnings.push(`The text cites [${n}] but the footnote list has no [${n}]: that source is described from its sentence.`);
    const para = use ? textOf(use.where) : '';
    const span = use ? sentenceAt(para, use.at) : { start: 0, end: 0 };
    const sentence = withoutMarkers(para.slice(span.start, span.end));
    const author = use ? authorIn(mentions.get(use.where) ?? [], span, para, proposed) : null;
    const fields = sourceFromFootnote(fn?.text ?? null, fn?.links ?? [], {
      sentence, author, dateline: datelineDate, fallbackTitle: `Source cited as [${n}] in "${headlineShort}"`,
    });
    const notes = [
      `Footnote [${n}] of the report "${headlineShort}"${datelineDate ? ` (${datelineDate})` : ''}.`,
      fn ? '' : 'The footnote text was not in the imported copy.',
      sentence ? `Cited in: "${cut(sentence, 600)}"` : '',
    ].filter(Boolean).join(' ');
    return { key: s.newId(), footnote: n, footnoteText: fn ? cut(fn.text, 20_000) : null, context: cut(sentence, 20_000), ...fields, notes };
  });
  const publication: ImportPlannedSource = {
    key: s.newId(), footnote: null, footnoteText: null, context: '',
    kind: 'web_page', title: cut(p.headline.trim(), 1_000), author: null, publisher: p.publisher ?? p.meta.siteName, url: p.meta.url,
    publishedAt: datelineDate,
    notes: `The published report itself, imported from ${ctx.input.fileName || 'standard input'} (SHA-256 ${ctx.input.sha256}).${q ? " The statement's published wording is quoted from it." : ''}`,
    guessed: [],
  };
  sources.push(publication);
  const keyOf = (n: number) => sources.find((x) => x.footnote === n)?.key as string;

  // --- the statement ---
  let statement: ImportPlannedStatement | null = null;
  if (q && statementKey) {
    const where = speaker?.at.where ?? q.paragraph;
    const para = textOf(where);
    const sp = speaker ? sentenceAt(para, speaker.at.start) : { start: q.start, end: q.start };
    // The speaker's own sentence may hold the quotation: only what comes before it describes it.
    const spEnd = where === q.paragraph && sp.end > q.start ? q.start : sp.end;
    const speakerSentence = withoutMarkers(para.slice(sp.start, spEnd));
    const markersThere = where >= 0 ? (p.paragraphs[where]?.markers ?? []).filter((m) => m.start >= sp.start && m.start < spEnd) : [];
    const qPara = p.paragraphs[q.paragraph]?.text ?? '';
    const after = qPara.slice(q.end);
    const tagged = after.split(/(?<=[.!?])\s+/).filter((x) => /#[\p{L}\p{N}_]/u.test(x)).map(withoutMarkers);
    const fromWording = extractAll(q.text);
    const cited = [...new Set(markersThere.map((m) => keyOf(m.n)))];
    const citedSource = sources.find((x) => x.key === cited[0]);
    const dateThere = findDates(speakerSentence, datelineDate)[0]?.iso ?? null;
    statement = {
      key: statementKey,
      publishedWording: q.text,
      publishedWordingLanguage: p.meta.lang ?? (arabicShare(q.text) > 0.5 ? 'ar' : 'en'),
      attribution: cut(q.attribution, 1_000),
      speaker: speaker?.ref ?? null,
      onBehalfOf: org,
      saidAt: dateThere ?? citedSource?.publishedAt ?? datelineDate,
      datePrecision: 'day',
      platform: platformName(citedSource?.publisher ?? null, speakerSentence),
      summary: cut([speakerSentence, ...tagged].filter(Boolean).join(' '), 2_000),
      sourceKeys: [...cited, publication.key],
      hashtags: fromWording.hashtags,
      scriptureRefs: fromWording.scriptureRefs,
    };
    const dup = s.db.prepare('SELECT id FROM statements WHERE published_wording = ? AND deleted_at IS NULL LIMIT 3').all(q.text) as { id: string }[];
    if (dup.length) warnings.push(`A statement with this published wording already exists (${dup.map((d) => d.id).join(', ')}): importing creates another one.`);
  }

  // --- the body ---
  const paragraphs: ImportParagraph[] = p.paragraphs.map((para, i) => ({
    at: para.at, text: para.text,
    markdown: paragraphMarkdown(para.text, para.markers, keyOf, q && q.paragraph === i && statementKey ? { start: q.start, end: q.end, key: statementKey } : null),
  }));
  const bodyLength = paragraphs.reduce((n, x) => n + x.markdown.length + 2, 0);
  if (bodyLength > REPORT_BODY_MAX) tooLong(bodyLength);

  const sameHeadline = s.db.prepare(`SELECT id, headline FROM reports WHERE deleted_at IS NULL AND headline = ?
    AND id IN (SELECT item_id FROM case_items WHERE case_id = ? AND item_type = 'report') LIMIT 100`).all(p.headline.trim(), ctx.caseId) as { id: string; headline: string }[];
  if (sameHeadline.length) warnings.push(`This case already has a report with this headline (${sameHeadline.map((r) => r.id).join(', ')}).`);

  const says = p.pageSays === 'complimentary' ? ' The page calls itself a complimentary (public) offering.'
    : p.pageSays === 'subscribers' ? ' The page says its full text is for subscribers.' : '';
  return {
    version: 1,
    caseId: ctx.caseId,
    input: ctx.input,
    report: {
      headline: p.headline.trim(),
      datelinePlace: p.dateline?.place ?? null,
      datelineDate,
      datelineText: p.dateline?.text ?? '',
      lead: '',
      marking: ctx.caseMarking,
      markingReason: `The case's marking.${says}`,
    },
    paragraphs,
    statement,
    sources,
    actors: { matched: [...matched.values()], proposed },
    dropped: p.dropped,
    hashtags: p.hashtags,
    scriptureRefs: p.scriptureRefs,
    sameHeadlineReports: sameHeadline,
    warnings: warnings.map((w) => cut(w, 1_000)).slice(0, 200),
  };
}

function tooLong(n: number): never {
  throw CoreError.invalid('data', `the report's body would be ${n.toLocaleString('en-US')} characters, more than a report body may hold (${REPORT_BODY_MAX.toLocaleString('en-US')}). Nothing was imported.`);
}

function actorRev(s: CoreState, id: string): number {
  return (s.db.prepare('SELECT rev FROM actors WHERE id = ?').pluck().get(id) as number | undefined) ?? 1;
}

function personOf(m: Mention): { id: string; name: string } | null {
  return m.actors.find((a) => a.kind === 'person') ?? null;
}

/**
 * The speaker: the person named last before the quotation in its paragraph, else the person
 * a previous paragraph is about (named first in it), else one in the headline.
 */
function findSpeaker(p: ParsedReport, mentions: Map<number, Mention[]>, para: number, quoteStart: number): Person | null {
  const before = (mentions.get(para) ?? []).filter((m) => m.end <= quoteStart && personOf(m));
  const last = before[before.length - 1];
  if (last) return personRef(last, para);
  for (let i = para - 1; i >= Math.max(0, para - 3); i--) {
    const first = (mentions.get(i) ?? []).find((m) => personOf(m));
    if (first) return personRef(first, i);
  }
  const h = (mentions.get(-1) ?? []).find((m) => personOf(m));
  return h ? personRef(h, -1) : null;
}

function personRef(m: Mention, where: number): Person {
  const a = personOf(m) as { id: string; name: string };
  return { ref: { name: a.name, actorId: a.id, proposedKey: null }, at: { where, start: m.start, end: m.end } };
}

/** The same places, searched for a person introduced by role when no existing actor was named. */
function proposeFrom(p: ParsedReport, para: number, quoteStart: number, find: (t: string) => ProposedName | null): { name: string; reason: string; at: Located } | null {
  const places: { where: number; text: string }[] = [{ where: para, text: (p.paragraphs[para]?.text ?? '').slice(0, quoteStart) }];
  for (let i = para - 1; i >= Math.max(0, para - 3); i--) places.push({ where: i, text: p.paragraphs[i]?.text ?? '' });
  places.push({ where: -1, text: p.headline });
  for (const pl of places) {
    const f = find(pl.text);
    if (!f) continue;
    const sentence = sentenceAt(pl.text, f.start);
    return { name: f.name, reason: `introduced as the speaker in "${cut(withoutMarkers(pl.text.slice(sentence.start, sentence.end)), 300)}"`, at: { where: pl.where, start: f.start, end: f.end } };
  }
  return null;
}

function orgIn(ms: Mention[], span: Span): ImportActorRef | null {
  for (const m of ms) {
    if (m.start < span.start || m.end > span.end) continue;
    const a = m.actors.find((x) => x.kind === 'organization');
    if (a) return { name: a.name, actorId: a.id, proposedKey: null };
  }
  return null;
}

/** Who a citing sentence is about: the first actor it names (an existing one, else a proposed one). */
function authorIn(ms: Mention[], span: Span, text: string, proposed: ImportProposedActor[]): string | null {
  const m = ms.find((x) => x.start >= span.start && x.end <= span.end);
  if (m) return (m.actors.find((a) => a.kind === 'person') ?? m.actors[0])?.name ?? null;
  const sentence = text.slice(span.start, span.end);
  const hits = proposed.map((a) => ({ a, at: sentence.indexOf(a.name) })).filter((x) => x.at >= 0).sort((x, y) => x.at - y.at);
  return hits[0]?.a.name ?? null;
}

function platformName(publisher: string | null, sentence: string): string | null {
  const name = publisher ?? (kindFromWords(sentence) === 'social_post' ? sentence : null);
  if (!name) return null;
  if (/\bX\b|Twitter/.test(name)) return 'X';
  for (const p of ['Telegram', 'Facebook', 'Instagram', 'YouTube', 'TikTok']) if (name.includes(p)) return p;
  return null;
}

function arabicShare(text: string): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters ? (text.match(/\p{Script=Arabic}/gu)?.length ?? 0) / letters : 0;
}

/**
 * A paragraph as stored: its prose escaped, each marker [n] a citation of footnote n's
 * source, and the quotation (marks included) the statement's published wording.
 */
export function paragraphMarkdown(
  text: string, markers: { n: number; start: number; end: number }[], keyOf: (n: number) => string,
  quote: { start: number; end: number; key: string } | null,
): string {
  type Piece = { start: number; end: number; ref: string };
  const pieces: Piece[] = markers
    .filter((m) => !quote || m.start >= quote.end || m.end <= quote.start)
    .map((m) => ({ start: m.start, end: m.end, ref: formatCitation(keyOf(m.n)) }));
  if (quote) pieces.push({ start: quote.start, end: quote.end, ref: quoteInBody(quote.key) });
  pieces.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const piece of pieces) {
    out += escapeMarkdownText(text.slice(at, piece.start), { atLineStart: at === 0 }) + piece.ref;
    at = piece.end;
  }
  return out + escapeMarkdownText(text.slice(at), { atLineStart: at === 0 });
}

/**
 * Where the quotation stood. The design (issue 10) renders an inline quotation in quotation
 * marks, so the marks are not kept around the reference.
 */
export function quoteInBody(statementKey: string): string {
  return formatQuotation({ statementId: statementKey, wording: 'published' });
}
