import type { Profile } from '../../../shared/domain';

/** Who is acting. `trusted` is only for the Core's own loaders (sample data), never for a door. */
export interface Actor {
  profile: Profile | null;
  trusted?: boolean;
}

export function actorId(a: Actor): string | null {
  return a.profile?.id ?? null;
}
