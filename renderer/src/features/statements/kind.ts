import { correctionReasonGiven, isCorrection, PartialDate } from '../../../../shared/domain';
import type { DraftKind } from '../../data/drafts';

/** Set when the analyst has finished capturing the original (left the field, or left the editor). */
export const ORIGINAL_COMMITTED = 'original-committed';
/** Set when a correction of the captured original has its reason and the analyst saves it. */
export const CORRECTION_READY = 'correction-ready';

/**
 * What autosave must not send yet:
 * - the first capture of the original while the analyst is still typing it (a pause is not
 *   the end of a transcription, and once saved every change is a recorded correction);
 * - a correction of the captured original until it has a reason and is saved on purpose;
 * - a date that is not a date yet (the message is shown beside the field instead).
 */
export const STATEMENT_KIND: DraftKind = {
  method: 'statements.update',
  inputOnly: ['correctionReason'],
  hold(base, draft, flags, final) {
    const held: string[] = [];
    if ('originalText' in draft) {
      const captured = base.originalText as string | null;
      if (isCorrection(captured, draft.originalText as string | null | undefined)) {
        if (!correctionReasonGiven(draft.correctionReason) || !flags.has(CORRECTION_READY)) held.push('originalText', 'correctionReason', 'originalStatus');
      } else if (captured == null && !final && !flags.has(ORIGINAL_COMMITTED)) {
        held.push('originalText', 'originalStatus');
      }
    } else if ('correctionReason' in draft) {
      held.push('correctionReason');
    }
    if (typeof draft.saidAt === 'string' && draft.saidAt !== '' && !PartialDate.safeParse(draft.saidAt).success) held.push('saidAt', 'datePrecision');
    return held;
  },
};
