// A case as one STIX 2.1 bundle (OASIS STIX Version 2.1, 2021), for threat-intel platforms.
// Ids are UUIDv5 of the record id under Casefile's namespace, so a re-export updates the
// objects the receiver has rather than duplicating them. Markings are the TLP 2.0 marking
// definitions exactly as the OASIS TLP 2.0 extension publishes them. Statements are a new SDO
// defined by an extension-definition in the bundle itself.
import { v5 as uuidv5 } from 'uuid';
import type { Marking } from '../../../shared/domain';
import type { Job } from '../job';
import { actorId, type Actor } from '../services/acting';
import { mustGet } from '../services/entity';
import type { CoreState } from '../services/state';
import { write } from '../services/write';
import { appendAudit } from '../audit/chain';
import { collectCase } from './bundle/collect';
import { enforceMarking } from './policy';

/** Casefile's UUIDv5 namespace for STIX ids (a fixed random UUID: never change it). */
export const STIX_NAMESPACE = '4d3c5e0a-8f1e-4b7a-9c2d-6a1f0e9b7c35';
export const TLP_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
/** The TLP 2.0 marking-definition ids of the OASIS TLP 2.0 extension. */
export const TLP: Readonly<Record<Marking, { id: string; name: string; level: string }>> = {
  public: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR', level: 'clear' },
  subscribers: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN', level: 'green' },
  internal: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', name: 'TLP:AMBER', level: 'amber' },
  restricted: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', name: 'TLP:RED', level: 'red' },
};
const TLP_CREATED = '2022-10-01T00:00:00.000Z';
export const STATEMENT_TYPE = 'casefile-statement';

type Obj = Record<string, unknown>;
type Rec = Record<string, unknown>;

export const stixId = (type: string, recordId: string) => `${type}--${uuidv5(`${type}:${recordId}`, STIX_NAMESPACE)}`;

/** STIX timestamps: RFC 3339 in UTC with a Z; Casefile writes them with exactly milliseconds. */
export function stixTime(value: string | null | undefined, fallback: string): string {
  const d = new Date(value ?? fallback);
  return Number.isNaN(d.getTime()) ? new Date(fallback).toISOString() : d.toISOString();
}

const RELATION_TYPE: Record<string, string> = {
  leader_of: 'leader-of', member_of: 'member-of', spokesperson_for: 'spokesperson-for', backed_by: 'backed-by', account_of: 'account-of',
};

export function exportStix(
  s: CoreState, actor: Actor, input: { caseId: string; marking?: Marking; allowMarking: boolean }, job: Job,
): { json: string; fileName: string; objects: number; leftOut: { recordType: string; id: string; title: string; marking: Marking }[] } {
  const db = s.db;
  const key = s.key;
  job.progress('collecting records', 0, 0);
  const caseRec = mustGet(s, 'case', input.caseId) as Rec;
  const marking = input.marking ?? (caseRec.marking as Marking);
  const caseOver = enforceMarking(`The STIX export of case "${caseRec.title as string}"`, marking,
    [{ recordType: 'case', id: caseRec.id as string, title: caseRec.title as string, marking: caseRec.marking as Marking }], input.allowMarking);
  const content = db.transaction(() => collectCase(db, caseRec, marking, input.allowMarking)).deferred();
  const now = s.now();
  const desk = stixId('identity', key.deskId);
  // Each record carries its own marking; what has none (actors, relations, the desk) carries the export's.
  const tlp = (m: unknown) => TLP[m as Marking].id;
  const common = (type: string, rec: Rec, m: unknown = marking): Obj => {
    const created = stixTime(rec.createdAt as string, now);
    const modified = stixTime(rec.updatedAt as string, created);
    return {
      type, spec_version: '2.1', id: stixId(type, rec.id as string), created, modified: modified < created ? created : modified,
      created_by_ref: desk, object_marking_refs: [tlp(m)],
    };
  };
  const live = content.records.filter((r) => !r.record.deletedAt);
  const of = (type: string) => live.filter((r) => r.type === type).map((r) => r.record);
  const objects: Obj[] = [];

  const statementExt = stixId('extension-definition', 'casefile-statement-v1');
  objects.push({
    type: 'identity', spec_version: '2.1', id: desk, created: stixTime(null, now), modified: stixTime(null, now),
    name: key.deskName, identity_class: 'organization', object_marking_refs: [TLP[marking].id],
  });
  for (const m of new Set(Object.keys(TLP) as Marking[])) {
    const t = TLP[m];
    objects.push({
      type: 'marking-definition', spec_version: '2.1', id: t.id, created: TLP_CREATED, name: t.name,
      extensions: { [TLP_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: t.level } },
    });
  }
  objects.push({
    type: 'extension-definition', spec_version: '2.1', id: statementExt, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
    created_by_ref: desk, name: 'Casefile statement', description: 'What someone said, once, as monitored: the verbatim original and how it was graded.',
    schema: STATEMENT_SCHEMA, version: '1.0.0', extension_types: ['new-sdo'], object_marking_refs: [TLP.public.id],
  });

  const actorType = (kind: unknown) => (kind === 'person' ? 'threat-actor' : kind === 'organization' ? 'intrusion-set' : 'identity');
  const actorRef = new Map<string, string>();
  for (const a of of('actor')) {
    const type = actorType(a.kind);
    const aliases = [...new Set([a.nameOriginal as string | null, ...(a.aliases as { alias: string }[]).map((x) => x.alias)].filter((x): x is string => !!x && x !== a.name))];
    const o: Obj = { ...common(type, a), name: a.name };
    if (a.description) o.description = a.description;
    if (type === 'identity') {
      o.identity_class = a.kind === 'platform_account' ? 'individual' : 'organization';
      // identity has no aliases property in STIX 2.1: they go in the description.
      if (aliases.length) o.description = `${(a.description as string) || ''}${a.description ? '\n' : ''}Also known as: ${aliases.join(', ')}`;
    } else if (aliases.length) o.aliases = aliases;
    actorRef.set(a.id as string, o.id as string);
    objects.push(o);
  }
  for (const { type, row } of content.rows) {
    if (type !== 'actor_relation') continue;
    const src = actorRef.get(row.from_actor_id as string);
    const tgt = actorRef.get(row.to_actor_id as string);
    if (!src || !tgt) continue;
    const created = stixTime(row.created_at as string, now);
    objects.push({
      type: 'relationship', spec_version: '2.1', id: stixId('relationship', row.id as string), created, modified: created, created_by_ref: desk,
      relationship_type: RELATION_TYPE[row.relation as string] ?? 'related-to', source_ref: src, target_ref: tgt, object_marking_refs: [TLP[marking].id],
      ...(row.note ? { description: row.note } : {}),
    });
  }

  const sources = new Map(of('source').map((r) => [r.id as string, r]));
  const attachmentsOf = (ownerId: string) => of('attachment').filter((a) => a.ownerId === ownerId);
  const reference = (src: Rec): Obj => {
    const ref: Obj = { source_name: src.title as string };
    if (src.url) ref.url = src.url;
    const desc = [src.kind, src.publisher, src.reliability && src.credibility ? `graded ${String(src.reliability)}${String(src.credibility)}` : null].filter(Boolean).join(', ');
    if (desc) ref.description = desc;
    const files = attachmentsOf(src.id as string);
    // One hash per reference (hashes is a dictionary by algorithm): the first archived copy; the rest get references of their own.
    if (files[0]) ref.hashes = { 'SHA-256': files[0].sha256 };
    return ref;
  };
  const archived = (src: Rec): Obj[] => attachmentsOf(src.id as string).slice(1).map((f) => ({
    source_name: `${src.title as string}: ${f.originalName as string}`, description: `Archived copy (${f.mediaType as string})`, hashes: { 'SHA-256': f.sha256 },
  }));
  const citedBy = (type: string, id: string) => content.rows
    .filter((r) => r.type === 'citation' && r.row.citing_type === type && r.row.citing_id === id)
    .map((r) => sources.get(r.row.source_id as string)).filter((x): x is Rec => !!x);

  const statementRefs: string[] = [];
  for (const st of of('statement')) {
    const o: Obj = { ...common(STATEMENT_TYPE, st, st.marking) };
    const put = (k: string, v: unknown) => {
      if (v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) o[k] = v;
    };
    put('original_text', st.originalText);
    put('language', st.language);
    put('summary', st.summary);
    put('speaker_ref', st.speakerId ? actorRef.get(st.speakerId as string) : undefined);
    put('on_behalf_of_ref', st.onBehalfOfId ? actorRef.get(st.onBehalfOfId as string) : undefined);
    put('said_at', st.saidAt);
    put('date_precision', st.datePrecision);
    put('platform', st.platform);
    put('handle', st.handle);
    put('url', st.url);
    put('hashtags', st.hashtags);
    // Not `_refs`: STIX reserves that ending for lists of object ids.
    put('scripture_references', (st.scriptureRefs as { book: string; chapter: number; verse: number; verseEnd?: number }[])
      .map((r) => `${r.book === 'quran' ? 'Quran' : r.book} ${r.chapter}:${r.verse}${r.verseEnd ? `-${r.verseEnd}` : ''}`));
    put('admiralty_grade', st.reliability && st.credibility ? `${String(st.reliability)}${String(st.credibility)}` : undefined);
    const refs = citedBy('statement', st.id as string).flatMap((src) => [reference(src), ...archived(src)]);
    put('external_references', refs);
    o.extensions = { [statementExt]: { extension_type: 'new-sdo' } };
    statementRefs.push(o.id as string);
    objects.push(o);
  }
  for (const r of of('report')) {
    if (!r.publishedVersion) continue;
    const published = db.prepare('SELECT published_at FROM report_versions WHERE report_id = ? AND version = ?').pluck().get(r.id, r.publishedVersion) as string | undefined;
    const refs = citedBy('report', r.id as string);
    const objectRefs = statementRefs.length ? statementRefs : [desk];
    objects.push({
      ...common('report', r, r.marking), name: r.headline, published: stixTime(published, now), report_types: ['threat-report'],
      ...(r.lead ? { description: r.lead } : {}), object_refs: objectRefs,
      ...(refs.length ? { external_references: refs.map(reference) } : {}),
    });
  }
  // The case itself: a grouping of everything above, citing all its sources.
  const grouping: Obj = {
    ...common('grouping', caseRec, caseRec.marking), name: caseRec.title, context: 'suspicious-activity',
    ...(caseRec.summary ? { description: caseRec.summary } : {}),
    object_refs: objects.filter((o) => o.type !== 'marking-definition' && o.type !== 'extension-definition').map((o) => o.id as string),
  };
  const allSources = [...sources.values()].flatMap((src) => [reference(src), ...archived(src)]);
  if (allSources.length) grouping.external_references = allSources;
  objects.push(grouping);
  const byRecord = new Map<string, string>([...actorRef, [caseRec.id as string, grouping.id as string]]);
  for (const st of of('statement')) byRecord.set(st.id as string, stixId(STATEMENT_TYPE, st.id as string));
  for (const r of of('report')) if (r.publishedVersion) byRecord.set(r.id as string, stixId('report', r.id as string));
  for (const n of of('note')) {
    // Notes on sources and events (not STIX objects here) hang on the case.
    const ref = byRecord.get(n.targetId as string) ?? (grouping.id as string);
    objects.push({ ...common('note', n), content: n.body, object_refs: [ref] });
  }
  const bundle = { type: 'bundle', id: `bundle--${uuidv5(`bundle:${caseRec.id as string}:${now}`, STIX_NAMESPACE)}`, objects };
  const allowed = [...caseOver, ...content.included];
  write(s, () => appendAudit(db, {
    actorId: actorId(actor), action: 'exchange.exportStix', recordType: 'case', recordId: caseRec.id as string, at: now,
    changes: { marking: [null, marking], objects: [null, objects.length], ...(allowed.length ? { allowedMarking: [null, allowed.map((r) => `${r.recordType}:${r.id}:${r.marking}`)] } : {}) },
  }));
  job.finished();
  return { json: `${JSON.stringify(bundle, null, 2)}\n`, fileName: `case-${caseRec.id as string}.stix.json`, objects: objects.length, leftOut: content.leftOut };
}

const STATEMENT_SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'casefile-statement',
  description: 'A statement as Casefile records it: what someone said, once.',
  type: 'object',
  required: ['type', 'spec_version', 'id', 'created', 'modified'],
  properties: {
    type: { const: STATEMENT_TYPE },
    original_text: { type: 'string', description: 'The verbatim original, never altered after capture.' },
    language: { type: 'string', description: 'BCP 47 tag of the original.' },
    summary: { type: 'string' },
    speaker_ref: { type: 'string', description: 'The actor who said it.' },
    on_behalf_of_ref: { type: 'string' },
    said_at: { type: 'string', description: 'When, to the precision in date_precision.' },
    date_precision: { enum: ['year', 'month', 'day', 'minute'] },
    platform: { type: 'string' },
    handle: { type: 'string' },
    url: { type: 'string' },
    hashtags: { type: 'array', items: { type: 'string' } },
    scripture_references: { type: 'array', items: { type: 'string' } },
    admiralty_grade: { type: 'string', pattern: '^[A-F][1-6]$', description: 'Reliability of the source and credibility of the information (NATO Admiralty code).' },
  },
});

