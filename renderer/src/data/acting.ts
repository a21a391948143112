import { createContext, useContext } from 'react';
import type { Profile } from '../../../shared/domain';

/** The profile the user works as: every call names it (`as`), and the Core audits it. */
export interface Acting {
  profile: Profile | null;
  setProfileId(id: string | null): void;
}

export const ActingContext = createContext<Acting>({ profile: null, setProfileId: () => {} });

export function useActing(): Acting {
  return useContext(ActingContext);
}

/** The current profile, for screens that are only shown once someone is working. */
export function useProfile(): Profile {
  const { profile } = useContext(ActingContext);
  if (!profile) throw new Error('useProfile() outside a working session');
  return profile;
}
