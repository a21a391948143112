import { useQuery } from '@tanstack/react-query';
import type { Inbox } from '../../../../shared/domain';
import { call, toApiError, type ApiError } from '../../api/client';
import { useActing } from '../../data/acting';
import { keyOf } from '../../data/keys';

/**
 * The acting profile's inbox. Its answer depends on who asks, so the profile is part of the
 * key (the data layer's keys leave `as` out); the `inbox` domain prefix stays first, so every
 * write in this window marks it stale (methods.ts EVERY_WRITE). Changes made in another window
 * or process arrive by asking again: on focus, and every 15 seconds (one bounded query).
 */
export function useInbox(limit = 50) {
  const { profile } = useActing();
  const as = profile?.id ?? null;
  return useQuery<Inbox, ApiError>({
    queryKey: [...keyOf('inbox.mine', { limit }), as],
    queryFn: async () => {
      try {
        return await call('inbox.mine', { as: as as string, limit });
      } catch (err) {
        throw toApiError(err);
      }
    },
    enabled: as !== null,
    refetchInterval: 15_000,
    staleTime: 2_000,
  });
}

/** The sidebar's number: what asks for action now; null until known. */
export function useInboxCount(): number | null {
  const q = useInbox();
  return q.data ? q.data.count : null;
}
