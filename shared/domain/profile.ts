import { z } from 'zod';
import { IsoDateTime, RecordMeta, RequiredName, Role } from './common';

export const Profile = z.object({
  ...RecordMeta,
  name: RequiredName,
  initials: z.string().trim().min(1, 'must not be empty').max(5, 'at most 5 characters'),
  roles: z.array(Role).min(1, 'a profile needs at least one role'),
  /** Set while the profile is deactivated: it may not act, and it is not offered to work as. */
  deactivatedAt: IsoDateTime.nullable(),
});
export type Profile = z.infer<typeof Profile>;

export const ProfileFields = Profile.pick({ name: true, initials: true, roles: true });
