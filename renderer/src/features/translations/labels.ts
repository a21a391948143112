// Words for the translation workflow (domain.md, "Translation workflow"), keyed by the domain
// enums: a new state fails to typecheck until it has its words.
import type { TranslationRevision, TranslationState, XliffState } from '../../../../shared/domain';
import { XLIFF_STATE } from '../../../../shared/domain';
import { languageLabel } from '../../components/labels';

export const STATE_LABELS = {
  draft: 'Draft', in_review: 'In review', changes_requested: 'Changes requested', approved: 'Approved', final: 'Final',
} as const satisfies Record<TranslationState, string>;

const XLIFF_WORDS = {
  initial: 'not yet translated or being reworked', translated: 'translated, waiting for review', reviewed: 'reviewed and approved',
  final: 'final, published',
} as const satisfies Record<XliffState, string>;

/** The XLIFF 2.0 equivalent of a state, as a CAT tool would see it. */
export function xliffHint(state: TranslationState): string {
  const x = XLIFF_STATE[state];
  return `XLIFF 2.0 state="${x}" (${XLIFF_WORDS[x]})`;
}

export const ORIGIN_LABELS = {
  start: 'Started from the original', edit: 'Edited', xliff: 'Imported from XLIFF', published_wording: 'Published wording',
} as const satisfies Record<TranslationRevision['origin'], string>;

export function langPair(sourceLang: string | null, targetLang: string): string {
  return `${sourceLang ? languageLabel(sourceLang) : 'Unknown language'} → ${languageLabel(targetLang)}`;
}

const RTL = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'ckb', 'sd', 'ug', 'dv']);
/** Whether a language is written right to left (for column headings; the text itself uses dir="auto"). */
export function isRtl(tag: string | null | undefined): boolean {
  return !!tag && RTL.has(tag.split('-')[0]!.toLowerCase());
}
