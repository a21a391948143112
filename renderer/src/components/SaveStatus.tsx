import type { DraftView } from '../data/drafts';
import { useTranslation } from 'react-i18next';

/** The autosave state in words, announced politely; Retry when the Core could not be reached. */
export function SaveStatus({ view, onRetry }: { view: DraftView; onRetry(): void }) {
  const s = view.state;
  const { t } = useTranslation('common');
  let text: string;
  let tone = 'ok';
  switch (s.kind) {
    case 'saved': text = t('save.saved'); break;
    case 'saving': text = t('save.saving'); break;
    case 'pending': text = Object.keys(view.draft).every((k) => view.held.includes(k)) ? t('save.notYet') : t('save.unsaved'); tone = 'pending'; break;
    case 'error': text = s.offline ? t('save.offline') : t('save.failed'); tone = 'error'; break;
    case 'conflict': text = t('save.conflict'); tone = 'error'; break;
  }
  return (
    <div className={`save-status save-${tone}`}>
      <span role="status" aria-live="polite" className="save-state">{text}</span>
      {s.kind === 'error' ? (
        <>
          <span className="save-detail" dir="auto">{s.error.message}</span>
          <button type="button" className="quiet small" onClick={onRetry}>{t('retry')}</button>
        </>
      ) : null}
    </div>
  );
}
