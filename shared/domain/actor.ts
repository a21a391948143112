import { z } from 'zod';
import { Id, MediumText, RecordMeta, RequiredName, ShortText } from './common';

export const ActorKind = z.enum(['person', 'organization', 'media_outlet', 'platform_account']);
export const AliasKind = z.enum(['name', 'kunya', 'laqab', 'nisba', 'transliteration', 'original_script', 'handle', 'other']);

export const Alias = z.object({
  alias: RequiredName,
  kind: AliasKind,
  /** BCP 47 language/script of the alias, e.g. "ar", "en", "ar-Latn". */
  lang: z.string().max(35).nullable(),
});
export type Alias = z.infer<typeof Alias>;

export const Actor = z.object({
  ...RecordMeta,
  kind: ActorKind,
  name: RequiredName,
  nameOriginal: ShortText.nullable(),
  aliases: z.array(Alias).max(500),
  description: MediumText,
  country: ShortText.nullable(),
});
export type Actor = z.infer<typeof Actor>;
export const ActorFields = Actor.pick({ kind: true, name: true, nameOriginal: true, aliases: true, description: true, country: true });

export const RelationKind = z.enum(['leader_of', 'member_of', 'spokesperson_for', 'backed_by', 'account_of']);
export const ActorRelation = z.object({
  id: Id,
  fromActorId: Id,
  relation: RelationKind,
  toActorId: Id,
  note: ShortText,
  createdAt: z.string(),
  createdBy: Id.nullable(),
});
export type ActorRelation = z.infer<typeof ActorRelation>;
