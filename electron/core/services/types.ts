import type { Method, Output, ParsedInput } from '../../../shared/ipc/contract';
import type { Actor, CoreState } from './context';

export type Handler<M extends Method> = (s: CoreState, actor: Actor, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
export type Handlers = { [M in Method]: Handler<M> };
export type SomeHandlers<K extends Method> = { [M in K]: Handler<M> };
