// Words for the translation workflow (domain.md, "Translation workflow"), keyed by the domain
// enums: a new state fails to typecheck until it has its words.
import type { TranslationRevision, TranslationState, XliffState } from '../../../../shared/domain';
import { XLIFF_STATE } from '../../../../shared/domain';
import { languageLabel } from '../../components/labels';
import { i18n } from '../../i18n/instance';

/** translations catalogue words, read when used (so always in the language on show). */
const say = (key: string, options?: Record<string, unknown>): string => i18n.t(key as never, { ns: 'translations', ...options }) as string;
function words<K extends string>(group: string, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of keys) Object.defineProperty(out, k, { enumerable: true, get: () => say(`${group}.${k}`) });
  return out;
}

export const STATE_LABELS = words('state', ['draft', 'in_review', 'changes_requested', 'approved', 'final'] as const) satisfies Record<TranslationState, string>;

const XLIFF_WORDS = words('xliff', ['initial', 'translated', 'reviewed', 'final'] as const) satisfies Record<XliffState, string>;

/** The XLIFF 2.0 equivalent of a state, as a CAT tool would see it. */
export function xliffHint(state: TranslationState): string {
  const x = XLIFF_STATE[state];
  return say('xliffHint', { state: x, words: XLIFF_WORDS[x] });
}

export const ORIGIN_LABELS = words('origin', ['start', 'edit', 'xliff', 'published_wording'] as const) satisfies Record<TranslationRevision['origin'], string>;

export function langPair(sourceLang: string | null, targetLang: string): string {
  return say('langPair', { source: sourceLang ? languageLabel(sourceLang) : say('unknownLanguage'), target: languageLabel(targetLang) });
}

const RTL = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'ckb', 'sd', 'ug', 'dv']);
/** Whether a language is written right to left (for column headings; the text itself uses dir="auto"). */
export function isRtl(tag: string | null | undefined): boolean {
  return !!tag && RTL.has(tag.split('-')[0]!.toLowerCase());
}
