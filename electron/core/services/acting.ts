import type { Profile, Role } from '../../../shared/domain';
import { CoreError } from '../errors';

/** Who is acting. `trusted` is only for the Core's own loaders (sample data), never for a door. */
export interface Actor {
  profile: Profile | null;
  trusted?: boolean;
}

export function actorId(a: Actor): string | null {
  return a.profile?.id ?? null;
}

export function hasRole(a: Actor, role: Role): boolean {
  return a.trusted === true || (a.profile?.roles.includes(role) ?? false);
}

export function requireRole(a: Actor, role: Role, action: string): void {
  if (!hasRole(a, role)) throw CoreError.forbidden(action, role);
}

export function requireAnyRole(a: Actor, roles: Role[], action: string): void {
  if (!roles.some((r) => hasRole(a, r))) {
    const names = roles.map((r) => r.replace('_', ' '));
    throw new CoreError('forbidden', `Only a profile with the ${names.join(' or ')} role may ${action}.`, { needsRole: roles[0] });
  }
}
