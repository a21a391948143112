// A deterministic synthetic archive for the search benchmark: Arabic originals (with harakat
// on some, alef variants, clitics and ta marbuta), English published wording and translations
// from a Zipf vocabulary, actors with transliterated aliases, cases with tags, and the audit
// log and change log the Core would have written. Same seed, same corpus.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { DB_FILE, type Core } from '../../electron/core/index';
import { appendAudit, readChainHead } from '../../electron/core/audit/chain';
import { startCapture, stopCapture, takeCaptured } from '../../electron/core/audit/capture';
import { writeSignedHead } from '../../electron/core/audit/head';
import { columnsOf, recordToRow, tableOf } from '../../electron/core/db/tables';
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

// ---------------------------------------------------------------------------------------
// Writing an archive: straight into the tables (the Core's writes would take hours at a
// million), but with everything the Core would have left: a hash-chained audit entry holding
// the images of the rows it wrote (noted by the Core's own capture triggers) and a change-log
// row for every record, translations with revisions (approvals pinned to their text's hash),
// and the signed audit head file. The index is marked for a rebuild.

export interface Written { profileId: string; actors: ActorGen[]; caseIds: string[]; vocab: Vocab; sample: string[]; translations: number; auditEntries: number }

const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** Segments of a translation: the original cut into as many pieces as the English has sentences. */
function segmentsOf(original: string, english: string): { id: string; source: string; target: string; note: string; sourceStart: number; sourceEnd: number }[] {
  const targets = english.split(/(?<=\.)\s+/).filter(Boolean);
  const step = Math.ceil(original.length / targets.length);
  return targets.map((target, i) => {
    let start = Math.min(original.length, i * step);
    let end = i === targets.length - 1 ? original.length : Math.min(original.length, (i + 1) * step);
    // Never between the two halves of a surrogate pair (there are none in the corpus, but keep it honest).
    if (/[\udc00-\udfff]/.test(original[start] ?? '')) start--;
    if (/[\udc00-\udfff]/.test(original[end] ?? '')) end++;
    return { id: `s${i + 1}`, source: original.slice(start, end), target, note: '', sourceStart: start, sourceEnd: end };
  });
}

export async function writeCorpus(core: Core, n: number, seed: number, log: (s: string) => void): Promise<Written> {
  const rand = rng(seed);
  const profile = await core.invoke('profiles.create', { as: null, name: 'Bench', initials: 'B', roles: ['admin', 'analyst', 'case_manager', 'reviewer'] });
  const reviewer = await core.invoke('profiles.create', { as: profile.id, name: 'Bench Reviewer', initials: 'BR', roles: ['reviewer'] });
  const db = core.db;
  let clock = Date.parse('2024-01-01T00:00:00.000Z');
  const tick = () => new Date((clock += 1000)).toISOString();
  const changeIns = db.prepare('INSERT INTO change_log (record_type, record_id, op, at) VALUES (?, ?, ?, ?)');
  let auditEntries = 0;
  const audited = (actor: string, action: string, recordType: string, recordId: string, changes: Record<string, [unknown, unknown]>, op: 'insert' | 'update', at: string) => {
    appendAudit(db, { actorId: actor, action, recordType, recordId, changes, at }, takeCaptured(db));
    changeIns.run(recordType, recordId, op, at);
    auditEntries++;
  };
  // As the Core's write(): rows changed in a transaction are noted, and each entry takes those
  // written since the one before; a row no entry took would be a corpus the trail disowns.
  const audit = (fn: () => void) => db.transaction(() => {
    startCapture(db);
    fn();
    const undescribed = stopCapture(db);
    if (undescribed.length) throw new Error(`corpus rows of ${undescribed.join(', ')} have no audit entry`);
  })();
  const created = (rec: Record<string, unknown>) => Object.fromEntries(Object.entries(rec).map(([k, v]): [string, [unknown, unknown]] => [k, [null, v]]));
  const inserter = (type: 'actor' | 'case' | 'statement' | 'source' | 'note') => {
    const def = tableOf(type);
    const cols = columnsOf(def);
    const stmt = db.prepare(`INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
    return (rec: Record<string, unknown>) => {
      stmt.run(recordToRow(def, rec));
      audited(rec.createdBy as string, `${type}.create`, type, rec.id as string, created(rec), 'insert', rec.createdAt as string);
    };
  };
  const meta = (at: string) => ({ rev: 1, createdAt: at, updatedAt: at, createdBy: profile.id, updatedBy: profile.id, deletedAt: null });
  const vocab = makeVocab(rand);
  const actors = makeActors(rand, Math.max(200, Math.round(n / 250)), uuidv7);
  const tags = Array.from({ length: 300 }, (_, i) => `${vocab.en[(i * 7) % 2000]}_${vocab.en[(i * 13 + 5) % 2000]}`);
  const nCases = Math.max(50, Math.round(n / 1000));
  const caseIds: string[] = [];
  const t0 = performance.now();
  audit(() => {
    const insActor = inserter('actor');
    for (const a of actors) insActor({ ...meta(tick()), id: a.id, kind: a.kind, name: a.name, nameOriginal: a.nameOriginal, aliases: a.aliases, description: '', country: 'Iraq' });
    const insCase = inserter('case');
    for (let i = 0; i < nCases; i++) {
      const id = uuidv7();
      caseIds.push(id);
      insCase({
        ...meta(tick()), id, title: `${vocab.en[50 + i]} ${vocab.en[400 + i]} case ${i}`, summary: `${vocab.en[900 + i]} ${vocab.en[30]}`,
        status: 'active', priority: 'normal', tags: [tags[i % tags.length]], assignees: [], marking: 'internal', dueDate: null,
      });
    }
  });
  const insItem = db.prepare("INSERT INTO case_items (case_id, item_type, item_id, added_at, added_by) VALUES (?, 'statement', ?, ?, ?)");
  const insSt = inserter('statement');
  const insSrc = inserter('source');
  const insNote = inserter('note');
  const insTr = db.prepare(`INSERT INTO translations (id, statement_id, source_lang, target_lang, last_segment, rev, created_at, created_by, updated_at, updated_by)
    VALUES (?, ?, 'ar', 'en', ?, 1, ?, ?, ?, ?)`);
  const insRev = db.prepare(`INSERT INTO translation_revisions (id, translation_id, number, state, segments, translator_id, edited_by, based_on_id, origin,
      created_at, submitted_at, submitted_by, reviewed_by, reviewed_at, approved_sha256)
    VALUES (@id, @translationId, @number, @state, @segments, @translator, @editedBy, @basedOn, @origin, @at, @submittedAt, @submittedBy, @reviewedBy, @reviewedAt, @sha)`);
  const sample: string[] = [];
  let translations = 0;
  const BATCH = 2000;
  for (let done = 0; done < n; done += BATCH) {
    audit(() => {
      for (let i = done; i < Math.min(n, done + BATCH); i++) {
        const g = makeStatement(rand, vocab, actors, nCases, tags);
        const id = uuidv7();
        const at = tick();
        if (i % Math.max(1, Math.floor(n / 50)) === 0) sample.push(id);
        const st = {
          ...meta(at), id, speakerId: g.speaker.id, onBehalfOfId: null, saidAt: g.saidAt, datePrecision: 'day', timezone: null,
          platform: g.platform, handle: null, url: null, language: 'ar', originalText: g.originalText, originalStatus: 'captured',
          publishedWording: g.publishedWording, publishedWordingLanguage: 'en', summary: g.summary, hashtags: g.hashtags,
          mentions: [], links: [], scriptureRefs: [], reliability: null, credibility: null, marking: i % 3 === 0 ? 'public' : 'internal',
        };
        insSt(st);
        insItem.run(caseIds[g.caseIdx], id, at, profile.id);
        audited(profile.id, 'case.addItem', 'case', caseIds[g.caseIdx] as string, { items: [null, `statement:${id}`] }, 'update', at);
        if (i % 10 === 5) {
          // An edit later on: the audit log holds the before and after.
          const later = tick();
          const summary = `${g.summary} ${vocab.en[pick(vocab.enCum, rand())]}`;
          db.prepare('UPDATE statements SET summary = ?, rev = 2, updated_at = ? WHERE id = ?').run(summary, later, id);
          audited(profile.id, 'statement.update', 'statement', id, { summary: [g.summary, summary] }, 'update', later);
        }
        if (rand() < 0.4) {
          // A translation into English of its own words: a draft, or approved (some with a newer draft on top).
          const english: string[] = [];
          const len = 40 + Math.floor(rand() * 200);
          for (let k = 0; k < len; k++) english.push(`${vocab.en[pick(vocab.enCum, rand())]}${rand() < 0.07 ? '.' : ''}`);
          const segments = segmentsOf(g.originalText, english.join(' '));
          const trId = uuidv7();
          insTr.run(trId, id, segments.length, at, profile.id, at, profile.id);
          const approved = rand() < 0.6;
          const rev1 = uuidv7();
          insRev.run({
            id: rev1, translationId: trId, number: 1, state: approved ? 'approved' : 'draft', segments: JSON.stringify(segments), translator: profile.id,
            editedBy: JSON.stringify([profile.id]), basedOn: null, origin: 'start', at, submittedAt: approved ? at : null, submittedBy: approved ? profile.id : null,
            reviewedBy: approved ? reviewer.id : null, reviewedAt: approved ? at : null, sha: approved ? sha256(segments.map((s) => s.target).join('\n')) : null,
          });
          audited(profile.id, 'translation.start', 'translation', trId, { statementId: [null, id], targetLang: [null, 'en'] }, 'insert', at);
          if (approved) audited(reviewer.id, 'translation.approve', 'translation', trId, { state: ['in_review', 'approved'] }, 'update', at);
          if (approved && rand() < 0.2) {
            const edited = segments.map((s, k) => (k === 0 ? { ...s, target: `${s.target} ${vocab.en[pick(vocab.enCum, rand())]}` } : s));
            insRev.run({
              id: uuidv7(), translationId: trId, number: 2, state: 'draft', segments: JSON.stringify(edited), translator: profile.id,
              editedBy: JSON.stringify([profile.id]), basedOn: rev1, origin: 'edit', at, submittedAt: null, submittedBy: null, reviewedBy: null, reviewedAt: null, sha: null,
            });
            audited(profile.id, 'translation.edit', 'translation', trId, { segments: [segments[0]?.target, edited[0]?.target] }, 'update', at);
          }
          translations++;
        }
        if (i % 50 === 0) {
          const sid = uuidv7();
          insSrc({
            ...meta(at), id: sid, kind: 'web_page', title: g.summary.split(' ').slice(0, 6).join(' '), author: null, publisher: 'Desk',
            url: null, publishedAt: g.saidAt, accessedAt: null, capturedBy: null, reliability: null, credibility: null,
            gradeRationale: '', notes: g.publishedWording.slice(0, 300), marking: 'internal',
          });
          insNote({ ...meta(at), id: uuidv7(), targetType: 'statement', targetId: id, body: g.publishedWording.slice(0, 400), pinned: false });
        }
      }
    });
  }
  db.prepare("UPDATE search_state SET value = '1' WHERE key = 'needs_rebuild'").run();
  writeSignedHead(core.dataDir, core.state.key, readChainHead(db));
  log(`  corpus: ${n} statements (${translations} translated), ${Math.ceil(n / 50)} sources and notes, ${actors.length} actors, ${nCases} cases, `
    + `${auditEntries} audit entries in ${Math.round((performance.now() - t0) / 100) / 10} s`);
  return { profileId: profile.id, actors, caseIds, vocab, sample, translations, auditEntries };
}

/** The case database's size on disk, its write-ahead log included, in MiB. */
export function databaseMb(dir: string): number {
  let bytes = 0;
  for (const f of [DB_FILE, `${DB_FILE}-wal`]) {
    const p = path.join(dir, f);
    if (fs.existsSync(p)) bytes += fs.statSync(p).size;
  }
  return bytes / 2 ** 20;
}
