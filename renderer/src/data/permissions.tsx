/**
 * What the acting profile may do, as the Core answers it (`profiles.permissions`, read from the
 * same rule table its refusals come from). The UI never works this out from roles itself: it
 * shows read-only fields and disabled actions, with the Core's own reason beside them.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { Allowance, Permission, Permissions } from '../../../shared/domain';
import { call, toApiError } from '../api/client';
import type { ApiError } from '../api/client';
import { useProfile } from './acting';
import { keyOf } from './keys';

const PermissionsContext = createContext<Permissions['actions'] | null>(null);

const UNKNOWN: Allowance = { allowed: true, reason: null };

/**
 * Whether the acting profile may do `permission`, and why not. While the answer is unknown
 * (the Core could not say) nothing is shown as forbidden: the Core still refuses on save, and a
 * failed read must not lock the desk.
 */
export function useCan(permission: Permission): Allowance {
  return useContext(PermissionsContext)?.[permission] ?? UNKNOWN;
}

/** Asks the Core once per profile (again after any profile change) before the workstation shows. */
export function PermissionsGate({ children, waiting }: { children: ReactNode; waiting: ReactNode }) {
  const me = useProfile();
  const q = useQuery<Permissions, ApiError>({
    // Per profile: the key scheme leaves `as` out, and this answer is about exactly that.
    queryKey: keyOf('profiles.permissions', { profileId: me.id }),
    queryFn: async () => {
      try {
        return await call('profiles.permissions', { as: me.id });
      } catch (err) {
        throw toApiError(err);
      }
    },
  });
  if (q.isPending) return <>{waiting}</>;
  return <PermissionsContext.Provider value={q.data?.actions ?? null}>{children}</PermissionsContext.Provider>;
}

/** The reason something is read-only or disabled, tied to it by id. */
export function Why({ can, id, className }: { can: Allowance; id?: string; className?: string }) {
  if (can.allowed || !can.reason) return null;
  return <p className={`field-hint why${className ? ` ${className}` : ''}`} id={id}>{can.reason}</p>;
}
