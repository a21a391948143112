import type { Method, Output, ParsedInput } from '../../../shared/ipc/contract';
import type { Job } from '../job';
import type { Actor } from './acting';
import type { CoreState } from './state';

/** `job` matters to methods the contract marks `long`: their progress and cancellation (job.ts). */
export type Handler<M extends Method> = (s: CoreState, actor: Actor, input: ParsedInput<M>, job: Job) => Output<M> | Promise<Output<M>>;
export type Handlers = { [M in Method]: Handler<M> };

/**
 * A group of handlers, typed by its own keys: each key must be a contract method and each
 * handler gets that method's parsed input. handlers.ts checks that the groups together
 * implement every method exactly once, so no group keeps a list of its methods.
 */
export function handlerGroup<K extends Method>(group: { [M in K]: Handler<M> }): { [M in K]: Handler<M> } {
  return group;
}
