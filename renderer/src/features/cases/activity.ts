// The case's activity in words a person reads: who did what to which record (by its title),
// with autosave bursts (many saves of one record by one profile in a few minutes) as one entry.
import type { AuditListEntry } from '../../../../shared/domain';
import { RECORD_TYPE_LABELS } from '../../components/labels';

/** Saves of one record by one profile less than this apart are one burst of editing. */
export const BURST_GAP_MS = 5 * 60_000;

// Actions an editor's autosave repeats as the user types.
const EDITS = new Set(['update', 'edit']);

export interface ActivityItem {
  /** The newest entry of the group (its time, its title). */
  latest: AuditListEntry;
  /** The oldest entry of the group. */
  earliest: AuditListEntry;
  /** How many audit entries it stands for. */
  count: number;
  /** field -> [value before the first save, value after the last]. */
  changes: Record<string, [unknown, unknown]>;
}

const isEdit = (e: AuditListEntry) => EDITS.has(e.action.slice(e.action.indexOf('.') + 1));

/**
 * Entries (newest first, as audit.list gives them) as activity items: consecutive edits of the
 * same record by the same profile, each within BURST_GAP_MS of the next, become one item.
 */
export function groupActivity(entries: readonly AuditListEntry[]): ActivityItem[] {
  const out: ActivityItem[] = [];
  for (const e of entries) {
    const g = out[out.length - 1];
    const joins = g && isEdit(e) && isEdit(g.earliest) && e.action === g.earliest.action && e.actorId === g.earliest.actorId
      && e.recordType === g.earliest.recordType && e.recordId === g.earliest.recordId
      && Date.parse(g.earliest.at) - Date.parse(e.at) <= BURST_GAP_MS;
    if (g && joins) {
      g.earliest = e;
      g.count++;
      // Going back in time: this entry's "before" is now the group's; its "after" is kept if newer.
      for (const [field, [from, to]] of Object.entries(e.changes)) {
        g.changes[field] = [from, field in g.changes ? (g.changes[field] as [unknown, unknown])[1] : to];
      }
      continue;
    }
    out.push({ latest: e, earliest: e, count: 1, changes: { ...e.changes } });
  }
  return out;
}

const TRANSLATION_WORDS: Record<string, string> = {
  start: 'started the translation of', edit: 'edited the translation of', submit: 'submitted for review the translation of',
  approve: 'approved the translation of', request_changes: 'requested changes to the translation of', comment: 'commented on the translation of',
  publish: 'published the translation of', merge: 'merged segments of the translation of', split: 'split a segment of the translation of',
  realign: 're-aligned after a correction of the original the translation of', published_wording: 'kept the published wording as the translation of',
  import_xliff: 'imported from XLIFF the translation of',
};

const WORDS: Record<string, string> = {
  create: 'created', update: 'changed', trash: 'moved to the trash', restore: 'restored', close: 'closed', archive: 'archived',
  status: 'changed the status of', correct_original: 'corrected the original of', relate: 'related', unrelate: 'unrelated',
  link: 'linked', unlink: 'unlinked', purge: 'deleted for good', verify: 'verified',
};

const CITATION_WORDS: Record<string, string> = {
  add: 'cited a source in', update: 'changed a citation in', reorder: 'reordered the citations of', remove: 'removed a citation from',
};

export interface Described {
  /** What was done, up to the record's title ("approved the translation of"). */
  verb: string;
  /** The record's title, or null when it is gone. */
  title: string | null;
  /** What kind of record, for a record with no title left ("statement"). */
  what: string;
  /** After the title ("to the case"). */
  after: string;
}

/** An audit entry in words: "approved the translation of" “title”. */
export function describeEntry(e: AuditListEntry): Described {
  const [type = '', verb = ''] = e.action.split('.');
  const label = (t: string) => (RECORD_TYPE_LABELS[t] ?? t).toLowerCase();
  if (type === 'translation') return { verb: TRANSLATION_WORDS[verb] ?? `${verb.replace(/_/g, ' ')} the translation of`, title: e.title, what: 'statement', after: '' };
  if (type === 'citation') return { verb: CITATION_WORDS[verb] ?? `${verb} a citation in`, title: e.title, what: label(e.recordType), after: '' };
  if (e.action === 'case.add_item' || e.action === 'case.remove_item') {
    const item = (Object.keys(e.changes)[0] ?? '').split(':')[0] ?? '';
    const adding = verb === 'add_item';
    return { verb: `${adding ? 'added' : 'removed'} ${label(item)}`, title: e.title, what: '', after: adding ? 'to the case' : 'from the case' };
  }
  return { verb: `${WORDS[verb] ?? verb.replace(/_/g, ' ')} ${label(type)}`, title: e.title, what: '', after: '' };
}
