import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Source } from '../../../../shared/domain';
import { LOCATOR_MAX, formatCitation } from '../../../../shared/report/references';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { formatGregorian } from '../../components/format';
import { SOURCE_KIND_LABELS } from '../../components/labels';
import { SourceSearch } from '../sources';
import { B } from '../../components/text';

/**
 * Insert a citation: find the source, then (optionally) say where in it (a timestamp, a page).
 * Hands back the reference text ([@ID] or [@ID, LOCATOR]); the editor puts it at the cursor.
 */
export function CiteDialog({ isOpen, onClose, onInsert }: { isOpen: boolean; onClose(): void; onInsert(text: string): void }) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="Insert a citation" className="picker-dialog">
      {isOpen ? <CiteForm onClose={onClose} onInsert={onInsert} /> : null}
    </Dialog>
  );
}

function CiteForm({ onClose, onInsert }: { onClose(): void; onInsert(text: string): void }) {
  const ids = useId();
  const [chosen, setChosen] = useState<Source | null>(null);
  const [locator, setLocator] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const insert = (e?: FormEvent) => {
    e?.preventDefault();
    if (!chosen) return;
    try {
      onInsert(formatCitation(chosen.id, locator));
    } catch (err) {
      setProblem(err instanceof Error ? `The locator ${err.message.replace(/^a locator /, '')}.` : String(err));
    }
  };

  if (chosen) {
    return (
      <form onSubmit={insert} aria-label="Citation" noValidate>
        <p>Cite <B className="pick-title">{chosen.title}</B> <span className="muted small">({SOURCE_KIND_LABELS[chosen.kind]})</span></p>
        <div className="field">
          <label htmlFor={`${ids}-loc`}>Locator (optional)</label>
          <input
            id={`${ids}-loc`} dir="auto" value={locator} maxLength={LOCATOR_MAX} autoFocus aria-describedby={`${ids}-loc-hint`}
            onChange={(e) => { setLocator(e.target.value); setProblem(null); }}
          />
          <p className="field-hint" id={`${ids}-loc-hint`}>Where in the source: a timestamp (at 02:13), a page (p. 4). No square brackets.</p>
        </div>
        <ErrorNote message={problem} />
        <div className="dialog-actions">
          <button type="button" className="quiet" onClick={() => setChosen(null)}>Back</button>
          <button type="button" className="quiet" onClick={onClose}>Cancel</button>
          <button type="submit">Insert citation</button>
        </div>
      </form>
    );
  }
  return (
    <>
      <SourceSearch onPick={setChosen} detail={(s) => (s.publishedAt ? formatGregorian(s.publishedAt) : '')} />
      <div className="dialog-actions"><button type="button" className="quiet" onClick={onClose}>Cancel</button></div>
    </>
  );
}
