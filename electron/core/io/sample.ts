/**
 * The sample case shipped with the product: a hand transcription of a published MEMRI JTTM
 * report of November 1, 2023 (Al-Nujaba). Only what the report states is recorded; what it
 * does not say (URLs, the Arabic original, the footnote texts, grades) is left empty.
 */
import { contract, type Output } from '../../../shared/ipc/contract';
import type { Actor } from '../services/acting';
import type { CoreState } from '../services/state';
import { write } from '../services/write';
import { CoreError } from '../errors';
import { actorHandlers } from '../services/actors';
import { caseHandlers } from '../services/cases';
import { noteHandlers } from '../services/notes';
import { sourceHandlers } from '../services/sources';
import { statementHandlers } from '../services/statements';
import { createPublishedTranslation } from '../services/translations';
import type { Handlers } from '../services/types';

export const SAMPLE_CASE_TITLE = "Al-Nujaba: 'militarily liberate Iraq' statement (November 2023)";

const NOV1_WORDING =
  'In the Name of Allah—the Most Compassionate, Most Merciful. It was not you [believers] who killed them, but it was ' +
  'Allah Who did so. Nor was it you [O Prophet] who threw [a handful of sand at the disbelievers], but it was Allah Who ' +
  'did so, rendering the believers a great favor. Surely Allah is All-Hearing, All-Knowing [Quran 8:17]. Indeed, Allah ' +
  'Almighty spoke the truth. The Iraqi Islamic resistance has decided to militarily liberate Iraq and settle the matter. ' +
  'What is to come will be grandiose. Blessed are the heroic mujahideen, blessed are the participants, blessed are the ' +
  'supporters. Victory for Islam. No stopping, no truce, no retreat.';

const NOV1_TRANSLATOR_NOTE =
  'Published English translation (MEMRI JTTM, November 1, 2023); the Arabic original was not captured, so the text is not ' +
  'aligned with it. The bracketed insertions ([believers], [O Prophet], [a handful of sand at the disbelievers], [Quran 8:17]) ' +
  "are the translator's, not the speaker's.";

type SampleMethod = 'cases.create' | 'actors.create' | 'actors.link' | 'sources.create' | 'statements.create'
  | 'citations.add' | 'statements.relate' | 'notes.create';
// The handler groups the sample goes through, not the whole map in handlers.ts: that map holds
// sample.load itself, and importing it from here would make a cycle.
const sampleHandlers: Pick<Handlers, SampleMethod> = {
  ...caseHandlers, ...actorHandlers, ...sourceHandlers, ...statementHandlers, ...noteHandlers,
};

function call<M extends SampleMethod>(s: CoreState, actor: Actor, method: M, input: Record<string, unknown>): Output<M> {
  const parsed = contract[method].input.parse({ as: actor.profile?.id, ...input });
  const out = (sampleHandlers[method] as (s: CoreState, a: Actor, i: unknown) => unknown)(s, actor, parsed);
  return out as Output<M>;
}

export function loadSample(s: CoreState, actor: Actor): { caseId: string } {
  const existing = s.db.prepare('SELECT id, deleted_at FROM cases WHERE title = ? ORDER BY deleted_at IS NOT NULL LIMIT 1')
    .get(SAMPLE_CASE_TITLE) as { id: string; deleted_at: string | null } | undefined;
  if (existing?.deleted_at) {
    throw new CoreError('failed', 'The sample case is already in this data folder, in the trash: restore it from the trash instead.');
  }
  if (existing) return { caseId: existing.id };
  // Loading the sample is offered to whoever starts the app first, whatever their roles; the
  // records still name that profile as their author.
  const a: Actor = { profile: actor.profile, trusted: true };
  return write(s, () => {
    const kase = call(s, a, 'cases.create', {
      title: SAMPLE_CASE_TITLE,
      summary: "Statements by Al-Nujaba and its Secretary-General Akram Al-Kaabi in October-November 2023 threatening U.S. forces in Iraq, culminating in the November 1 declaration that the 'Iraqi Islamic resistance' has decided to 'militarily liberate Iraq'.",
      status: 'active', priority: 'high', tags: ['Iraq', 'Al-Nujaba', 'Al-Aqsa Flood'], marking: 'public',
    });

    const kaabi = call(s, a, 'actors.create', {
      kind: 'person', name: 'Akram Al-Kaabi', nameOriginal: 'أكرم الكعبي', country: 'Iraq',
      description: 'Secretary-General of the Iran-backed Iraqi Shi\'ite Al-Nujaba Movement militia.',
      aliases: [
        { alias: "Akram al-Ka'bi", kind: 'transliteration', lang: 'ar-Latn' },
        { alias: 'Akram al-Kabi', kind: 'transliteration', lang: 'ar-Latn' },
        { alias: 'Al-Kaabi', kind: 'name', lang: 'en' },
        { alias: 'الكعبي', kind: 'original_script', lang: 'ar' },
      ],
    });
    const nujaba = call(s, a, 'actors.create', {
      kind: 'organization', name: 'Al-Nujaba Movement', nameOriginal: 'حركة النجباء', country: 'Iraq',
      description: "Iran-backed Iraqi Shi'ite militia.",
      aliases: [
        { alias: 'Al-Nujaba', kind: 'name', lang: 'en' },
        { alias: 'Harakat al-Nujaba', kind: 'transliteration', lang: 'ar-Latn' },
        { alias: 'النجباء', kind: 'original_script', lang: 'ar' },
      ],
    });
    call(s, a, 'actors.link', { fromActorId: kaabi.id, relation: 'leader_of', toActorId: nujaba.id, note: 'Secretary-General' });

    const caseIds = [kase.id];
    const memri = call(s, a, 'sources.create', {
      kind: 'web_page', caseIds, marking: 'public', publisher: "MEMRI Jihad and Terrorism Threat Monitor (JTTM)",
      title: "Leader Of Iraqi Shi'ite Al-Nujaba Movement: Iraqi Islamic Resistance Has Decided To 'Militarily Liberate Iraq'",
      publishedAt: '2023-11-01', notes: 'Published report quoting the statement in English. The full text is for subscribers only.',
    });
    const xPost = call(s, a, 'sources.create', {
      kind: 'social_post', caseIds, marking: 'public', author: 'Akram Al-Kaabi', publisher: 'X (formerly Twitter)',
      title: "Akram Al-Kaabi's statement on X, November 1, 2023", publishedAt: '2023-11-01',
      notes: 'Footnote [1] of the report. The post URL is not given in the published excerpt.',
    });
    const oct23Src = call(s, a, 'sources.create', {
      kind: 'document', caseIds, marking: 'public', author: 'Al-Nujaba Movement',
      title: 'Al-Nujaba written statement, October 23, 2023', publishedAt: '2023-10-23', notes: 'Footnote [2] of the report.',
    });
    const oct30Src = call(s, a, 'sources.create', {
      kind: 'video', caseIds, marking: 'public', author: 'Al-Nujaba Movement',
      title: 'Al-Nujaba video, October 30, 2023', publishedAt: '2023-10-30', notes: 'Footnote [3] of the report.',
    });

    const oct23 = call(s, a, 'statements.create', {
      caseIds, speakerId: nujaba.id, saidAt: '2023-10-23', datePrecision: 'day', language: 'ar', originalStatus: 'not_captured',
      marking: 'public',
      summary: "Written statement strongly criticizing an Iraqi government condemnation of attacks against U.S. barracks in Iraq, calling to expel the 'American occupation' and prosecute its supporters.",
    });
    const oct30 = call(s, a, 'statements.create', {
      caseIds, speakerId: nujaba.id, saidAt: '2023-10-30', datePrecision: 'day', language: 'ar', originalStatus: 'not_captured',
      marking: 'public',
      summary: 'Video threatening attacks against U.S. forces in Iraq, in light of the Israel-Hamas war and the upgraded U.S. support of Israel.',
    });
    const nov1 = call(s, a, 'statements.create', {
      caseIds, speakerId: kaabi.id, onBehalfOfId: nujaba.id, saidAt: '2023-11-01', datePrecision: 'day', platform: 'X',
      language: 'ar', originalStatus: 'not_captured', marking: 'public',
      publishedWording: `${NOV1_WORDING}\n\n#Al-Aqsa_Flood`, publishedWordingLanguage: 'en',
      summary: "Official statement on X asserting that the 'Iraqi Islamic resistance' has decided to 'militarily liberate Iraq', in effect declaring war on U.S. forces in Iraq. Accompanied by the hashtag #Al-Aqsa_Flood.",
    });

    // No Arabic original was captured, only MEMRI's published English wording: it is kept as the
    // statement's English translation, final (it was published), without an aligned original.
    createPublishedTranslation(s, a, nov1.id, 'en', nov1.publishedWording as string, NOV1_TRANSLATOR_NOTE);

    call(s, a, 'citations.add', { citingType: 'statement', citingId: nov1.id, sourceId: xPost.id, locator: '' });
    call(s, a, 'citations.add', { citingType: 'statement', citingId: nov1.id, sourceId: memri.id, locator: '' });
    call(s, a, 'citations.add', { citingType: 'statement', citingId: oct23.id, sourceId: oct23Src.id, locator: '' });
    call(s, a, 'citations.add', { citingType: 'statement', citingId: oct30.id, sourceId: oct30Src.id, locator: '' });
    call(s, a, 'statements.relate', { statementId: nov1.id, relatedId: oct23.id });
    call(s, a, 'statements.relate', { statementId: nov1.id, relatedId: oct30.id });

    call(s, a, 'notes.create', {
      targetType: 'case', targetId: kase.id, pinned: true,
      body: [
        'Transcribed from the MEMRI JTTM report of **November 1, 2023**.',
        '',
        '- The Arabic original of the November 1 statement was not captured; only the published English wording is kept.',
        '- The texts and links of footnotes [1]-[3] are not in the published excerpt, so the sources have no URLs yet.',
        '- The rest of the report is available to subscribers only.',
      ].join('\n'),
    });
    return { caseId: kase.id };
  });
}
