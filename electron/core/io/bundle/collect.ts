// Which records a case bundle carries: the case, its statements, sources and reports, the
// sources they cite, the actors its statements name and the relations between them, notes,
// events, attachments, translations with every revision and comment, the profiles named as
// authors, and the audit entries of all of these. More restricted records than the bundle's
// marking are left out (with everything that hangs off them) unless explicitly allowed.
import { statementTitle, type Marking, type Statement } from '../../../../shared/domain';
import { getRecord } from '../../db/repos/records';
import type { EditableType } from '../../db/tables';
import type { Db } from '../../db/open';
import { moreRestricted, type Marked } from '../policy';
import type { EDITABLE_KINDS, ROW_KINDS } from './format';

type Rec = Record<string, unknown>;
type Row = Record<string, string | number | null>;

export const ROW_TABLES: Readonly<Record<(typeof ROW_KINDS)[number], { table: string; key: readonly string[] }>> = {
  actor_relation: { table: 'actor_relations', key: ['id'] },
  statement_relation: { table: 'statement_relations', key: ['statement_id', 'related_id'] },
  case_item: { table: 'case_items', key: ['case_id', 'item_type', 'item_id'] },
  citation: { table: 'citations', key: ['id'] },
  translation: { table: 'translations', key: ['id'] },
  translation_revision: { table: 'translation_revisions', key: ['id'] },
  translation_comment: { table: 'translation_comments', key: ['id'] },
};

export interface CaseContent {
  records: { type: (typeof EDITABLE_KINDS)[number]; record: Rec }[];
  rows: { type: (typeof ROW_KINDS)[number]; row: Row }[];
  /** Every record id the bundle carries (for its audit entries). */
  ids: Set<string>;
  attachments: { sha256: string; size: number }[];
  leftOut: Marked[];
  included: Marked[];
}

const ids = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().all(...params) as string[];
const rows = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];

export function collectCase(db: Db, caseRec: Rec, marking: Marking, allowMarking: boolean): CaseContent {
  const caseId = caseRec.id as string;
  const get = (type: EditableType, id: string) => getRecord(db, type, id) as Rec | undefined;
  const items = rows(db, 'SELECT * FROM case_items WHERE case_id = ? ORDER BY item_type, item_id', caseId);
  const itemIds = (t: string) => items.filter((i) => i.item_type === t).map((i) => i.item_id as string);

  const statements = itemIds('statement').map((id) => get('statement', id)).filter((r): r is Rec => !!r);
  const reports = itemIds('report').map((id) => get('report', id)).filter((r): r is Rec => !!r);
  const filedSources = new Set(itemIds('source'));
  const citing = [...statements.map((r) => ['statement', r.id]), ...reports.map((r) => ['report', r.id])] as [string, string][];
  const citationRows = citing.flatMap(([t, id]) => rows(db, 'SELECT * FROM citations WHERE citing_type = ? AND citing_id = ? ORDER BY position, id', t, id));
  const sourceIds = new Set([...filedSources, ...citationRows.map((c) => c.source_id as string)]);
  const sources = [...sourceIds].sort().map((id) => get('source', id)).filter((r): r is Rec => !!r);

  // The marking policy decides on statements, sources and reports; what hangs off a left-out one goes with it.
  const marked: Marked[] = [
    ...statements.map((r) => ({ recordType: 'statement' as const, id: r.id as string, title: statementTitle(r as unknown as Statement, 80), marking: r.marking as Marking })),
    ...sources.map((r) => ({ recordType: 'source' as const, id: r.id as string, title: r.title as string, marking: r.marking as Marking })),
    ...reports.map((r) => ({ recordType: 'report' as const, id: r.id as string, title: r.headline as string, marking: r.marking as Marking })),
  ];
  const over = moreRestricted(marking, marked);
  const leftOut = allowMarking ? [] : over;
  const out = new Set(leftOut.map((r) => r.id));
  const keep = (r: Rec) => !out.has(r.id as string);

  const st = statements.filter(keep);
  const so = sources.filter(keep);
  const re = reports.filter(keep);
  const actorIds = new Set<string>();
  for (const s of st) for (const k of ['speakerId', 'onBehalfOfId']) if (s[k]) actorIds.add(s[k] as string);
  const actors = [...actorIds].sort().map((id) => get('actor', id)).filter((r): r is Rec => !!r);
  const events = ids(db, 'SELECT id FROM events WHERE case_id = ? ORDER BY id', caseId).map((id) => get('event', id) as Rec);

  const targets: [string, Rec][] = [
    ['case', caseRec], ...st.map((r): [string, Rec] => ['statement', r]), ...so.map((r): [string, Rec] => ['source', r]),
    ...re.map((r): [string, Rec] => ['report', r]), ...actors.map((r): [string, Rec] => ['actor', r]), ...events.map((r): [string, Rec] => ['event', r]),
  ];
  const inBundle = new Set<string>(targets.map(([, r]) => r.id as string));
  const notes = targets.flatMap(([t, r]) => ids(db, 'SELECT id FROM notes WHERE target_type = ? AND target_id = ? ORDER BY id', t, r.id))
    .map((id) => get('note', id) as Rec);
  for (const n of notes) inBundle.add(n.id as string);
  const owners: [string, Rec][] = [...targets.filter(([t]) => t !== 'actor'), ...notes.map((r): [string, Rec] => ['note', r])];
  const attachments = owners.flatMap(([t, r]) => ids(db, 'SELECT id FROM attachments WHERE owner_type = ? AND owner_id = ? ORDER BY id', t, r.id))
    .map((id) => get('attachment', id) as Rec);

  const relations = actors.length < 2 ? [] : rows(db, 'SELECT * FROM actor_relations ORDER BY id')
    .filter((r) => actorIds.has(r.from_actor_id as string) && actorIds.has(r.to_actor_id as string));
  const stIds = new Set(st.map((r) => r.id as string));
  const stRelations = rows(db, 'SELECT * FROM statement_relations ORDER BY statement_id, related_id')
    .filter((r) => stIds.has(r.statement_id as string) && stIds.has(r.related_id as string));
  const citations = citationRows.filter((c) => inBundle.has(c.citing_id as string) && inBundle.has(c.source_id as string));
  const caseItems = items.filter((i) => inBundle.has(i.item_id as string));

  const translations = st.flatMap((s) => rows(db, 'SELECT * FROM translations WHERE statement_id = ? ORDER BY id', s.id));
  const revisions = translations.flatMap((t) => rows(db, 'SELECT * FROM translation_revisions WHERE translation_id = ? ORDER BY number', t.id));
  const comments = revisions.flatMap((r) => rows(db, 'SELECT * FROM translation_comments WHERE revision_id = ? ORDER BY created_at, id', r.id));

  const editable = [
    ...[caseRec].map((record) => ({ type: 'case' as const, record })),
    ...actors.map((record) => ({ type: 'actor' as const, record })),
    ...st.map((record) => ({ type: 'statement' as const, record })),
    ...so.map((record) => ({ type: 'source' as const, record })),
    ...re.map((record) => ({ type: 'report' as const, record })),
    ...events.map((record) => ({ type: 'event' as const, record })),
    ...notes.map((record) => ({ type: 'note' as const, record })),
    ...attachments.map((record) => ({ type: 'attachment' as const, record })),
  ];
  // Authors travel as names: a source's captured_by is a foreign key, the rest are shown by name.
  const profileIds = new Set<string>();
  for (const { record } of editable) for (const k of ['createdBy', 'updatedBy', 'capturedBy']) if (record[k]) profileIds.add(record[k] as string);
  for (const r of revisions) for (const k of ['translator_id', 'submitted_by', 'reviewed_by', 'published_by']) if (r[k]) profileIds.add(r[k] as string);
  const profiles = [...profileIds].sort().map((id) => get('profile', id)).filter((r): r is Rec => !!r);

  const all = [...profiles.map((record) => ({ type: 'profile' as const, record })), ...editable];
  const idSet = new Set<string>(all.map((r) => r.record.id as string));
  for (const t of translations) idSet.add(t.id as string);
  const blobs = new Map<string, number>();
  for (const a of attachments) blobs.set(a.sha256 as string, a.size as number);
  return {
    records: all,
    rows: [
      ...relations.map((row) => ({ type: 'actor_relation' as const, row })),
      ...stRelations.map((row) => ({ type: 'statement_relation' as const, row })),
      ...caseItems.map((row) => ({ type: 'case_item' as const, row })),
      ...citations.map((row) => ({ type: 'citation' as const, row })),
      ...translations.map((row) => ({ type: 'translation' as const, row })),
      ...revisions.map((row) => ({ type: 'translation_revision' as const, row })),
      ...comments.map((row) => ({ type: 'translation_comment' as const, row })),
    ],
    ids: idSet,
    attachments: [...blobs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sha256, size]) => ({ sha256, size })),
    leftOut,
    included: allowMarking ? over : [],
  };
}
