/**
 * What every door and table needs to know about a method, derived from the contract entry
 * (contract.ts says how an entry is written). Nothing here lists methods by name.
 */
import { contract, type Contract, type Input, type Method } from './contract';

/** `cases.get` -> `cases`. */
export type DomainOf<M extends string> = M extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<Method>;

export type ReadMethod = { [M in Method]: Contract[M]['access'] extends 'read' ? M : never }[Method];
export type WriteMethod = Exclude<Method, ReadMethod>;
/** The domains that hold cached reads: what a write can invalidate. */
export type ReadDomain = DomainOf<ReadMethod>;

/** Methods whose input names the acting profile (`as`). */
export type ActingMethod = { [M in Method]: Input<M> extends { as: unknown } ? M : never }[Method];

/** Every method of the given domains: the methods a handler group implements. */
export type MethodsIn<D extends Domain> = Extract<Method, `${D}.${string}`>;

// A misspelled domain in an `invalidates` list fails to compile here, naming it.
type Invalidated = { [M in Method]: Contract[M] extends { invalidates: readonly (infer D)[] } ? D : never }[Method];
const everyInvalidatedDomainHasReads: [Exclude<Invalidated, ReadDomain>] extends [never] ? true : Exclude<Invalidated, ReadDomain> = true;
void everyInvalidatedDomainHasReads;

export function domainOf(method: string): string {
  const dot = method.indexOf('.');
  return dot < 0 ? method : method.slice(0, dot);
}

export function isWrite(method: Method): method is WriteMethod {
  return contract[method].access === 'write';
}

/** Methods marked `long` in the contract: progress, cancel, and off the Core's main thread. */
export type LongMethod = { [M in Method]: Contract[M] extends { long: true } ? M : never }[Method];

export function isLong(method: Method): method is LongMethod {
  return (contract[method] as { long?: boolean }).long === true;
}

/** Whether the method's input names the acting profile. */
export function takesAs(method: Method): method is ActingMethod {
  return Object.prototype.hasOwnProperty.call(contract[method].input.shape, 'as');
}

/**
 * Every write is audited and indexed. The inbox sums up work across cases and translations, so
 * any write may change it (it is one bounded query, cheap to ask again).
 */
const EVERY_WRITE: readonly Domain[] = ['audit', 'search', 'inbox'];

/**
 * The domains whose cached reads a call of `method` can have changed: none for a read; for a
 * write its own domain, the audit log and search, and what its entry names.
 */
export function invalidatedBy(method: Method): readonly string[] | 'everything' {
  const op = contract[method];
  if (op.access === 'read') return [];
  if (op.invalidates === 'everything') return 'everything';
  return [...new Set([domainOf(method), ...op.invalidates, ...EVERY_WRITE])];
}
