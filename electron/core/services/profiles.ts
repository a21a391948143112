import type { Profile } from '../../../shared/domain';
import { getRecord, listRecords } from '../db/repos/records';
import { CoreError } from '../errors';
import { permissionsOf, requirePermission } from './permissions';
import { write } from './write';
import type { CoreState } from './state';
import { createEntity, mustGet, updateEntity } from './entity';
import { handlerGroup } from './types';

export function countProfiles(s: CoreState): number {
  return (s.db.prepare('SELECT count(*) AS n FROM profiles WHERE deleted_at IS NULL').get() as { n: number }).n;
}

/**
 * The acting profile named by `as`. An unknown or trashed profile may do nothing, and neither
 * may a deactivated one: it stays on the desk only so the audit trail can name it.
 */
export function resolveProfile(s: CoreState, id: string): Profile {
  const profile = getRecord(s.db, 'profile', id);
  if (!profile || profile.deletedAt) throw new CoreError('forbidden', `No active profile with id ${id}: choose a profile first.`, { field: 'as' });
  if (profile.deactivatedAt) {
    throw new CoreError(
      'forbidden',
      `${profile.name} (${profile.initials}) is deactivated and can no longer act on this desk: work as another profile, or ask an administrator to reactivate it.`,
      { field: 'as' },
    );
  }
  return profile;
}

/** Admins who can still act: the desk must always keep one. */
function activeAdmins(s: CoreState): Profile[] {
  return listRecords(s.db, 'profile', { where: ['deleted_at IS NULL', 'deactivated_at IS NULL'], params: [], order: 'created_at', limit: 10_000, offset: 0 })
    .items.filter((p) => p.roles.includes('admin'));
}

function isLastActiveAdmin(s: CoreState, p: Profile): boolean {
  return !p.deactivatedAt && p.roles.includes('admin') && activeAdmins(s).length <= 1;
}

/**
 * One person, one profile: a second profile with the same name (a repeated Create, a second
 * window) would split their trail in two. Compared case-insensitively; trashed ones do not count.
 */
function refuseSameName(s: CoreState, name: string, exceptId: string | null): void {
  const key = (n: string) => n.normalize('NFC').toLocaleLowerCase();
  const same = listRecords(s.db, 'profile', { where: ['deleted_at IS NULL'], params: [], order: 'created_at', limit: 10_000, offset: 0 })
    .items.find((p) => p.id !== exceptId && key(p.name) === key(name));
  if (same) {
    const instead = same.deactivatedAt ? 'it is deactivated: reactivate it instead' : 'use or edit that one';
    throw CoreError.invalid('name', `there is already a profile named ${same.name} (${same.initials}); ${instead}`);
  }
}

export const profileHandlers = handlerGroup({
  // Deactivated profiles are listed too (with deactivatedAt set): every screen that names who
  // did what needs them; only the choice of who is working leaves them out.
  'profiles.list': (s, _a, input) =>
    listRecords(s.db, 'profile', {
      where: input.includeTrashed ? [] : ['deleted_at IS NULL'], params: [], order: 'name COLLATE NOCASE', limit: 10_000, offset: 0,
    }).items,

  'profiles.create': (s, actor, input) => write(s, () => {
    const { as: _as, ...fields } = input;
    const first = countProfiles(s) === 0;
    // The first profile on a new desk bootstraps it, so it is made an admin.
    if (!first) requirePermission(actor, 'profiles.manage');
    refuseSameName(s, fields.name, null);
    const roles = first && !fields.roles.includes('admin') ? [...fields.roles, 'admin' as const] : fields.roles;
    return createEntity(s, actor.profile ? actor : { profile: null }, 'profile', { ...fields, roles: [...new Set(roles)], deactivatedAt: null });
  }),

  'profiles.update': (s, actor, input) => write(s, () => {
    const { as: _as, id, rev, ...patch } = input;
    const self = actor.profile?.id === id;
    const changesRoles = patch.roles !== undefined;
    // Anyone may fix their own name and initials; roles and other profiles are an admin's business.
    if (!self || changesRoles) requirePermission(actor, 'profiles.manage');
    const current = mustGet(s, 'profile', id);
    if (changesRoles && !patch.roles?.includes('admin') && isLastActiveAdmin(s, current)) {
      throw CoreError.invalid('roles', 'this is the last admin profile still active; give another profile the admin role first');
    }
    if (patch.name !== undefined) refuseSameName(s, patch.name, id);
    if (patch.roles) patch.roles = [...new Set(patch.roles)];
    return updateEntity(s, actor, 'profile', id, rev, patch, { current });
  }),

  'profiles.deactivate': (s, actor, { id, rev }) => write(s, () => {
    requirePermission(actor, 'profiles.manage', 'deactivate profiles');
    const current = mustGet(s, 'profile', id);
    if (isLastActiveAdmin(s, current)) {
      throw CoreError.invalid('id', `${current.name} is the last admin profile still active; give another profile the admin role first, then deactivate this one`);
    }
    // Already deactivated: nothing changes, and the first date stays.
    return updateEntity(s, actor, 'profile', id, rev, { deactivatedAt: current.deactivatedAt ?? s.now() }, { current, action: 'profile.deactivate' });
  }),

  'profiles.reactivate': (s, actor, { id, rev }) => write(s, () => {
    requirePermission(actor, 'profiles.manage', 'reactivate profiles');
    const current = mustGet(s, 'profile', id);
    return updateEntity(s, actor, 'profile', id, rev, { deactivatedAt: null }, { current, action: 'profile.reactivate' });
  }),

  'profiles.permissions': (_s, actor) => {
    // `as` is required here, so the door has already resolved it to an active profile.
    if (!actor.profile) throw CoreError.invalid('as', 'name the profile whose permissions you want');
    return permissionsOf({ ...actor, profile: actor.profile });
  },
});
