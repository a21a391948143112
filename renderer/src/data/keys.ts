/**
 * One query-key scheme for the whole renderer: [domain, method, input without `as`].
 * The domain is the part of the method name before the dot, so a mutation can invalidate
 * everything a domain shows with one prefix.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';

export type Domain = string;

export function domainOf(method: string): Domain {
  return method.slice(0, method.indexOf('.'));
}

export function keyOf(method: string, args: unknown): QueryKey {
  return [domainOf(method), method, args ?? {}];
}

/** What each domain's writes can change besides itself (lists filtered by case, counts, citations). */
const AFFECTS: Record<Domain, readonly Domain[]> = {
  cases: ['cases', 'statements', 'sources', 'reports', 'events'],
  // A correction of the original re-aligns the statement's translations (and may outdate an approval).
  statements: ['statements', 'cases', 'citations', 'translations'],
  sources: ['sources', 'cases', 'citations'],
  // A citation from a record in a case files the cited source in the case too.
  citations: ['citations', 'cases', 'sources'],
  attachments: ['attachments'],
  notes: ['notes'],
  events: ['events'],
  actors: ['actors'],
  reports: ['reports', 'cases'],
  profiles: ['profiles', 'app'],
};
/** Every write is audited and indexed, and many can move records to or from the trash. */
const ALWAYS: readonly Domain[] = ['audit', 'trash', 'search'];
/** Writes whose effects are too wide to list. */
const EVERYTHING = new Set(['trash', 'sample']);

export function invalidateAfter(qc: QueryClient, method: string): Promise<void> {
  const d = domainOf(method);
  if (EVERYTHING.has(d)) return qc.invalidateQueries();
  const domains = new Set([...(AFFECTS[d] ?? [d]), ...ALWAYS]);
  return Promise.all([...domains].map((x) => qc.invalidateQueries({ queryKey: [x] }))).then(() => undefined);
}
