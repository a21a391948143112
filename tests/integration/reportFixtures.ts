// Records for the report tests: statements with translations in each state, and the sample
// report (../shared/samples/jttm-2023-11-01-al-nujaba.txt) rebuilt from the sample case.
import fs from 'node:fs';
import path from 'node:path';
import type { Report, Source, Statement, TranslationView } from '../../shared/domain';
import { newStatement, type Desk } from './helpers';

export const ORIGINAL = 'بسم الله الرحمن الرحيم. فلم تقتلوهم ولكن الله قتلهم.\nالنصر للإسلام.';
export const TARGETS = [
  'In the Name of Allah—the Most Compassionate, Most Merciful.',
  'It was not you [believers] who killed them, but it was Allah Who did so.',
  'Victory for Islam.',
];

/** A statement whose English translation is in `state`, translated by the analyst and (when approved) approved by the reviewer. */
export async function quotable(d: Desk, state: 'draft' | 'in_review' | 'changes_requested' | 'approved' = 'approved', fields: Record<string, unknown> = {}) {
  const st = await newStatement(d, { originalText: ORIGINAL, marking: 'public', ...fields });
  let v: TranslationView = await d.core.invoke('translations.start', { as: d.analyst.id, statementId: st.id, targetLang: 'en' });
  v = await d.core.invoke('translations.edit', {
    as: d.analyst.id, id: v.translation.id, rev: v.translation.rev, segments: TARGETS.map((target, i) => ({ id: `s${i + 1}`, target })),
  });
  if (state !== 'draft') v = await d.core.invoke('translations.submit', { as: d.analyst.id, id: v.translation.id, rev: v.translation.rev });
  if (state === 'approved') v = await d.core.invoke('translations.approve', { as: d.reviewer.id, id: v.translation.id, rev: v.translation.rev });
  if (state === 'changes_requested') {
    v = await d.core.invoke('translations.requestChanges', { as: d.reviewer.id, id: v.translation.id, rev: v.translation.rev, comment: 'Check s2.' });
  }
  return { st, v, revisionId: v.latest.id };
}

export const SAMPLE_TEXT = fs.readFileSync(path.join(__dirname, '../fixtures/report/jttm-2023-11-01-al-nujaba.txt'), 'utf8');

/** The sample page's headline, dateline and body paragraphs (teaser and promotion left out). */
export function sampleParts() {
  const paras = SAMPLE_TEXT.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const headline = paras[0] as string;
  const dateline = (paras[1] as string).split('\n').find((l) => /\d{4}$/.test(l)) as string;
  const body = paras.filter((p) => /^(On November 1|The statement reads|On October 23)/.test(p));
  return { headline, dateline, body };
}

/**
 * The sample report rebuilt from the sample case: cited sources and a quotation of the published
 * wording. The sample case keeps the hashtag line in the statement's published wording (it was
 * part of the post); the report quotes the statement without it and names the hashtag in its
 * own words, so the fixture records the quoted passage as the published wording.
 */
export async function sampleReport(d: Desk): Promise<{ report: Report; sources: Source[]; nov1: Statement; caseId: string }> {
  const { caseId } = await d.core.invoke('sample.load', { as: d.analyst.id });
  const sources = (await d.core.invoke('sources.list', { as: d.analyst.id, caseId })).items;
  const statements = (await d.core.invoke('statements.list', { as: d.analyst.id, caseId })).items;
  const by = (kind: Source['kind']) => sources.find((s) => s.kind === kind) as Source;
  let nov1 = statements.find((s) => s.saidAt === '2023-11-01') as Statement;
  nov1 = await d.core.invoke('statements.update', {
    as: d.analyst.id, id: nov1.id, rev: nov1.rev, publishedWording: (nov1.publishedWording as string).split('\n\n')[0],
  });
  const body = [
    `On November 1, 2023, Akram Al-Kaabi, Secretary-General of the Iran-backed Iraqi Shi'ite Al-Nujaba Movement militia, published[@${by('social_post').id}] an official statement on his X (formerly Twitter) account, asserting that the "Iraqi Islamic resistance" has decided to "militarily liberate Iraq," essentially declaring war against U.S. forces in Iraq.`,
    '',
    `The statement reads: {{quote statement=${nov1.id} wording=published}} The statement was accompanied by the hashtag #Al-Aqsa_Flood.`,
    '',
    `On October 23, Al-Nujaba published a statement strongly criticizing an Iraqi government condemnation of attacks against U.S. barracks in Iraq, calling to expel the "American occupation" and prosecute its supporters.[@${by('document').id}] On October 30, Al-Nujaba published a video threatening attacks against U.S. forces in Iraq, in light of the Israel-Hamas war and the U.S. upgraded support of Israel.[@${by('video').id}]`,
  ].join('\n');
  const report = await d.core.invoke('reports.create', {
    as: d.analyst.id, caseIds: [caseId], marking: 'public', datelineDate: '2023-11-01', body,
    headline: "Leader Of Iraqi Shi'ite Al-Nujaba Movement: Iraqi Islamic Resistance Has Decided To 'Militarily Liberate Iraq'",
  });
  return { report, sources, nov1, caseId };
}
