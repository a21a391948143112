import type { z } from 'zod';
import {
  Actor, Attachment, Case, Event, Note, Profile, Report, Source, Statement, statementTitle, type RecordType,
} from '../../../shared/domain';

/**
 * How an editable record kind maps onto its table. Columns are the snake_case of the
 * record's camelCase keys; arrays and objects are stored as JSON text, booleans as 0/1.
 */
export interface TableDef<S extends z.ZodObject = z.ZodObject> {
  recordType: RecordType;
  table: string;
  /** Words for messages: "case", "statement". */
  label: string;
  schema: S;
  json: readonly string[];
  bool: readonly string[];
  /** The field a user recognises the record by (trash list, messages). */
  titleOf: (r: z.infer<S>) => string;
}

function def<S extends z.ZodObject>(d: TableDef<S>): TableDef<S> {
  return d;
}

export const TABLES = {
  profile: def({ recordType: 'profile', table: 'profiles', label: 'profile', schema: Profile, json: ['roles'], bool: [], titleOf: (r) => r.name }),
  case: def({ recordType: 'case', table: 'cases', label: 'case', schema: Case, json: ['tags', 'assignees'], bool: [], titleOf: (r) => r.title }),
  actor: def({ recordType: 'actor', table: 'actors', label: 'actor', schema: Actor, json: ['aliases'], bool: [], titleOf: (r) => r.name }),
  statement: def({
    recordType: 'statement', table: 'statements', label: 'statement', schema: Statement,
    json: ['hashtags', 'mentions', 'links', 'scriptureRefs'], bool: [],
    titleOf: statementTitle,
  }),
  source: def({ recordType: 'source', table: 'sources', label: 'source', schema: Source, json: [], bool: [], titleOf: (r) => r.title }),
  attachment: def({ recordType: 'attachment', table: 'attachments', label: 'attachment', schema: Attachment, json: [], bool: [], titleOf: (r) => r.originalName }),
  note: def({ recordType: 'note', table: 'notes', label: 'note', schema: Note, json: [], bool: ['pinned'], titleOf: (r) => r.body.split('\n')[0]?.slice(0, 80) ?? '' }),
  event: def({ recordType: 'event', table: 'events', label: 'event', schema: Event, json: [], bool: [], titleOf: (r) => r.title }),
  report: def({ recordType: 'report', table: 'reports', label: 'report', schema: Report, json: ['editors'], bool: ['showHijri'], titleOf: (r) => r.headline }),
} as const;

export type EditableType = keyof typeof TABLES;
export type RecordOf<K extends EditableType> = z.infer<(typeof TABLES)[K]['schema']>;

export function isEditableType(t: string): t is EditableType {
  return Object.prototype.hasOwnProperty.call(TABLES, t);
}

export const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function columnsOf(d: TableDef): string[] {
  return Object.keys(d.schema.shape).map(snake);
}

/** The table definition without its record type, for code that works on any kind. */
export function tableOf(type: EditableType): TableDef {
  return TABLES[type] as unknown as TableDef;
}

export function rowToRecord(d: TableDef, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(d.schema.shape)) {
    const v = row[snake(key)];
    if (d.json.includes(key)) out[key] = typeof v === 'string' ? JSON.parse(v) : v;
    else if (d.bool.includes(key)) out[key] = v === 1 || v === 1n || v === true;
    else out[key] = v === undefined ? null : v;
  }
  return out;
}

export function recordToRow(d: TableDef, rec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(d.schema.shape)) {
    const v = rec[key];
    if (d.json.includes(key)) out[snake(key)] = JSON.stringify(v ?? []);
    else if (d.bool.includes(key)) out[snake(key)] = v ? 1 : 0;
    else out[snake(key)] = v === undefined ? null : v;
  }
  return out;
}
