// The catalogues (renderer/src/i18n/locales): Arabic has every key English has and nothing else, with
// its six plural forms wherever English has a plural, the same placeholders and tags; the domain's
// labels resolve in both languages; a key English lacks does not type-check; and choosing a language
// mirrors the document and formats numbers and dates the way that language writes them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLanguage, setTheme } from '../../renderer/src/i18n';
import * as labels from '../../renderer/src/components/labels';
import { formatGregorian, formatNumber } from '../../renderer/src/components/format';
import { STATE_LABELS, ORIGIN_LABELS } from '../../renderer/src/features/translations/labels';

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer/src/i18n/locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;
const AR_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, v as string);
  }
  return out;
}
function load(lang: string): Map<string, Map<string, string>> {
  const dir = path.join(LOCALES, lang);
  return new Map(fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), flatten(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))]));
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const tags = (s: string) => [...s.matchAll(/<\/?(\w+)>/g)].map((m) => m[0]).sort();

describe('message catalogues', () => {
  const en = load('en');
  const ar = load('ar');

  it('has the same namespaces in English and Arabic', () => {
    expect([...ar.keys()].sort()).toEqual([...en.keys()].sort());
    expect(en.size).toBeGreaterThan(5);
  });

  it('gives every English key an Arabic one and the other way round, plurals in all six Arabic forms', () => {
    const problems: string[] = [];
    for (const [ns, enKeys] of en) {
      const arKeys = ar.get(ns)!;
      const enBases = new Set([...enKeys.keys()].map((k) => k.replace(PLURAL, '')));
      for (const base of enBases) {
        const plural = enKeys.has(`${base}_other`);
        if (plural) {
          if (!enKeys.has(`${base}_one`)) problems.push(`${ns}:${base} en lacks _one`);
          for (const form of AR_FORMS) if (!arKeys.has(`${base}_${form}`)) problems.push(`${ns}:${base} ar lacks _${form}`);
        } else if (!arKeys.has(base)) problems.push(`${ns}:${base} missing in ar`);
      }
      for (const k of arKeys.keys()) {
        if (!enBases.has(k.replace(PLURAL, ''))) problems.push(`${ns}:${k} in ar only`);
      }
      for (const [k, v] of [...enKeys, ...arKeys]) if (typeof v !== 'string' || (v === '' && !k.endsWith('_zero'))) problems.push(`${ns}:${k} is empty`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps the placeholders and tags of each English sentence in its Arabic one', () => {
    const problems: string[] = [];
    for (const [ns, enKeys] of en) {
      const arKeys = ar.get(ns)!;
      for (const [k, v] of enKeys) {
        const base = k.replace(PLURAL, '');
        const arForms = PLURAL.test(k) ? AR_FORMS.map((f) => `${base}_${f}`) : [k];
        const want = placeholders(v).filter((p) => p !== 'count');
        for (const ak of arForms) {
          const a = arKeys.get(ak);
          if (a === undefined) continue;
          // Arabic says "one", "two" and "none" in words, so {{count}} may be left out of those forms; nothing else may.
          const got = placeholders(a).filter((p) => p !== 'count');
          if ((ak.endsWith('_zero') && a === '') || JSON.stringify([...new Set(got)]) === JSON.stringify([...new Set(want)])) continue;
          if (!/_(zero|one|two)$/.test(ak) || got.some((g) => !want.includes(g))) problems.push(`${ns}:${ak} has {{${got}}} but English has {{${want}}}`);
        }
        if (!PLURAL.test(k) && JSON.stringify(tags(v)) !== JSON.stringify(tags(arKeys.get(k) ?? ''))) problems.push(`${ns}:${k} tags differ`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a key English lacks does not type-check', () => {
    // @ts-expect-error The catalogues type i18next's keys: a misspelt key is a compile error, not a blank on screen.
    expect(i18n.t('no.such.key', { ns: 'shell' })).toBe('no.such.key');
    expect(i18n.t('nav.cases', { ns: 'shell' })).toBe('Cases');
  });
});

describe('the chosen language', () => {
  afterEach(() => { setLanguage('en'); setTheme('system'); });

  it('names every domain label in both languages (none falls back to its key)', () => {
    const groups: Record<string, Record<string, string>> = {
      ...Object.fromEntries(Object.entries(labels).filter(([name]) => name.endsWith('_LABELS'))),
      STATE_LABELS, ORIGIN_LABELS,
    } as Record<string, Record<string, string>>;
    expect(Object.keys(groups).length).toBeGreaterThan(10);
    for (const lng of ['en', 'ar'] as const) {
      setLanguage(lng);
      for (const [name, group] of Object.entries(groups)) {
        for (const [key, value] of Object.entries(group)) {
          expect(value, `${lng} ${name}.${key}`).not.toMatch(/^[\w]+\.[\w.]+$/);
          expect(value, `${lng} ${name}.${key}`).not.toBe('');
        }
      }
      expect(labels.languageLabel('ar')).toBe(lng === 'ar' ? 'العربية' : 'Arabic');
    }
  });

  it('mirrors the document, says its plurals and writes dates and numbers as Arabic does', () => {
    setLanguage('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(window.localStorage.getItem('casefile.language')).toBe('ar');
    const say = (count: number) => i18n.t('statements.count', { ns: 'cases', count });
    // Digits as the ar locale writes them (which CLDR has changed over the years): never hand-made.
    // 1234 ends in 34, so Arabic counts it with the "many" form (تصريحًا), as it does 11 to 99.
    const ar = new Intl.NumberFormat('ar');
    expect([0, 1, 2, 3, 11, 100, 1234].map(say)).toEqual(['لا تصريحات', 'تصريح واحد', 'تصريحان', `${ar.format(3)} تصريحات`, `${ar.format(11)} تصريحًا`, `${ar.format(100)} تصريح`, `${ar.format(1234)} تصريحًا`]);
    expect(formatNumber(1234)).toBe(ar.format(1234));
    expect(formatGregorian('2024-03-11')).toBe(`${ar.format(11)} مارس ${new Intl.NumberFormat('ar', { useGrouping: false }).format(2024)}`);

    setLanguage('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.t('statements.count', { ns: 'cases', count: 3 })).toBe('3 statements');
    // A count in a sentence is formatted as a number of the language, not pasted in as digits.
    expect(i18n.t('statements.count', { ns: 'cases', count: 1234 })).toBe('1,234 statements');
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatGregorian('2024-03-11')).toBe('11 Mar 2024');
  });

  it('pins the theme on the document, or leaves it to the system', () => {
    setTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('casefile.theme')).toBe('dark');
    setTheme('system');
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });
});
