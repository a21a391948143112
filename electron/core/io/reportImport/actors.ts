// Who a report names: existing actors found by any of their names or aliases, in any script,
// through the Core's name index; and, for the quoted statement's speaker and organisation
// when no existing actor is named, a proposal read from how English reports introduce them
// ("Akram Al-Kaabi, Secretary-General of the … Al-Nujaba Movement militia").
import type { Db } from '../../db/open';
import { fold, mapRange } from '../../../../shared/text/fold';
import { tokenSpans } from '../../search/tokens';
import { stemArabicPrefix } from '../../../../shared/text/stemArabic';
import { actorsNamedBy, nameIndex, PARTICLES, skeleton, type NameEntry } from '../../search/names';

export interface Mention {
  /** Offsets into the text that was searched. */
  start: number;
  end: number;
  /** As written in the report. */
  written: string;
  /** Every actor these words name (more than one: ambiguous). */
  actors: { id: string; name: string; kind: string }[];
  fuzzy: boolean;
}

/** Adjectives that stand before an organisation's name or after a person's, never names by themselves. */
const NOT_NAMES = new Set([
  'iraqi', 'iranian', 'syrian', 'lebanese', 'yemeni', 'palestinian', 'afghan', 'pakistani', 'saudi', 'egyptian',
  'turkish', 'jordanian', 'libyan', 'somali', 'nigerian', 'malian', 'israeli', 'american', 'kurdish', 'qatari',
  'bahraini', 'kuwaiti', 'emirati', 'sudanese', 'tunisian', 'algerian', 'moroccan', 'arab', 'arabic', 'islamic',
  'shiite', 'shii', 'shia', 'sunni', 'muslim', 'jihadi',
]);

const MAX_NAME_WORDS = 4;

const key = (w: string) => skeleton(stemArabicPrefix(w));

/**
 * A finder of existing actors named in a text, longest name first at each place, left to
 * right. Only runs of words that hold at least one word of some actor's names (letter for
 * letter or by transliteration) are looked up, so a long report costs little.
 */
export function actorMentionFinder(db: Db): (text: string) => Mention[] {
  const anchors = new Set<string>();
  for (const e of nameIndex(db).entries.values()) {
    if (e.kind === 'actor') for (const ws of e.words) for (const w of ws) if (!PARTICLES.has(w)) anchors.add(key(w));
  }
  return (text) => mentionsIn(db, text, anchors);
}

export function findActorMentions(db: Db, text: string): Mention[] {
  return actorMentionFinder(db)(text);
}

function mentionsIn(db: Db, text: string, anchors: Set<string>): Mention[] {
  const { folded, map } = fold(text);
  const spans = tokenSpans(folded);
  const content = spans.map((s, i) => i).filter((i) => !PARTICLES.has((spans[i] as { token: string }).token));
  const out: Mention[] = [];
  for (let k = 0; k < content.length;) {
    let taken = 0;
    for (let n = Math.min(MAX_NAME_WORDS, content.length - k); n >= 1 && taken === 0; n--) {
      const first = content[k] as number;
      const last = content[k + n - 1] as number;
      // A name's words stand together: only particles (al-, bin, abu) between them.
      if (last - first - (n - 1) > 2) continue;
      const ws = spans.slice(first, last + 1).map((s) => s.token);
      if (n === 1 && NOT_NAMES.has(ws[0] as string)) continue;
      if (!ws.some((w) => anchors.has(key(w)))) continue;
      // One word is a name only letter for letter (or by transliteration); a longer name may differ a little.
      const found = actorsNamedBy(db, ws, () => n >= 2);
      if (found.length === 0) continue;
      // Particles just before the first word belong to the name as written ("Al-" of Al-Nujaba).
      let from = first;
      while (from > 0 && first - from < 2 && PARTICLES.has((spans[from - 1] as { token: string }).token)
        && folded.slice((spans[from - 1] as { end: number }).end, (spans[from] as { start: number }).start).trim().length <= 1) from--;
      const [start, end] = mapRange(map, (spans[from] as { start: number }).start, (spans[last] as { end: number }).end, text.length, text);
      out.push({
        start, end, written: text.slice(start, end),
        actors: found.map((m) => actorOf(m.entry)),
        fuzzy: found.every((m) => m.fuzzy),
      });
      taken = n;
    }
    k += taken || 1;
  }
  return out;
}

function actorOf(e: NameEntry): { id: string; name: string; kind: string } {
  return { id: e.id, name: e.label, kind: e.actorKind ?? 'person' };
}

// --- proposals ---------------------------------------------------------------------------------

const WORD = "\\p{Lu}[\\p{L}'’]*(?:-\\p{Lu}[\\p{L}'’]*)*";
const NAME_WORD = `(?:(?:[Aa]l|[Ee]l)-)?${WORD}`;
const PARTICLE = '(?:bin|ibn|Bin|Ibn|Abu|Abd|abu|al|Al|el|El|Umm|Abdul)';
const NAME = `${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+)?${NAME_WORD}){1,3}`;
const ROLE = '(?:Secretary-General|[Ss]ecretary[- ][Gg]eneral|[Gg]eneral [Ss]ecretary|[Ll]eader|[Hh]ead|[Ss]pokes(?:man|woman|person)|[Cc]ommander|[Ff]ounder|[Cc]hief|[Dd]eputy(?: [\\p{L}-]+){0,2}|[Ee]mir|[Aa]mir|[Oo]fficial|[Mm]ember|[Pp]resident|[Dd]irector|[Cc]hairman|[Cc]leric|[Ii]deologue)';
const PERSON_BEFORE_ROLE = new RegExp(`(${NAME}),\\s+(?:the\\s+|a\\s+)?(?:[\\p{L}'’-]+\\s+){0,3}?${ROLE}\\b`, 'u');
const ROLE_BEFORE_PERSON = new RegExp(`\\b${ROLE}\\s+(${NAME})\\b`, 'u');
const ORG_KEYWORD = '(?:Movement|Brigades?|Battalions?|Organi[sz]ation|Party|Front|Army|Group|Forces|Council|Committee|Resistance|Hizbullah|Hezbollah|Hizballah|Network|Corps|Foundation|Media|Jihad|State|Emirate)';
const ORG = new RegExp(`((?:${NAME_WORD}\\s+){1,5}${ORG_KEYWORD})\\b`, 'gu');

export interface ProposedName { kind: 'person' | 'organization'; name: string; start: number; end: number }

function stripAdjectives(name: string): string {
  // A Title Case headline runs words together: "Leader Of Iraqi Shi'ite Al-Nujaba Movement".
  const ws = name.split(/\s+/);
  const joint = ws.findLastIndex((w) => /^(Of|For|The|And|In|On|To|From|By|With|At)$/.test(w));
  if (joint >= 0) ws.splice(0, joint + 1);
  while (ws.length > 1 && (NOT_NAMES.has(foldWord(ws[0] as string)) || /-backed$/i.test(ws[0] as string) || /^pro-/i.test(ws[0] as string) || ws[0] === 'The')) ws.shift();
  return ws.join(' ');
}

function foldWord(w: string): string {
  return w.toLowerCase().replace(/['’]/g, '');
}

/** A person introduced by role, in `text`: "NAME, Secretary-General of …" or "spokesman NAME". */
export function proposePerson(text: string): ProposedName | null {
  const m = PERSON_BEFORE_ROLE.exec(text) ?? ROLE_BEFORE_PERSON.exec(text);
  if (!m) return null;
  const name = stripAdjectives(m[1] as string);
  if (name.split(/\s+/).length < 2) return null;
  const start = m.index + m[0].indexOf(m[1] as string) + (m[1] as string).length - name.length;
  return { kind: 'person', name, start, end: start + name.length };
}

/** The first organisation named in `text` by a name ending in Movement, Brigades, Party …, adjectives left off. */
export function proposeOrganization(text: string, after = 0): ProposedName | null {
  ORG.lastIndex = 0;
  for (const m of text.matchAll(ORG)) {
    if (m.index < after) continue;
    const name = stripAdjectives(m[1] as string);
    if (name.split(/\s+/).length < 2) continue;
    const start = m.index + (m[1] as string).length - name.length;
    return { kind: 'organization', name, start, end: start + name.length };
  }
  return null;
}
