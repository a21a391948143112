// A deterministic synthetic archive for the search benchmark: Arabic originals (with harakat
// on some, alef variants, clitics and ta marbuta), English translations from a Zipf
// vocabulary, actors with transliterated aliases, cases with tags. Same seed, same corpus.

import { rng } from '../support/random';

export { rng };

const EN_COMMON = `the of and to in a is that for on with as by it this be are from at was will our their we they
not has have an which all its who or his but were been more against people forces resistance enemy statement
military attack attacks attacked operation operations base bases drone drones occupation american iraq iraqi
syria israel gaza region fighters leader leaders group groups support war continue decision declared warned
threat threatened threatening victory martyrs blood land nation islamic islam god mujahideen jihad liberation
liberate liberated brigades movement militia militias government security strike strikes rocket rockets
response retaliation zionist withdrawal troops presence sovereignty people's coalition embassy killed wounded
target targeted targets campaign spokesman secretary general commander announced claimed responsibility video
channel telegram posted speech sermon communique martyr struggle path honor dignity promise promised days`.split(/\s+/);

const AR_COMMON = `في من على إلى أن الله التي الذي هذا هذه عن مع كل قد لا ما هو هي نحن إن المقاومة الإسلامية
العراق سوريا فلسطين غزة القدس الاحتلال الأمريكي الصهيوني العدو قوات القواعد المسيرة الطائرات الهجوم العملية
العمليات المجاهدين المجاهدون الشهداء الشهيد النصر الجهاد الأمة الشعب الحرب الرد الانسحاب السيادة الحكومة
الفصائل الكتائب الحركة الأمين العام القائد الناطق بيان أعلن أكد حذر قرر سيكون سوف لن حتى اليوم غدا عسكريا
تحرير الأرض الدم الكرامة العزة الوعد الصادق طوفان الأقصى محور الحشد الشعبي إيران لبنان اليمن البحر الأحمر`.split(/\s+/);

const AR_LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const HARAKAT = ['\u064e', '\u064f', '\u0650', '\u0652', '\u0651'];
const SYL = ['ka', 'ba', 'ri', 'sa', 'mu', 'na', 'di', 'ha', 'la', 'ja', 'ta', 'fi', 'qa', 'zu', 'wa', 'ya', 'ra', 'mi', 'ku', 'sha'];
const EN_LETTERS_C = 'bcdfghklmnprstvwz';
const EN_LETTERS_V = 'aeiou';

export interface Vocab { en: string[]; ar: string[]; enCum: Float64Array; arCum: Float64Array }

function zipfCum(n: number, s: number): Float64Array {
  const cum = new Float64Array(n);
  let acc = 0;
  for (let r = 0; r < n; r++) {
    acc += 1 / Math.pow(r + 1, s);
    cum[r] = acc;
  }
  for (let r = 0; r < n; r++) cum[r] = (cum[r] as number) / acc;
  return cum;
}

export function pick(cum: Float64Array, x: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function makeVocab(rand: () => number, size = 30_000): Vocab {
  const en = new Set(EN_COMMON);
  while (en.size < size) {
    let w = '';
    const syl = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < syl; i++) {
      w += EN_LETTERS_C[Math.floor(rand() * EN_LETTERS_C.length)] as string;
      w += EN_LETTERS_V[Math.floor(rand() * EN_LETTERS_V.length)] as string;
    }
    if (rand() < 0.3) w += ['s', 'ed', 'ing', 'tion', 'ly'][Math.floor(rand() * 5)] as string;
    en.add(w);
  }
  const ar = new Set(AR_COMMON);
  while (ar.size < size) {
    let w = '';
    const len = 3 + Math.floor(rand() * 4);
    for (let i = 0; i < len; i++) w += AR_LETTERS[Math.floor(rand() * AR_LETTERS.length)] as string;
    if (rand() < 0.15) w += 'ة';
    if (rand() < 0.05) w = 'ا' + w;
    ar.add(w);
  }
  return { en: [...en], ar: [...ar], enCum: zipfCum(en.size, 1.07), arCum: zipfCum(ar.size, 1.07) };
}

/** Writes an Arabic word the way captured text varies: harakat, hamza on alef, clitics, tatweel. */
function arabicSurface(w: string, rand: () => number, vocalized: boolean): string {
  let s = w;
  if (s.startsWith('ا') && rand() < 0.4) s = ['أ', 'إ', 'آ'][Math.floor(rand() * 3)] + s.slice(1);
  const r = rand();
  if (!s.startsWith('ال') && r < 0.1) s = 'ال' + s;
  else if (r < 0.16) s = 'و' + s;
  else if (r < 0.19 && s.startsWith('ال')) s = 'ب' + s;
  if (rand() < 0.01 && s.length > 3) s = s.slice(0, 2) + 'ـــ' + s.slice(2);
  if (!vocalized) return s;
  let out = '';
  for (const ch of s) out += ch + (rand() < 0.7 ? HARAKAT[Math.floor(rand() * HARAKAT.length)] : '');
  return out;
}

export interface ActorGen { id: string; kind: string; name: string; nameOriginal: string; aliases: { alias: string; kind: string; lang: string | null }[] }

function latinName(rand: () => number): string {
  const part = () => {
    const n = 2 + Math.floor(rand() * 2);
    let s = '';
    for (let i = 0; i < n; i++) s += SYL[Math.floor(rand() * SYL.length)];
    return s[0]?.toUpperCase() + s.slice(1);
  };
  return `${part()} al-${part()}i`;
}

/** Latin letters to rough Arabic letters: enough for an original-script name. */
function toArabic(latin: string): string {
  const map: Record<string, string> = {
    sh: 'ش', ka: 'كا', ba: 'با', ri: 'ري', sa: 'سا', mu: 'مو', na: 'نا', di: 'دي', ha: 'ها', la: 'لا', ja: 'جا', ta: 'تا', fi: 'في',
    qa: 'قا', zu: 'زو', wa: 'وا', ya: 'يا', ra: 'را', mi: 'مي', ku: 'كو', a: 'ا', i: 'ي',
  };
  return latin.toLowerCase().split(' ').map((part) => {
    let p = part.replace(/^al-/, '');
    let out = part.startsWith('al-') ? 'ال' : '';
    while (p.length) {
      const two = p.slice(0, 2);
      if (map[two]) { out += map[two]; p = p.slice(2); } else { out += map[p[0] as string] ?? ''; p = p.slice(1); }
    }
    return out;
  }).join(' ');
}

export function makeActors(rand: () => number, n: number, newId: () => string): ActorGen[] {
  const out: ActorGen[] = [];
  for (let i = 0; i < n; i++) {
    const name = latinName(rand);
    const [first, last] = name.split(' ') as [string, string];
    const lastBare = last.replace(/^al-/, '');
    const variant = lastBare.replace(/a/, 'aa').replace(/i$/, 'y');
    const withAyn = lastBare.replace(/a/, "a'");
    const ar = toArabic(name);
    out.push({
      id: newId(), kind: i % 5 === 0 ? 'organization' : 'person', name, nameOriginal: ar,
      aliases: [
        { alias: `${first} al-${variant}`, kind: 'transliteration', lang: 'ar-Latn' },
        { alias: `${first} al-${withAyn}`, kind: 'transliteration', lang: 'ar-Latn' },
        { alias: ar.split(' ')[1] ?? ar, kind: 'original_script', lang: 'ar' },
        { alias: `@${lastBare.toLowerCase()}_${i}`, kind: 'handle', lang: null },
      ],
    });
  }
  return out;
}

export interface StatementGen {
  originalText: string; publishedWording: string; summary: string; hashtags: string[]; saidAt: string; platform: string;
  speaker: ActorGen; caseIdx: number;
}

const PLATFORMS = ['telegram', 'x', 'youtube', 'website', 'facebook'];

export function makeStatement(rand: () => number, v: Vocab, actors: ActorGen[], nCases: number, tags: string[]): StatementGen {
  const arLen = 50 + Math.floor(rand() * 251);
  const enLen = 50 + Math.floor(rand() * 251);
  const vocalized = rand() < 0.3;
  const speaker = actors[Math.floor(rand() * actors.length)] as ActorGen;
  const ar: string[] = [];
  for (let i = 0; i < arLen; i++) {
    if (i === 3 && rand() < 0.5) { ar.push(speaker.nameOriginal); continue; }
    ar.push(arabicSurface(v.ar[pick(v.arCum, rand())] as string, rand, vocalized));
    if (rand() < 0.06) ar[ar.length - 1] += '،';
  }
  const hashtags = [tags[Math.floor(rand() * tags.length)] as string];
  if (rand() < 0.3) hashtags.push(tags[Math.floor(rand() * tags.length)] as string);
  const en: string[] = [];
  for (let i = 0; i < enLen; i++) {
    if (i === 2 && rand() < 0.5) { en.push(rand() < 0.5 ? speaker.name : (speaker.aliases[0]?.alias as string)); continue; }
    en.push(v.en[pick(v.enCum, rand())] as string);
    if (rand() < 0.07) en[en.length - 1] += '.';
  }
  const sum: string[] = [];
  for (let i = 0; i < 12; i++) sum.push(v.en[pick(v.enCum, rand())] as string);
  const y = 2015 + Math.floor(rand() * 10);
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  return {
    originalText: `${ar.join(' ')} ${hashtags.map((h) => `#${h}`).join(' ')}`,
    publishedWording: en.join(' '),
    summary: sum.join(' '),
    hashtags,
    saidAt: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    platform: PLATFORMS[Math.floor(rand() * PLATFORMS.length)] as string,
    speaker,
    caseIdx: Math.floor(rand() * nCases),
  };
}

/** The Arabic vocabulary with harakat, for "query with diacritics" cases. */
export function vocalize(w: string, rand: () => number): string {
  let out = '';
  for (const ch of w) out += ch + (rand() < 0.8 ? HARAKAT[Math.floor(rand() * HARAKAT.length)] : '');
  return out;
}
