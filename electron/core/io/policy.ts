// The one export policy (domain.md, "Markings"), for report exports now and case bundles and
// STIX later: an export carries a marking, states it at its top, and refuses records more
// restricted than itself unless the user allows them for that export, which is audited.
import { MARKING_ORDER, type Marking } from '../../../shared/domain';
import { CoreError } from '../errors';

/** public < subscribers < internal < restricted. */
export function markingRank(m: Marking): number {
  return MARKING_ORDER.indexOf(m);
}

/** How every export states its marking at the top. */
export const MARKING_LABEL: Readonly<Record<Marking, string>> = {
  public: 'PUBLIC',
  subscribers: 'SUBSCRIBERS ONLY',
  internal: 'INTERNAL: NOT FOR DISTRIBUTION OUTSIDE THE DESK',
  restricted: 'RESTRICTED: NAMED RECIPIENTS ONLY',
};

export interface MarkedRecord {
  recordType: 'source' | 'statement';
  id: string;
  title: string;
  marking: Marking;
}

/** Any marked record an export decides on (case bundles and STIX also weigh cases and reports). */
export interface Marked { recordType: string; id: string; title: string; marking: Marking }

/** The records an export marked `exportMarking` would include that are more restricted than it, each once. */
export function moreRestricted<R extends Marked>(exportMarking: Marking, records: readonly R[]): R[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = `${r.recordType}:${r.id}`;
    if (seen.has(key) || markingRank(r.marking) <= markingRank(exportMarking)) return false;
    seen.add(key);
    return true;
  });
}

export function describeRecord(r: Marked): string {
  return `${r.recordType} "${r.title}" (${r.id}) is ${r.marking}`;
}

/**
 * Refuses an export that would include records more restricted than its marking, naming them,
 * unless `allow` is set; returns the records the override lets through (for the audit entry).
 */
export function enforceMarking<R extends Marked>(what: string, exportMarking: Marking, records: readonly R[], allow: boolean): R[] {
  const over = moreRestricted(exportMarking, records);
  if (over.length && !allow) {
    throw new CoreError(
      'forbidden',
      `${what} is marked ${exportMarking}, but it would include ${over.length === 1 ? 'a record' : `${over.length} records`} more restricted than that: ${over.map(describeRecord).join('; ')}. Change the markings, or allow it explicitly for this export (it is written to the audit trail).`,
      { field: 'allowMarking', current: over },
    );
  }
  return over;
}
