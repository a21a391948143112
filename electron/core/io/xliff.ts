/**
 * Translation exchange with CAT tools as XLIFF 2.0 (OASIS, core only).
 *
 * Export: one document per (source language, target language) pair; per statement that is one
 * file per target language, per case every translated statement of the case goes in (one
 * <file> per statement). Each segment of the latest revision is a <unit id="sN"> holding one
 * <segment id="sN" state="…"> with <source> and <target>; the translator's note is a
 * <notes><note category="translator">. States map as shared/domain XLIFF_STATE:
 * draft -> initial, in_review -> translated, changes_requested -> initial, approved ->
 * reviewed, final -> final. Units keep xml:space="preserve" so the original's spacing
 * survives, <file canResegment="no"> asks tools not to re-segment. Characters XML 1.0 cannot
 * carry (control characters) are written as XLIFF's <cp hex="…"/> in source and target and
 * refused in notes; bidi controls are ordinary characters and stay as they are.
 *
 * Import: strict parse (no DOCTYPE, no entities), then every file must name a statement of
 * this desk (file/@original "statement/<id>"), whose translation into trgLang has a latest
 * revision with exactly the same segment ids in the same order and the same source text
 * (compared exactly, or equal after Unicode NFC, since some tools normalize). Anything else
 * refuses the whole document, naming each mismatched id, and writes nothing. Otherwise each
 * file that changes a target or note becomes a NEW draft revision (never approved); the
 * current revision stays as it was. A unit without <target> (or <notes>) keeps the current
 * target (or note).
 */
import { quietJob, type Job } from '../job';
import {
  XLIFF_STATE, type Translation, type TranslationRevision, type TranslationSegment,
} from '../../../shared/domain';
import { getRecord } from '../db/repos/records';
import { getTranslationFor, latestRevision, listTranslationsByStatement, touchTranslation } from '../db/repos/translations';
import { CoreError } from '../errors';
import { actorId, type Actor } from '../services/acting';
import { requirePermission } from '../services/permissions';
import { record } from '../services/record';
import { write } from '../services/write';
import type { CoreState } from '../services/state';
import { mustGet } from '../services/entity';
import { canonicalLang, reviseSegments } from '../services/translations';
import { handlerGroup } from '../services/types';
import { attr, childElements, escapeAttr, escapeText, firstNonXmlChar, isXmlChar, parseXml, XmlError, type XmlElement } from './xml';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Casefile's own attributes on <file> (XLIFF 2.0 allows attributes from other namespaces there). */
export const CASEFILE_NS = 'urn:casefile:xliff:1';
const ORIGINAL_PREFIX = 'statement/';
/** The file id the export writes; it names the statement too, for tools that drop `original`. */
const FILE_ID_PREFIX = 'statement-';

// --- export ------------------------------------------------------------------------------------

/** Source or target content: text escaped, characters XML cannot carry as <cp hex="…"/>. */
function inline(text: string): string {
  let out = '';
  let run = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (isXmlChar(cp)) { run += ch; continue; }
    out += escapeText(run);
    run = '';
    out += `<cp hex="${cp.toString(16).toUpperCase().padStart(4, '0')}"/>`;
  }
  return out + escapeText(run);
}

function noteText(text: string, where: string): string {
  const bad = firstNonXmlChar(text);
  if (bad) {
    throw CoreError.invalid('statementId', `${where}: the translator's note holds the control character U+${bad.codePoint.toString(16).toUpperCase().padStart(4, '0')}, which XLIFF cannot carry in a note; remove it and export again`);
  }
  return escapeText(text);
}

interface Entry { translation: Translation; revision: TranslationRevision; statementId: string }

function fileXml(e: Entry): string {
  const lines: string[] = [];
  lines.push(`  <file id="${escapeAttr(`${FILE_ID_PREFIX}${e.statementId}`)}" original="${escapeAttr(ORIGINAL_PREFIX + e.statementId)}" canResegment="no"`
    + ` cf:translation="${escapeAttr(e.translation.id)}" cf:revision="${e.revision.number}">`);
  const state = XLIFF_STATE[e.revision.state];
  for (const seg of e.revision.segments) {
    lines.push(`    <unit id="${escapeAttr(seg.id)}" xml:space="preserve">`);
    if (seg.note) {
      lines.push(`      <notes>`);
      lines.push(`        <note category="translator">${noteText(seg.note, `statement ${e.statementId}, segment ${seg.id}`)}</note>`);
      lines.push(`      </notes>`);
    }
    lines.push(`      <segment id="${escapeAttr(seg.id)}" state="${state}">`);
    lines.push(`        <source>${inline(seg.source)}</source>`);
    lines.push(`        <target>${inline(seg.target)}</target>`);
    lines.push(`      </segment>`);
    lines.push(`    </unit>`);
  }
  lines.push(`  </file>`);
  return lines.join('\n');
}

function documentXml(srcLang: string, trgLang: string, entries: Entry[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" xmlns:cf="${CASEFILE_NS}" version="2.0" srcLang="${escapeAttr(srcLang)}" trgLang="${escapeAttr(trgLang)}">`,
    ...entries.map(fileXml),
    '</xliff>',
    '',
  ].join('\n');
}

export interface ExportedXliff { name: string; srcLang: string; trgLang: string; statements: number; segments: number; xml: string }

export function exportXliff(s: CoreState, q: { statementId?: string; caseId?: string; targetLang?: string }, job: Job = quietJob()): ExportedXliff[] {
  if ((q.statementId ? 1 : 0) + (q.caseId ? 1 : 0) !== 1) {
    throw CoreError.invalid(q.statementId ? 'caseId' : 'statementId', 'give either a statement or a case to export');
  }
  const lang = q.targetLang ? canonicalLang(q.targetLang) : null;
  let statementIds: string[];
  if (q.statementId) {
    mustGet(s, 'statement', q.statementId);
    statementIds = [q.statementId];
  } else {
    mustGet(s, 'case', q.caseId as string);
    statementIds = s.db.prepare(
      `SELECT st.id FROM case_items ci JOIN statements st ON st.id = ci.item_id
       WHERE ci.case_id = ? AND ci.item_type = 'statement' AND st.deleted_at IS NULL ORDER BY st.said_at, st.id`,
    ).pluck().all(q.caseId) as string[];
  }
  const groups = new Map<string, { srcLang: string; trgLang: string; entries: Entry[] }>();
  let done = 0;
  for (const statementId of statementIds) {
    job.progress('collecting translations', done++, statementIds.length);
    for (const t of listTranslationsByStatement(s.db, statementId)) {
      if (lang && t.targetLang !== lang) continue;
      const srcLang = t.sourceLang ?? 'und';
      const key = `${srcLang}\u0000${t.targetLang}`;
      const g = groups.get(key) ?? { srcLang, trgLang: t.targetLang, entries: [] };
      g.entries.push({ translation: t, revision: latestRevision(s.db, t.id), statementId });
      groups.set(key, g);
    }
  }
  if (groups.size === 0) {
    const what = q.statementId ? `statement ${q.statementId}` : `case ${q.caseId}`;
    throw new CoreError('not_found', `${what} has no translation${lang ? ` into ${lang}` : ''} to export.`);
  }
  return [...groups.values()].map((g) => ({
    name: q.statementId ? `statement-${q.statementId}.${g.trgLang}.xlf` : `case-${q.caseId}.${g.srcLang}-${g.trgLang}.xlf`,
    srcLang: g.srcLang, trgLang: g.trgLang, statements: g.entries.length,
    segments: g.entries.reduce((n, e) => n + e.revision.segments.length, 0),
    xml: documentXml(g.srcLang, g.trgLang, g.entries),
  }));
}

// --- import ------------------------------------------------------------------------------------

export interface ParsedUnit { id: string; line: number; source: string; target: string | null; note: string | null }
export interface ParsedFile { id: string; line: number; statementId: string | null; original: string | null; revision: number | null; units: ParsedUnit[] }
export interface ParsedXliff { version: string; srcLang: string; trgLang: string; files: ParsedFile[] }

class Refusal {
  readonly issues: string[] = [];
  add(msg: string) { this.issues.push(msg); }
}

const isX = (el: XmlElement, local: string) => el.ns === XLIFF_NS && el.local === local;

/** Text of <source>/<target>: characters and <cp/>; any other inline markup is refused. */
function inlineContent(el: XmlElement, where: string, r: Refusal): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') { out += c; continue; }
    if (isX(c, 'cp')) {
      const hex = attr(c, 'hex') ?? '';
      if (!/^[0-9A-Fa-f]{1,6}$/.test(hex)) { r.add(`${where}: <cp> needs a hex attribute (line ${c.line})`); continue; }
      out += String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
      continue;
    }
    r.add(`${where}: inline markup <${c.name}> (line ${c.line}) is not supported; only text is exchanged`);
  }
  return out;
}

function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Reads the XLIFF 2.0 structure Casefile exchanges; problems are collected, not thrown one by one. */
export function parseXliff(xml: string): ParsedXliff {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw CoreError.invalid('xml', `the file is not well-formed XML: ${e.message}. Nothing was imported.`);
    throw e;
  }
  if (root.local !== 'xliff' || root.ns !== XLIFF_NS) {
    const hint = root.ns?.includes('xliff:document:1.2') ? ' (this is XLIFF 1.2; export XLIFF 2.0 from your tool)' : '';
    throw CoreError.invalid('xml', `this is not an XLIFF 2.0 document: the root element is <${root.name}> in namespace ${root.ns ?? '(none)'}${hint}. Nothing was imported.`);
  }
  const r = new Refusal();
  const version = attr(root, 'version') ?? '';
  if (!/^2\.[01]$/.test(version)) r.add(`<xliff> version is "${version}"; XLIFF 2.0 (or 2.1) is expected`);
  const srcLang = attr(root, 'srcLang') ?? '';
  const trgLang = attr(root, 'trgLang') ?? '';
  if (!srcLang) r.add('<xliff> has no srcLang');
  if (!trgLang) r.add('<xliff> has no trgLang: the target language must be named');
  const files: ParsedFile[] = [];
  const fileIds = new Set<string>();
  for (const f of childElements(root)) {
    if (!isX(f, 'file')) continue;
    const id = attr(f, 'id') ?? '';
    if (!id) r.add(`<file> on line ${f.line} has no id`);
    else if (fileIds.has(id)) r.add(`file id ${id} is used twice`);
    fileIds.add(id);
    const original = attr(f, 'original') ?? null;
    // Tools that keep only the required attributes drop `original`; the file id the export
    // writes ("statement-<id>") names the statement as well (issue 14).
    const statementId = original?.startsWith(ORIGINAL_PREFIX)
      ? original.slice(ORIGINAL_PREFIX.length)
      : original === null && id.startsWith(FILE_ID_PREFIX) ? id.slice(FILE_ID_PREFIX.length) : null;
    const revAttr = attr(f, 'revision', CASEFILE_NS);
    const units: ParsedUnit[] = [];
    const unitIds = new Set<string>();
    const collect = (parent: XmlElement) => {
      for (const u of childElements(parent)) {
        if (isX(u, 'group')) { collect(u); continue; }
        if (!isX(u, 'unit')) continue;
        const unitId = attr(u, 'id') ?? '';
        const where = `file ${id}, unit ${unitId || `on line ${u.line}`}`;
        if (!unitId) r.add(`${where}: the unit has no id`);
        else if (unitIds.has(unitId)) r.add(`file ${id}: unit id ${unitId} is used twice`);
        unitIds.add(unitId);
        const segments = childElements(u).filter((c) => isX(c, 'segment'));
        if (segments.length !== 1) {
          r.add(`${where}: holds ${segments.length} segments; Casefile exchanges one segment per unit (merge or split segments in Casefile, not in the CAT tool)`);
          continue;
        }
        const seg = segments[0] as XmlElement;
        const segId = attr(seg, 'id') ?? unitId;
        const state = attr(seg, 'state');
        if (state !== undefined && !['initial', 'translated', 'reviewed', 'final'].includes(state)) r.add(`${where}: state "${state}" is not an XLIFF 2.0 state`);
        const source = childElements(seg).find((c) => isX(c, 'source'));
        const target = childElements(seg).find((c) => isX(c, 'target'));
        if (!source) { r.add(`${where}: the segment has no <source>`); continue; }
        const notesEl = childElements(u).find((c) => isX(c, 'notes'));
        const notes = notesEl ? childElements(notesEl).filter((c) => isX(c, 'note')).map(textOf) : null;
        units.push({
          id: segId, line: seg.line, source: inlineContent(source, where, r), target: target ? inlineContent(target, where, r) : null,
          note: notes ? notes.join('\n') : null,
        });
      }
    };
    collect(f);
    files.push({ id, line: f.line, statementId, original, revision: revAttr && /^\d+$/.test(revAttr) ? Number(revAttr) : null, units });
  }
  if (files.length === 0) r.add('the document has no <file>');
  if (r.issues.length) refuse(r.issues);
  return { version, srcLang, trgLang, files };
}

const MAX_SHOWN = 20;

function refuse(issues: string[]): never {
  const shown = issues.slice(0, MAX_SHOWN);
  const more = issues.length > MAX_SHOWN ? `; and ${issues.length - MAX_SHOWN} more` : '';
  throw CoreError.invalid('xml', `The XLIFF file was refused and nothing was imported: ${shown.join('; ')}${more}.`);
}

const sameSource = (a: string, b: string) => a === b || a.normalize('NFC') === b.normalize('NFC');

interface Plan { translation: Translation; latest: TranslationRevision; file: ParsedFile; segments: TranslationSegment[]; changed: boolean; warnings: string[] }

export function importXliff(s: CoreState, actor: Actor, xml: string, job: Job = quietJob()) {
  requirePermission(actor, 'translations.translate', 'import translations');
  const doc = parseXliff(xml);
  let lang: string;
  try {
    lang = canonicalLang(doc.trgLang, 'xml');
  } catch {
    refuse([`trgLang "${doc.trgLang}" is not a language tag`]);
  }
  return write(s, () => {
    const issues: string[] = [];
    const plans: Plan[] = [];
    const seenStatements = new Set<string>();
    for (const [i, f] of doc.files.entries()) {
      // A cancel throws inside the write's transaction: nothing of the import is kept.
      job.progress('checking the files against the translations', i, doc.files.length);
      const where = `file ${f.id}`;
      if (!f.statementId) {
        issues.push(f.original === null
          ? `${where}: neither its id nor an original attribute names a Casefile statement ("${FILE_ID_PREFIX}<id>" or original="${ORIGINAL_PREFIX}<id>")`
          : `${where}: its original attribute does not name a Casefile statement ("${ORIGINAL_PREFIX}<id>")`);
        continue;
      }
      if (seenStatements.has(f.statementId)) { issues.push(`${where}: statement ${f.statementId} appears in two files`); continue; }
      seenStatements.add(f.statementId);
      const st = getRecord(s.db, 'statement', f.statementId);
      if (!st) { issues.push(`${where}: there is no statement ${f.statementId} in this desk`); continue; }
      if (st.deletedAt) { issues.push(`${where}: statement ${f.statementId} is in the trash`); continue; }
      const t = getTranslationFor(s.db, f.statementId, lang);
      if (!t) { issues.push(`${where}: statement ${f.statementId} has no translation into ${lang}`); continue; }
      const latest = latestRevision(s.db, t.id);
      const current = latest.segments.map((x) => x.id);
      const inFile = f.units.map((u) => u.id);
      const missing = current.filter((id) => !inFile.includes(id));
      const unknown = inFile.filter((id) => !current.includes(id));
      const dup = inFile.filter((id, i) => inFile.indexOf(id) !== i);
      const before = issues.length;
      if (missing.length) issues.push(`${where}: segment ${missing.join(', ')} of revision ${latest.number} ${missing.length === 1 ? 'is' : 'are'} missing from the file`);
      if (unknown.length) issues.push(`${where}: unknown segment id ${unknown.join(', ')} (revision ${latest.number} has ${current.join(', ')})`);
      if (dup.length) issues.push(`${where}: segment id ${[...new Set(dup)].join(', ')} appears twice`);
      if (issues.length === before && inFile.join(' ') !== current.join(' ')) issues.push(`${where}: the segments are in another order than in revision ${latest.number} (${current.join(', ')})`);
      const byId = new Map(latest.segments.map((x) => [x.id, x]));
      const changedSource = f.units.filter((u) => byId.has(u.id) && !sameSource(u.source, (byId.get(u.id) as TranslationSegment).source)).map((u) => u.id);
      if (changedSource.length) issues.push(`${where}: the source text of segment ${changedSource.join(', ')} no longer matches revision ${latest.number}`);
      if (latest.state === 'in_review') issues.push(`${where}: revision ${latest.number} of statement ${f.statementId} is in review; import after the reviewer approves it or requests changes`);
      if (issues.length > before) continue;
      const units = new Map(f.units.map((u) => [u.id, u]));
      const segments = latest.segments.map((seg) => {
        const u = units.get(seg.id) as ParsedUnit;
        return { ...seg, target: u.target ?? seg.target, note: u.note ?? seg.note };
      });
      const changed = segments.some((seg, i) => seg.target !== latest.segments[i]?.target || seg.note !== latest.segments[i]?.note);
      const warnings: string[] = [];
      if (f.revision !== null && f.revision !== latest.number) {
        warnings.push(`the file was exported from revision ${f.revision}; the current revision is ${latest.number}, which is kept as it was`);
      }
      for (const [i, seg] of segments.entries()) {
        if (seg.target.length > 20_000) issues.push(`${where}: the target of segment ${seg.id} is longer than 20000 characters`);
        if (!seg.target.isWellFormed() || !(latest.segments[i] as TranslationSegment).source.isWellFormed()) issues.push(`${where}: segment ${seg.id} holds invalid Unicode`);
      }
      plans.push({ translation: t, latest, file: f, segments, changed, warnings });
    }
    if (issues.length) refuse(issues);
    const out = plans.map((p, i) => {
      job.progress('writing draft revisions', i, plans.length);
      if (!p.changed) {
        return { translationId: p.translation.id, statementId: p.translation.statementId, targetLang: lang, revision: null, unchanged: true, warnings: p.warnings };
      }
      const { revision, changes } = reviseSegments(s, actor, p.translation, p.latest, p.segments, 'xliff');
      const next = touchTranslation(s.db, p.translation, s.now(), actorId(actor));
      record(s, actor, 'translation.import_xliff', 'translation', p.translation.id, { ...changes, file: [null, p.file.id], rev: [p.translation.rev, next.rev] }, 'update');
      return { translationId: p.translation.id, statementId: p.translation.statementId, targetLang: lang, revision, unchanged: false, warnings: p.warnings };
    });
    job.check();
    return out;
  });
}

export const xliffHandlers = handlerGroup({
  'translations.exportXliff': (s, _a, q, job) => ({ files: exportXliff(s, q, job) }),
  'translations.importXliff': (s, actor, { xml }, job) => {
    const imported = importXliff(s, actor, xml, job);
    job.finished();
    return { imported };
  },
});
