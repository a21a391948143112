import { z } from 'zod';
import { RecordMeta, RequiredName, Role } from './common';

export const Profile = z.object({
  ...RecordMeta,
  name: RequiredName,
  initials: z.string().trim().min(1, 'must not be empty').max(5, 'at most 5 characters'),
  roles: z.array(Role).min(1, 'a profile needs at least one role'),
});
export type Profile = z.infer<typeof Profile>;

export const ProfileFields = Profile.pick({ name: true, initials: true, roles: true });
