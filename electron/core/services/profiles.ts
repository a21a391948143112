import type { Profile } from '../../../shared/domain';
import { listRecords } from '../db/repos/records';
import { CoreError } from '../errors';
import { write, type CoreState } from './context';
import { permissionsOf, requirePermission } from './permissions';
import { createEntity, mustGet, updateEntity } from './entity';
import type { SomeHandlers } from './types';

export function countProfiles(s: CoreState): number {
  return (s.db.prepare('SELECT count(*) AS n FROM profiles WHERE deleted_at IS NULL').get() as { n: number }).n;
}

/** The acting profile named by `as`; an unknown or trashed profile may do nothing. */
export function resolveProfile(s: CoreState, id: string): Profile {
  const p = s.db.prepare('SELECT id FROM profiles WHERE id = ? AND deleted_at IS NULL').get(id);
  if (!p) throw new CoreError('forbidden', `No active profile with id ${id}: choose a profile first.`, { field: 'as' });
  return mustGet(s, 'profile', id);
}

function admins(s: CoreState): Profile[] {
  return listRecords(s.db, 'profile', { where: ['deleted_at IS NULL'], params: [], order: 'created_at', limit: 10_000, offset: 0 })
    .items.filter((p) => p.roles.includes('admin'));
}

export const profileHandlers: SomeHandlers<'profiles.list' | 'profiles.create' | 'profiles.update' | 'profiles.permissions'> = {
  'profiles.list': (s, _a, input) =>
    listRecords(s.db, 'profile', {
      where: input.includeTrashed ? [] : ['deleted_at IS NULL'], params: [], order: 'name COLLATE NOCASE', limit: 10_000, offset: 0,
    }).items,

  'profiles.create': (s, actor, input) => write(s, () => {
    const { as: _as, ...fields } = input;
    const first = countProfiles(s) === 0;
    // The first profile on a new desk bootstraps it, so it is made an admin.
    if (!first) requirePermission(actor, 'profiles.manage');
    const roles = first && !fields.roles.includes('admin') ? [...fields.roles, 'admin' as const] : fields.roles;
    return createEntity(s, actor.profile ? actor : { profile: null }, 'profile', { ...fields, roles: [...new Set(roles)] });
  }),

  'profiles.update': (s, actor, input) => write(s, () => {
    const { as: _as, id, rev, ...patch } = input;
    const self = actor.profile?.id === id;
    const changesRoles = patch.roles !== undefined;
    // Anyone may fix their own name and initials; roles and other profiles are an admin's business.
    if (!self || changesRoles) requirePermission(actor, 'profiles.manage');
    const current = mustGet(s, 'profile', id);
    if (changesRoles && current.roles.includes('admin') && !patch.roles?.includes('admin') && admins(s).length <= 1) {
      throw CoreError.invalid('roles', 'this is the last admin profile; give another profile the admin role first');
    }
    if (patch.roles) patch.roles = [...new Set(patch.roles)];
    return updateEntity(s, actor, 'profile', id, rev, patch, { current });
  }),

  'profiles.permissions': (_s, actor) => {
    // `as` is required here, so the door has already resolved it to an active profile.
    if (!actor.profile) throw CoreError.invalid('as', 'name the profile whose permissions you want');
    return permissionsOf({ ...actor, profile: actor.profile });
  },
};
