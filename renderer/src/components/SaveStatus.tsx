import type { DraftView } from '../data/drafts';

/** The autosave state in words, announced politely; Retry when the Core could not be reached. */
export function SaveStatus({ view, onRetry }: { view: DraftView; onRetry(): void }) {
  const s = view.state;
  let text: string;
  let tone = 'ok';
  switch (s.kind) {
    case 'saved': text = 'Saved'; break;
    case 'saving': text = 'Saving…'; break;
    case 'pending': text = Object.keys(view.draft).every((k) => view.held.includes(k)) ? 'Not saved yet' : 'Unsaved changes'; tone = 'pending'; break;
    case 'error': text = s.offline ? 'Offline — not saved' : 'Not saved'; tone = 'error'; break;
    case 'conflict': text = 'Conflict — not saved'; tone = 'error'; break;
  }
  return (
    <div className={`save-status save-${tone}`}>
      <span role="status" aria-live="polite" className="save-state">{text}</span>
      {s.kind === 'error' ? (
        <>
          <span className="save-detail" dir="auto">{s.error.message}</span>
          <button type="button" className="quiet small" onClick={onRetry}>Retry</button>
        </>
      ) : null}
    </div>
  );
}
