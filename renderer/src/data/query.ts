/** The data layer: TanStack Query over api/call, with the acting profile filled in. */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UseQueryOptions } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { Input, Method, Output } from '../../../shared/ipc/contract';
import { ApiError, call, toApiError } from '../api/client';
import { useActing } from './acting';
import { takesAs, type ReadMethod } from '../../../shared/ipc/methods';
import { invalidateAfter, keyOf } from './keys';

export type Args<M extends Method> = Input<M> extends { as: unknown } ? Omit<Input<M>, 'as'> : Input<M>;

export function withAs<M extends Method>(method: M, args: Args<M>, as: string | null): Input<M> {
  if (!takesAs(method)) return args as Input<M>;
  // Between two profiles nobody is working: say so, rather than send a call the Core must refuse.
  if (as === null) throw new ApiError({ code: 'invalid_input', field: 'as', message: 'Nobody is working: choose a profile first.' });
  return { ...(args as object), as } as Input<M>;
}

type QueryOpts<M extends Method, T> = Omit<UseQueryOptions<Output<M>, ApiError, T>, 'queryKey' | 'queryFn'>;

/** `args` null means "not yet" (the query waits). */
export function useApiQuery<M extends ReadMethod, T = Output<M>>(method: M, args: Args<M> | null, opts: QueryOpts<M, T> = {}) {
  const { profile } = useActing();
  const as = profile?.id ?? null;
  return useQuery<Output<M>, ApiError, T>({
    queryKey: keyOf(method, args),
    queryFn: async () => {
      try {
        return await call(method, withAs(method, args as Args<M>, as));
      } catch (err) {
        throw toApiError(err);
      }
    },
    ...opts,
    enabled: args !== null && (!takesAs(method) || as !== null) && (opts.enabled ?? true),
  });
}

/** A function that calls one method as the current profile and invalidates what it changed. */
export function useCaller() {
  const { profile } = useActing();
  const qc = useQueryClient();
  const as = profile?.id ?? null;
  return useCallback(async <M extends Method>(method: M, args: Args<M>): Promise<Output<M>> => {
    try {
      const out = await call(method, withAs(method, args, as));
      void invalidateAfter(qc, method);
      return out;
    } catch (err) {
      throw toApiError(err);
    }
  }, [as, qc]);
}

/** useMutation over one method; the error is an ApiError to show next to what caused it. */
export function useApiMutation<M extends Method>(method: M, opts: { onSuccess?(out: Output<M>, args: Args<M>): void } = {}) {
  const run = useCaller();
  return useMutation<Output<M>, ApiError, Args<M>>({
    mutationFn: (args) => run(method, args),
    onSuccess: (out, args) => opts.onSuccess?.(out, args),
  });
}

function fetcher<M extends Method>(method: M, args: Args<M>, as: string | null) {
  return async (): Promise<Output<M>> => {
    try {
      return await call(method, withAs(method, args, as));
    } catch (err) {
      throw toApiError(err);
    }
  };
}

/** One read per input, side by side (a list whose rows each need their own answer); undefined while one loads. */
export function useApiQueries<M extends ReadMethod>(method: M, inputs: readonly Args<M>[]): (Output<M> | undefined)[] {
  const { profile } = useActing();
  const as = profile?.id ?? null;
  const results = useQueries({
    queries: inputs.map((args) => ({ queryKey: keyOf(method, args), queryFn: fetcher(method, args, as), enabled: !takesAs(method) || as !== null })),
  });
  return results.map((r) => r.data as Output<M> | undefined);
}

/** Reads that answer a page ({ items, total }) and take `limit` and `offset`. */
type PagedMethod = {
  [M in ReadMethod]: Output<M> extends { items: unknown[]; total: number } ? Input<M> extends { limit?: number; offset?: number } ? M : never : never
}[ReadMethod];
type Item<M extends PagedMethod> = Output<M>['items'][number];

/**
 * A long list fetched a page at a time as it scrolls into view: the first page answers
 * with the total, the grid sizes itself from it, and only pages in view are asked for.
 */
export function usePagedList<M extends PagedMethod>(method: M, args: Omit<Args<M>, 'limit' | 'offset'> | null, pageSize = 200) {
  const { profile } = useActing();
  const as = profile?.id ?? null;
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const firstPage = Math.floor(range[0] / pageSize);
  const lastPage = Math.floor(range[1] / pageSize);
  const pages = useMemo(() => {
    const out = new Set([0]);
    for (let p = firstPage; p <= lastPage; p++) out.add(p);
    return [...out];
  }, [firstPage, lastPage]);
  const results = useQueries({
    queries: pages.map((p) => {
      const pageArgs = { ...(args ?? {}), limit: pageSize, offset: p * pageSize } as Args<M>;
      return {
        queryKey: keyOf(method, pageArgs),
        queryFn: fetcher(method, pageArgs, as),
        enabled: args !== null && as !== null,
        staleTime: 5_000,
      };
    }),
  });
  const byPage = new Map<number, Item<M>[]>();
  results.forEach((r, i) => { if (r.data) byPage.set(pages[i]!, (r.data as Output<M>).items as Item<M>[]); });
  const head = results[0];
  const total = head?.data ? (head.data as Output<M>).total : 0;
  const onRange = useCallback((start: number, end: number) => setRange([start, end]), []);
  return {
    total,
    loading: !!head?.isPending && args !== null,
    error: (results.find((r) => r.error)?.error ?? null) as ApiError | null,
    itemAt: (index: number): Item<M> | undefined => byPage.get(Math.floor(index / pageSize))?.[index % pageSize],
    onRange,
  };
}
