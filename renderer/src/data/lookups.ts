import { useMemo } from 'react';
import type { Profile } from '../../../shared/domain';
import { useApiQuery } from './query';

/** Profiles by id, to name who did what. */
export function useProfiles(): { list: Profile[]; byId: Map<string, Profile>; name(id: string | null | undefined): string } {
  const q = useApiQuery('profiles.list', {});
  return useMemo(() => {
    const list = (q.data ?? []).filter((p) => !p.deletedAt);
    const byId = new Map((q.data ?? []).map((p) => [p.id, p]));
    return { list, byId, name: (id) => (id ? byId.get(id)?.name ?? 'someone' : 'the system') };
  }, [q.data]);
}
