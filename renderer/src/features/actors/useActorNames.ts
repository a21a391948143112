import { useMemo } from 'react';
import type { Actor } from '../../../../shared/domain';
import { useApiQuery } from '../../data/query';

/** Actor names by id for lists that show speakers (a desk has hundreds of actors, not millions). */
export function useActorNames(): { byId: Map<string, Actor>; name(id: string | null | undefined): string } {
  const q = useApiQuery('actors.list', { limit: 10_000 }, { staleTime: 30_000 });
  return useMemo(() => {
    const byId = new Map((q.data?.items ?? []).map((a) => [a.id, a]));
    return { byId, name: (id) => (id ? byId.get(id)?.name ?? '…' : '—') };
  }, [q.data]);
}
