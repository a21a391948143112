// Labels keyed by the domain enums: a new value fails to typecheck until it has one.
import type { CaseStatus, DatePrecision, Marking, Role } from '../../../shared/domain';

export const ROLE_LABELS = {
  analyst: 'Analyst', case_manager: 'Case manager', reviewer: 'Reviewer', admin: 'Administrator',
} as const satisfies Record<Role, string>;
export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const MARKING_LABELS = {
  public: 'Public', subscribers: 'Subscribers', internal: 'Internal', restricted: 'Restricted',
} as const satisfies Record<Marking, string>;
export const MARKINGS = Object.keys(MARKING_LABELS) as Marking[];

export const STATUS_LABELS = {
  open: 'Open', active: 'Active', on_hold: 'On hold', closed: 'Closed', archived: 'Archived',
} as const satisfies Record<CaseStatus, string>;
export const STATUSES = Object.keys(STATUS_LABELS) as CaseStatus[];

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const PRIORITY_LABELS = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' } as const satisfies Record<Priority, string>;
export const PRIORITIES = Object.keys(PRIORITY_LABELS) as Priority[];

export const PRECISION_LABELS = {
  year: 'Year', month: 'Month', day: 'Day', minute: 'Minute',
} as const satisfies Record<DatePrecision, string>;
export const PRECISIONS = Object.keys(PRECISION_LABELS) as DatePrecision[];

export type SourceKind = 'social_post' | 'video' | 'audio' | 'web_page' | 'document' | 'image' | 'broadcast' | 'press_release';
export const SOURCE_KIND_LABELS = {
  social_post: 'Social media post', video: 'Video', audio: 'Audio', web_page: 'Web page', document: 'Document',
  image: 'Image', broadcast: 'Broadcast', press_release: 'Press release',
} as const satisfies Record<SourceKind, string>;
export const SOURCE_KINDS = Object.keys(SOURCE_KIND_LABELS) as SourceKind[];

export type ActorKind = 'person' | 'organization' | 'media_outlet' | 'platform_account';
export const ACTOR_KIND_LABELS = {
  person: 'Person', organization: 'Organization', media_outlet: 'Media outlet', platform_account: 'Platform account',
} as const satisfies Record<ActorKind, string>;
export const ACTOR_KINDS = Object.keys(ACTOR_KIND_LABELS) as ActorKind[];

export type AliasKind = 'name' | 'kunya' | 'laqab' | 'nisba' | 'transliteration' | 'original_script' | 'handle' | 'other';
export const ALIAS_KIND_LABELS = {
  name: 'Name', kunya: 'Kunya', laqab: 'Laqab', nisba: 'Nisba', transliteration: 'Transliteration',
  original_script: 'Original script', handle: 'Handle', other: 'Other',
} as const satisfies Record<AliasKind, string>;
export const ALIAS_KINDS = Object.keys(ALIAS_KIND_LABELS) as AliasKind[];

export type RelationKind = 'leader_of' | 'member_of' | 'spokesperson_for' | 'backed_by' | 'account_of';
export const RELATION_LABELS = {
  leader_of: 'Leader of', member_of: 'Member of', spokesperson_for: 'Spokesperson for', backed_by: 'Backed by', account_of: 'Account of',
} as const satisfies Record<RelationKind, string>;
/** The same relation read from the other end. */
export const RELATION_INVERSE_LABELS = {
  leader_of: 'Led by', member_of: 'Has member', spokesperson_for: 'Has spokesperson', backed_by: 'Backs', account_of: 'Has account',
} as const satisfies Record<RelationKind, string>;
export const RELATIONS = Object.keys(RELATION_LABELS) as RelationKind[];

export const RELIABILITY_LABELS = {
  A: 'A — Completely reliable', B: 'B — Usually reliable', C: 'C — Fairly reliable', D: 'D — Not usually reliable',
  E: 'E — Unreliable', F: 'F — Reliability cannot be judged',
} as const;
export const CREDIBILITY_LABELS = {
  '1': '1 — Confirmed by other sources', '2': '2 — Probably true', '3': '3 — Possibly true', '4': '4 — Doubtful',
  '5': '5 — Improbable', '6': '6 — Truth cannot be judged',
} as const;

export const RECORD_TYPE_LABELS: Record<string, string> = {
  profile: 'Profile', case: 'Case', actor: 'Actor', actor_relation: 'Actor relation', statement: 'Statement', source: 'Source',
  citation: 'Citation', attachment: 'Attachment', note: 'Note', event: 'Event', report: 'Report', translation: 'Translation',
};

export const LANGUAGES: readonly { tag: string; label: string }[] = [
  { tag: 'ar', label: 'Arabic' }, { tag: 'fa', label: 'Persian' }, { tag: 'ur', label: 'Urdu' }, { tag: 'tr', label: 'Turkish' },
  { tag: 'ps', label: 'Pashto' }, { tag: 'ru', label: 'Russian' }, { tag: 'en', label: 'English' }, { tag: 'fr', label: 'French' },
  { tag: 'de', label: 'German' },
];
export function languageLabel(tag: string | null | undefined): string {
  if (!tag) return '';
  return LANGUAGES.find((l) => l.tag === tag)?.label ?? tag;
}

export function label<T extends string>(labels: Record<T, string>, value: T | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined) return fallback;
  return labels[value] ?? String(value);
}
