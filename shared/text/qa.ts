// The checks a translation passes before it goes to review (issue 14): what a reviewer would
// otherwise catch by eye. Pure functions of the segments and the desk's glossary, so the Core
// (which refuses a submission with open findings) and the editor (which lists them as the
// translator types) give the same answers.
import { extractHashtags, extractLinks, extractMentions, extractScriptureRefs, findEntities } from './extract';
import { foldText } from './fold';
import { containsPhrase, findTerms, prepareTerms } from './glossary';

export type QaCheckName =
  | 'empty' | 'untranslated' | 'numbers' | 'hashtags' | 'mentions' | 'links' | 'scripture' | 'glossary' | 'forbidden' | 'brackets';

export interface QaSegment { id: string; source: string; target: string }
export interface QaTerm { term: string; renderings: readonly string[]; forbidden: readonly string[] }

export interface QaIssue {
  segmentId: string;
  check: QaCheckName;
  /** What it is about: the number, tag, handle, link, reference, term or bracket. Keys an override. */
  subject: string;
  message: string;
}

/** Digit runs (Arabic-Indic and Persian digits read as ASCII by the folding), with their count. */
function numbers(text: string): Map<string, number> {
  // Digits inside links, handles, tags and references are their own checks' business.
  let bare = '';
  let at = 0;
  for (const e of findEntities(text)) {
    bare += `${text.slice(at, e.start)} `;
    at = e.end;
  }
  bare += text.slice(at);
  const out = new Map<string, number>();
  for (const m of foldText(bare).matchAll(/\d+/g)) out.set(m[0], (out.get(m[0]) ?? 0) + 1);
  return out;
}

const refKey = (r: { chapter: number; verse: number; verseEnd?: number }) => `${r.chapter}:${r.verse}${r.verseEnd ? `-${r.verseEnd}` : ''}`;

const PAIRS: Record<string, string> = { ']': '[', ')': '(', '}': '{' };

/** The first bracket that is not closed, or closes nothing, or null when all are balanced. */
function unbalanced(text: string): string | null {
  const stack: string[] = [];
  for (const ch of text) {
    if (ch === '[' || ch === '(' || ch === '{') stack.push(ch);
    else if (ch in PAIRS) {
      if (stack.pop() !== PAIRS[ch]) return ch;
    }
  }
  return stack.length ? (stack[stack.length - 1] as string) : null;
}

export function qaSegment(seg: QaSegment, terms: readonly QaTerm[] = []): QaIssue[] {
  const out: QaIssue[] = [];
  const add = (check: QaCheckName, subject: string, message: string) => out.push({ segmentId: seg.id, check, subject, message });
  const source = seg.source;
  const target = seg.target;
  if (target.trim() === '') {
    if (source.trim() !== '') add('empty', '', 'has no translation');
    return out;
  }
  if (target.trim() === source.trim()) add('untranslated', '', 'the target is the same as the original (not translated)');

  const inTarget = numbers(target);
  for (const [n, count] of numbers(source)) {
    const found = inTarget.get(n) ?? 0;
    if (found < count) add('numbers', n, `the number ${n} of the original is missing from the translation`);
  }

  // A tag may be carried as written or rendered (#Al-Aqsa_Flood for #طوفان_الأقصى): only a
  // translation with fewer tags than its original is missing one.
  const srcTags = extractHashtags(source);
  const trgTags = extractHashtags(target);
  const trgTagKeys = new Set(trgTags.map(foldText));
  if (trgTags.length < srcTags.length) {
    for (const tag of srcTags) if (!trgTagKeys.has(foldText(tag))) add('hashtags', `#${tag}`, `the hashtag #${tag} is not in the translation`);
  }
  const trgHandles = new Set(extractMentions(target).map((h) => h.toLowerCase()));
  for (const h of extractMentions(source)) if (!trgHandles.has(h.toLowerCase())) add('mentions', `@${h}`, `the handle @${h} is not in the translation`);
  const trgLinks = new Set(extractLinks(target));
  for (const url of extractLinks(source)) if (!trgLinks.has(url)) add('links', url, `the link ${url} is not in the translation`);

  const trgRefs = new Set(extractScriptureRefs(target).map(refKey));
  for (const r of extractScriptureRefs(source)) {
    const k = refKey(r);
    if (!trgRefs.has(k)) add('scripture', `Quran ${k}`, `the reference to Quran ${k} (${r.text}) is not kept in the translation`);
  }

  if (terms.length) {
    const found = new Set<QaTerm>();
    for (const hit of findTerms(source, prepareTerms(terms))) {
      const t = hit.term;
      if (found.has(t)) continue;
      found.add(t);
      if (!t.renderings.some((r) => containsPhrase(target, r))) {
        add('glossary', t.term, `“${t.term}” should be rendered as ${t.renderings.map((r) => `“${r}”`).join(' or ')} (glossary)`);
      }
      // Only for a term the original uses: a forbidden rendering is a mistranslation of it.
      for (const bad of t.forbidden) {
        if (containsPhrase(target, bad)) add('forbidden', bad, `“${bad}” is a forbidden rendering of “${t.term}” (glossary)`);
      }
    }
  }

  const b = unbalanced(target);
  if (b !== null) add('brackets', b, `the bracket ${b} is not balanced: a translator's insertion must be closed`);
  return out;
}

/** Every finding of a revision's segments, in segment order. */
export function qaSegments(segments: readonly QaSegment[], terms: readonly QaTerm[] = []): QaIssue[] {
  return segments.flatMap((s) => qaSegment(s, terms));
}
