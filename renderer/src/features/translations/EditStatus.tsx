import type { EditState } from './editStore';

/**
 * The autosave state of segment edits, in words of its own (the statement's own save status is
 * on the same page and reads "Saved"…).
 */
export function EditStatus({ state, dirty, onRetry }: { state: EditState; dirty: boolean; onRetry(): void }) {
  let text: string;
  let tone = 'ok';
  switch (state.kind) {
    case 'saved': text = 'Segments saved'; break;
    case 'saving': text = 'Saving segments…'; break;
    case 'pending': text = dirty ? 'Unsaved segment edits' : 'Segments saved'; tone = dirty ? 'pending' : 'ok'; break;
    case 'error': text = state.offline ? 'Offline — segments not saved' : 'Segments not saved'; tone = 'error'; break;
    case 'conflict': text = 'Conflict — segments not saved'; tone = 'error'; break;
  }
  return (
    <div className={`save-status save-${tone}`}>
      <span role="status" aria-live="polite" className="save-state">{text}</span>
      {state.kind === 'error' ? (
        <>
          <span className="save-detail" dir="auto">{state.error.message}</span>
          <button type="button" className="quiet small" onClick={onRetry}>Retry</button>
        </>
      ) : null}
    </div>
  );
}
