import { useId, useState } from 'react';
import type { Statement } from '../../../../shared/domain';
import { TextField, useReadOnly } from '../../components/Field';
import { Captured, WithControls, hiddenCounts, hiddenSummary } from '../../components/text';
import type { Draft } from '../../data/useDraft';
import type { Rec } from '../../data/drafts';
import { CORRECTION_READY, ORIGINAL_COMMITTED } from './kind';
import { useTranslation } from 'react-i18next';

type SDraft = Draft<Rec & Statement>;

/**
 * The verbatim original. Until it is captured it is an ordinary (right-to-left aware) text
 * box; once captured it is evidence, shown read-only, and changed only by a correction that
 * gives its reason. Never trimmed or normalised: what is typed or pasted is what is sent.
 */
export function OriginalText({ draft, inspect, error }: { draft: SDraft; inspect: boolean; error: string | null }) {
  const ids = useId();
  const readOnly = useReadOnly();
  const base = draft.view.base as unknown as Statement;
  const d = draft.view.draft as Partial<Statement> & { correctionReason?: string };
  const captured = base.originalText != null;
  const pendingCorrection = captured && 'originalText' in d;
  const [correcting, setCorrecting] = useState(pendingCorrection);
  const value = ('originalText' in d ? d.originalText : base.originalText) ?? '';
  const hidden = hiddenSummary(value);
  const { direction, invisible } = hiddenCounts(value);
  const { t } = useTranslation('statements');

  const saveCorrection = async () => {
    draft.setFlag(CORRECTION_READY, true);
    await draft.flush();
    draft.setFlag(CORRECTION_READY, false);
    // Saved: back to the read-only original. Refused: the correction stays on screen (it is
    // still in the draft) with the Core's words next to it.
    setCorrecting(false);
  };
  const discard = () => {
    void draft.edit({ originalText: base.originalText, correctionReason: undefined });
    setCorrecting(false);
  };

  const warning = hidden && !inspect ? (
    <p className="field-hint warning" id={`${ids}-bidi`}>
      {t('original.hidden', { hidden, count: direction + invisible })}
    </p>
  ) : null;

  if (!captured || correcting || pendingCorrection) {
    return (
      <div className={`field original${captured ? ' correcting' : ''}`}>
        <label htmlFor={`${ids}-ta`}>{captured ? t('original.corrected') : t('original.verbatim')}</label>
        <textarea
          id={`${ids}-ta`} dir="auto" rows={8} spellCheck={false} className="original-text" value={value} readOnly={readOnly}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${ids}-hint`, error ? `${ids}-err` : '', warning ? `${ids}-bidi` : ''].filter(Boolean).join(' ')}
          onFocus={() => { if (!captured) draft.setFlag(ORIGINAL_COMMITTED, false); }}
          onBlur={() => { if (!captured) { draft.setFlag(ORIGINAL_COMMITTED, true); void draft.flush(); } }}
          onChange={(e) => void draft.edit({ originalText: e.target.value === '' && !captured ? null : e.target.value })}
        />
        <p className="field-hint" id={`${ids}-hint`}>
          {captured
            ? t('original.evidenceHint')
            : t('original.captureHint')}
        </p>
        {warning}
        {inspect ? <div className="inspect-view" role="region" aria-label={t('original.inspectRegion')} dir="auto"><WithControls text={value} /></div> : null}
        {error ? <p className="field-error" id={`${ids}-err`} role="alert" dir="auto">{error}</p> : null}
        {captured ? (
          <div className="correction">
            <TextField label={t('original.reason')} value={d.correctionReason ?? ''} onChange={(e) => void draft.edit({ correctionReason: e.target.value })} />
            <div className="actions">
              <button type="button" onClick={() => void saveCorrection()} disabled={!(d.correctionReason ?? '').trim() || !('originalText' in d)}>{t('original.save')}</button>
              <button type="button" className="quiet" onClick={discard}>{t('original.discard')}</button>
            </div>
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <div className="field original">
      <span className="label" id={`${ids}-l`}>{t('original.verbatim')}</span>
      <div className="original-box" role="group" aria-labelledby={`${ids}-l`}>
        <Captured text={value} inspect={inspect} className="original-text" />
      </div>
      {warning}
      <div className="actions">
        <button type="button" className="secondary small" onClick={() => setCorrecting(true)} disabled={readOnly}>{t('original.correct')}</button>
      </div>
    </div>
  );
}
