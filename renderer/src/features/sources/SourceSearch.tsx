import { useState } from 'react';
import type { Source } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { SOURCE_KIND_LABELS } from '../../components/labels';
import { useApiQuery } from '../../data/query';
import { B } from '../../components/text';

/**
 * Find a source by typing, then pick it from the list: the body of every dialog that asks for a
 * source (cite it in a report, link it to a statement). `detail` adds what the caller needs to tell
 * sources apart after the kind (a grade, a date).
 */
export function SourceSearch({ onPick, exclude = [], detail }: { onPick(s: Source): void; exclude?: string[]; detail?(s: Source): string }) {
  const [text, setText] = useState('');
  const q = useApiQuery('sources.list', { ...(text.trim() ? { text: text.trim() } : {}), limit: 30 });
  const items = (q.data?.items ?? []).filter((s) => !exclude.includes(s.id));
  return (
    <>
      <label className="field">
        <span>Find sources</span>
        <input type="search" dir="auto" value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder="Title, author, publisher or URL" />
      </label>
      <ErrorNote message={q.error?.message} />
      <ul className="pick-list" aria-label="Matching sources">
        {items.map((s) => {
          const more = detail?.(s);
          return (
            <li key={s.id}>
              <button type="button" className="pick" onClick={() => onPick(s)}>
                <B className="pick-title">{s.title}</B>
                <span className="muted small">{SOURCE_KIND_LABELS[s.kind]}{more ? ` · ${more}` : ''}</span>
              </button>
            </li>
          );
        })}
        {q.data && items.length === 0 ? <li className="muted">No source matches.</li> : null}
      </ul>
    </>
  );
}
