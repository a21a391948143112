import { useState } from 'react';
import type { Source } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { SOURCE_KIND_LABELS } from '../../components/labels';
import { useApiQuery } from '../../data/query';
import { gradeOf } from './grade';
import { B } from '../../components/text';

export function SourcePickerDialog({ isOpen, onClose, onPick, title, exclude = [] }: {
  isOpen: boolean; onClose(): void; onPick(s: Source): void; title: string; exclude?: string[];
}) {
  const [text, setText] = useState('');
  const q = useApiQuery('sources.list', isOpen ? { ...(text.trim() ? { text: text.trim() } : {}), limit: 30 } : null);
  const items = (q.data?.items ?? []).filter((s) => !exclude.includes(s.id));
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={title} className="picker-dialog">
      <label className="field">
        <span>Find sources</span>
        <input type="search" dir="auto" value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder="Title, author, publisher or URL" />
      </label>
      <ErrorNote message={q.error?.message} />
      <ul className="pick-list" aria-label="Matching sources">
        {items.map((s) => (
          <li key={s.id}>
            <button type="button" className="pick" onClick={() => onPick(s)}>
              <B className="pick-title">{s.title}</B>
              <span className="muted small">{SOURCE_KIND_LABELS[s.kind]} · {gradeOf(s)}</span>
            </button>
          </li>
        ))}
        {q.data && items.length === 0 ? <li className="muted">No source matches.</li> : null}
      </ul>
      <div className="dialog-actions"><button type="button" className="quiet" onClick={onClose}>Cancel</button></div>
    </Dialog>
  );
}
