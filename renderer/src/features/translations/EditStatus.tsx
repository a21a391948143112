import type { EditState } from './editStore';
import { useTranslation } from 'react-i18next';

/**
 * The autosave state of segment edits, in words of its own (the statement's own save status is
 * on the same page and reads "Saved"…).
 */
export function EditStatus({ state, dirty, onRetry }: { state: EditState; dirty: boolean; onRetry(): void }) {
  const { t } = useTranslation('translations');
  let text: string;
  let tone = 'ok';
  switch (state.kind) {
    case 'saved': text = t('edit.saved'); break;
    case 'saving': text = t('edit.saving'); break;
    case 'pending': text = dirty ? t('edit.unsaved') : t('edit.saved'); tone = dirty ? 'pending' : 'ok'; break;
    case 'error': text = state.offline ? t('edit.offline') : t('edit.failed'); tone = 'error'; break;
    case 'conflict': text = t('edit.conflict'); tone = 'error'; break;
  }
  return (
    <div className={`save-status save-${tone}`}>
      <span role="status" aria-live="polite" className="save-state">{text}</span>
      {state.kind === 'error' ? (
        <>
          <span className="save-detail" dir="auto">{state.error.message}</span>
          <button type="button" className="quiet small" onClick={onRetry}>{t('edit.retry')}</button>
        </>
      ) : null}
    </div>
  );
}
