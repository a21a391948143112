import { z } from 'zod';

/**
 * What a profile may be allowed to do. The Core decides who may (its one rule table,
 * electron/core/services/permissions.ts) and answers `profiles.permissions` from that table;
 * the UI only shows the answer, so the two cannot disagree.
 */
export const Permission = z.enum([
  'cases.create', 'cases.edit', 'cases.organize', 'cases.file', 'cases.trash',
  'actors.create', 'actors.edit', 'actors.relate', 'actors.trash',
  'statements.create', 'statements.edit', 'statements.relate', 'statements.trash',
  'sources.create', 'sources.edit', 'sources.trash', 'sources.cite', 'markings.lower',
  'attachments.add', 'attachments.trash',
  'notes.write', 'events.write', 'reports.write', 'reports.publish', 'reports.overrideMarking',
  'translations.translate', 'translations.review', 'translations.comment', 'translations.publish',
  'profiles.manage', 'trash.purge', 'desk.reindex', 'cases.exchange',
  'glossary.edit',
]);
export type Permission = z.infer<typeof Permission>;

/** Whether the acting profile may, and when not, the Core's own words for why. */
export const Allowance = z.object({ allowed: z.boolean(), reason: z.string().nullable() });
export type Allowance = z.infer<typeof Allowance>;

/** Every permission of one profile (zod makes a record over an enum exhaustive). */
export const Permissions = z.object({ profileId: z.string(), actions: z.record(Permission, Allowance) });
export type Permissions = z.infer<typeof Permissions>;
