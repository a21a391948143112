/**
 * One query-key scheme for the whole renderer: [domain, method, input without `as`].
 * The domain is the part of the method name before the dot, so a write invalidates what it
 * changed with one prefix per domain; which domains that is comes from the contract
 * (shared/ipc/methods.ts invalidatedBy).
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { isMethod } from '../../../shared/ipc/contract';
import { domainOf, invalidatedBy } from '../../../shared/ipc/methods';

export function keyOf(method: string, args: unknown): QueryKey {
  return [domainOf(method), method, args ?? {}];
}

/** Marks stale every cached read that a successful call of `method` may have changed. */
export function invalidateAfter(qc: QueryClient, method: string): Promise<void> {
  if (!isMethod(method)) return Promise.resolve();
  const domains = invalidatedBy(method);
  if (domains === 'everything') return qc.invalidateQueries();
  return Promise.all(domains.map((d) => qc.invalidateQueries({ queryKey: [d] }))).then(() => undefined);
}
