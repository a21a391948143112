// Labels keyed by the domain enums: a new value fails to typecheck until it has one. The words are in
// the `labels` catalogue (renderer/src/i18n/locales/*/labels.json); each label is read when it is
// used, so it is always in the language on show.
import type { CaseStatus, DatePrecision, Marking, Role } from '../../../shared/domain';
import { i18n } from '../i18n/instance';

/** An object whose every property reads `labels:<group>.<key>` in the current language. */
function localized<K extends string>(group: string, keys: readonly K[]): Record<K, string> {
  const labels = {} as Record<K, string>;
  for (const key of keys) {
    Object.defineProperty(labels, key, {
      enumerable: true,
      // The key is built at run time; tests/renderer/i18nCatalogues.test.ts checks each group has every key.
      get: () => i18n.t(`${group}.${key}` as never, { ns: 'labels' }) as string,
    });
  }
  return labels;
}

export const ROLE_LABELS = localized('role', ['analyst', 'case_manager', 'reviewer', 'admin'] as const) satisfies Record<Role, string>;
export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const MARKING_LABELS = localized('marking', ['public', 'subscribers', 'internal', 'restricted'] as const) satisfies Record<Marking, string>;
export const MARKINGS = Object.keys(MARKING_LABELS) as Marking[];

export const STATUS_LABELS = localized('status', ['open', 'active', 'on_hold', 'closed', 'archived'] as const) satisfies Record<CaseStatus, string>;
export const STATUSES = Object.keys(STATUS_LABELS) as CaseStatus[];

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const PRIORITY_LABELS = localized('priority', ['low', 'normal', 'high', 'urgent'] as const) satisfies Record<Priority, string>;
export const PRIORITIES = Object.keys(PRIORITY_LABELS) as Priority[];

export const PRECISION_LABELS = localized('precision', ['year', 'month', 'day', 'minute'] as const) satisfies Record<DatePrecision, string>;
export const PRECISIONS = Object.keys(PRECISION_LABELS) as DatePrecision[];

export type SourceKind = 'social_post' | 'video' | 'audio' | 'web_page' | 'document' | 'image' | 'broadcast' | 'press_release';
export const SOURCE_KIND_LABELS = localized('sourceKind', ['social_post', 'video', 'audio', 'web_page', 'document', 'image', 'broadcast', 'press_release'] as const) satisfies Record<SourceKind, string>;
export const SOURCE_KINDS = Object.keys(SOURCE_KIND_LABELS) as SourceKind[];

export type ActorKind = 'person' | 'organization' | 'media_outlet' | 'platform_account';
export const ACTOR_KIND_LABELS = localized('actorKind', ['person', 'organization', 'media_outlet', 'platform_account'] as const) satisfies Record<ActorKind, string>;
export const ACTOR_KINDS = Object.keys(ACTOR_KIND_LABELS) as ActorKind[];

export type AliasKind = 'name' | 'kunya' | 'laqab' | 'nisba' | 'transliteration' | 'original_script' | 'handle' | 'other';
export const ALIAS_KIND_LABELS = localized('aliasKind', ['name', 'kunya', 'laqab', 'nisba', 'transliteration', 'original_script', 'handle', 'other'] as const) satisfies Record<AliasKind, string>;
export const ALIAS_KINDS = Object.keys(ALIAS_KIND_LABELS) as AliasKind[];

export type RelationKind = 'leader_of' | 'member_of' | 'spokesperson_for' | 'backed_by' | 'account_of';
export const RELATION_LABELS = localized('relation', ['leader_of', 'member_of', 'spokesperson_for', 'backed_by', 'account_of'] as const) satisfies Record<RelationKind, string>;
/** The same relation read from the other end. */
export const RELATION_INVERSE_LABELS = localized('relationInverse', ['leader_of', 'member_of', 'spokesperson_for', 'backed_by', 'account_of'] as const) satisfies Record<RelationKind, string>;
export const RELATIONS = Object.keys(RELATION_LABELS) as RelationKind[];

export const RELIABILITY_LABELS = localized('reliability', ['A', 'B', 'C', 'D', 'E', 'F'] as const);
export const CREDIBILITY_LABELS = localized('credibility', ['1', '2', '3', '4', '5', '6'] as const);

export const RECORD_TYPE_LABELS: Record<string, string> = localized('recordType', ['profile', 'case', 'actor', 'actor_relation', 'statement', 'source', 'citation', 'attachment', 'note', 'event', 'report', 'translation']);

const LANGUAGE_TAGS = ['ar', 'fa', 'ur', 'tr', 'ps', 'ru', 'en', 'fr', 'de'] as const;
const LANGUAGE_NAMES = localized('language', LANGUAGE_TAGS);
/** The languages a statement or translation may be in (not the interface's: see i18n/preferences.ts). */
export const LANGUAGES: readonly { tag: string; readonly label: string }[] = LANGUAGE_TAGS.map((tag) => ({ tag, get label() { return LANGUAGE_NAMES[tag]; } }));
export function languageLabel(tag: string | null | undefined): string {
  if (!tag) return '';
  return LANGUAGES.find((l) => l.tag === tag)?.label ?? tag;
}

export function label<T extends string>(labels: Record<T, string>, value: T | null | undefined, fallback = '—'): string {
  if (value === null || value === undefined) return fallback;
  return labels[value] ?? String(value);
}
