/**
 * Who may do what: the one table of role rules. Every refusal the Core makes for a missing
 * role comes from here, and `profiles.permissions` tells the UI the same answers, so a form
 * can never look editable to a profile whose save the Core would refuse.
 */
import type { Allowance, Permission, Permissions, Role } from '../../../shared/domain';
import { CoreError } from '../errors';
import type { Actor } from './acting';

interface Rule {
  /** Any one of these roles is enough. */
  roles: readonly Role[];
  /** What the permission lets a profile do, as the refusal says it ("Only ... may <does>."). */
  does: string;
}

const ANALYST = ['analyst'] as const;

export const RULES: Readonly<Record<Permission, Rule>> = {
  'cases.create': { roles: ['case_manager'], does: 'open a case file' },
  'cases.edit': { roles: ['analyst', 'case_manager'], does: 'edit a case' },
  // Organising the desk is a case manager's job: assignees, marking, priority, due date, status.
  'cases.organize': { roles: ['case_manager'], does: 'assign, prioritise, schedule, re-mark, close or archive a case' },
  'cases.file': { roles: ['analyst', 'case_manager'], does: 'add records to a case or remove them' },
  // Taking a bundle in writes into many records at once and may trust another desk's key.
  'cases.exchange': { roles: ['analyst', 'case_manager'], does: 'import case bundles, accept another desk\'s key or settle what a bundle left in conflict' },
  'cases.trash': { roles: ['case_manager'], does: 'move a case to the trash or restore it' },
  'actors.create': { roles: ANALYST, does: 'add actors' },
  'actors.edit': { roles: ANALYST, does: 'edit actors' },
  'actors.relate': { roles: ANALYST, does: 'relate actors' },
  'actors.trash': { roles: ANALYST, does: 'move actors to the trash or restore them' },
  'statements.create': { roles: ANALYST, does: 'capture statements' },
  'statements.edit': { roles: ANALYST, does: 'edit statements' },
  'statements.relate': { roles: ANALYST, does: 'relate statements' },
  'statements.trash': { roles: ANALYST, does: 'move statements to the trash or restore them' },
  'sources.create': { roles: ANALYST, does: 'add sources' },
  'sources.edit': { roles: ANALYST, does: 'edit sources' },
  'sources.trash': { roles: ANALYST, does: 'move sources to the trash or restore them' },
  'sources.cite': { roles: ANALYST, does: 'cite sources' },
  // Distribution is the case manager's call, as for a case: lowering a record's marking (restricted
  // -> public) can publish it. Raising it is always allowed to whoever may edit the record.
  'markings.lower': { roles: ['case_manager'], does: "lower a statement's or a source's marking" },
  'attachments.add': { roles: ['analyst', 'case_manager'], does: 'attach files' },
  'attachments.trash': { roles: ['analyst', 'case_manager'], does: 'move attachments to the trash or restore them' },
  'notes.write': { roles: ['analyst', 'case_manager', 'reviewer'], does: 'write notes' },
  'events.write': { roles: ANALYST, does: 'add timeline events' },
  // Drafting: create, edit, cite and quote in a report, trash and restore it.
  'reports.write': { roles: ANALYST, does: 'draft reports' },
  // Publishing also needs four eyes (not the report's author or an editor of its text): a
  // separate check in reportOutput.ts, since it depends on the report, not only on roles.
  'reports.publish': { roles: ['reviewer', 'case_manager'], does: 'publish reports' },
  // Exporting needs no permission: whoever can see a report may read it, and an export is a
  // reading of it (audited). Letting records more restricted than the report's marking into an
  // export (allowMarking) is a distribution decision: a case manager's, or the report's own
  // author's (whoever wrote or edited its text), checked in reportOutput.ts.
  'reports.overrideMarking': {
    roles: ['case_manager'],
    does: "let records more restricted than a report's marking into an export of a report they did not write",
  },
  'translations.translate': { roles: ANALYST, does: 'translate statements' },
  'translations.review': { roles: ['reviewer'], does: 'approve translations or request changes' },
  'translations.comment': { roles: ['analyst', 'reviewer', 'case_manager'], does: 'comment on translations' },
  'translations.publish': { roles: ANALYST, does: 'publish translations' },
  // The glossary is the desk's ruling on how terms are rendered: the people who check
  // translations keep it (issue 14), and case managers who organise the desk; analysts read it.
  'glossary.edit': { roles: ['reviewer', 'case_manager'], does: 'edit the glossary' },
  'profiles.manage': { roles: ['admin'], does: 'manage profiles' },
  'trash.purge': { roles: ['admin'], does: 'purge records from the trash for good' },
  'desk.reindex': { roles: ['admin'], does: 'rebuild the search index' },
};

function holds(a: Actor, rule: Rule): boolean {
  return a.trusted === true || rule.roles.some((r) => a.profile?.roles.includes(r) ?? false);
}

function refusal(rule: Rule, does: string): string {
  return `Only a profile with the ${rule.roles.map((r) => r.replace('_', ' ')).join(' or ')} role may ${does}.`;
}

export function may(a: Actor, permission: Permission): boolean {
  return holds(a, RULES[permission]);
}

/**
 * Refuses unless the acting profile holds one of the permission's roles. `does` words the
 * refusal for the exact operation ("close a case") when the rule covers several.
 */
export function requirePermission(a: Actor, permission: Permission, does?: string): void {
  const rule = RULES[permission];
  if (!holds(a, rule)) throw new CoreError('forbidden', refusal(rule, does ?? rule.does), { needsRole: rule.roles[0] });
}

export function permissionsOf(a: Actor & { profile: NonNullable<Actor['profile']> }): Permissions {
  const actions = Object.fromEntries(Object.entries(RULES).map(([p, rule]): [string, Allowance] => {
    const allowed = holds(a, rule);
    return [p, { allowed, reason: allowed ? null : refusal(rule, rule.does) }];
  })) as Permissions['actions'];
  return { profileId: a.profile.id, actions };
}
