import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { DraftView, Rec } from '../data/drafts';
import { same } from '../data/drafts';
import { formatStamp } from './format';
import { B } from './text';

export interface ConflictField {
  key: string;
  label: string;
  /** How a value reads to a person (an actor's name rather than its id). */
  show?(value: unknown): ReactNode;
  /** Free text can be merged by hand in a text box. */
  text?: boolean;
}

function defaultShow(v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return <span className="muted">(empty)</span>;
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : <span className="muted">(none)</span>;
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return String(v);
}

type Choice = 'mine' | 'theirs' | 'hand';

/**
 * A stale save: the user's version and the saved one, field by field. Keep mine saves mine
 * over the saved record (with its rev), Take theirs drops mine, Merge lets them pick or write.
 */
export function ConflictView(props: {
  view: DraftView; fields: readonly ConflictField[]; who?: string | null;
  onKeepMine(): void; onTakeTheirs(): void; onMerge(values: Record<string, unknown>): void;
  /** Words for a conflict that did not come from a stale save (a case bundle from another desk). */
  words?: { heading: ReactNode; intro: ReactNode; mine: string; theirs: string };
}) {
  const { view, fields } = props;
  const ids = useId();
  const theirs = (view.state.kind === 'conflict' ? view.state.theirs : view.base) as Rec;
  const mine = view.value as Rec;
  const differing = fields.filter((f) => !same(mine[f.key], theirs[f.key]));
  const [merging, setMerging] = useState(false);
  const [choice, setChoice] = useState<Record<string, Choice>>({});
  const [hand, setHand] = useState<Record<string, string>>({});

  const merged = () => Object.fromEntries(differing.map((f) => {
    const c = choice[f.key] ?? 'mine';
    return [f.key, c === 'hand' ? (hand[f.key] ?? String(mine[f.key] ?? '')) : c === 'mine' ? mine[f.key] : theirs[f.key]];
  }));

  return (
    <section className="conflict" aria-labelledby={`${ids}-h`} role="region">
      <h2 id={`${ids}-h`}>{props.words?.heading ?? 'Someone else saved this record while you were editing'}</h2>
      {props.words ? <p>{props.words.intro}</p> : (
        <p>
          The saved version is revision {String(theirs.rev)}
          {theirs.updatedAt ? <> from {formatStamp(String(theirs.updatedAt))}</> : null}
          {props.who ? <> by <B>{props.who}</B></> : null}. Your changes are kept here and were not saved. Nothing is overwritten until you choose.
        </p>
      )}
      {differing.length === 0 ? <p className="muted">Your version and the saved one hold the same values.</p> : null}
      <table className="conflict-table">
        <thead>
          <tr><th scope="col">Field</th><th scope="col">{props.words?.mine ?? 'Yours'}</th><th scope="col">{props.words?.theirs ?? 'Saved'}</th>{merging ? <th scope="col">Use</th> : null}</tr>
        </thead>
        <tbody>
          {differing.map((f) => {
            const show = f.show ?? defaultShow;
            const c = choice[f.key] ?? 'mine';
            return (
              <tr key={f.key} data-field={f.key}>
                <th scope="row">{f.label}</th>
                <td className="conflict-mine"><div dir="auto" className="conflict-value">{show(mine[f.key])}</div></td>
                <td className="conflict-theirs"><div dir="auto" className="conflict-value">{show(theirs[f.key])}</div></td>
                {merging ? (
                  <td>
                    <fieldset className="merge-choice">
                      <legend className="visually-hidden">Use for {f.label}</legend>
                      {(['mine', 'theirs', ...(f.text ? ['hand'] as const : [])] as Choice[]).map((opt) => (
                        <label key={opt} className="check">
                          <input
                            type="radio" name={`${ids}-${f.key}`} checked={c === opt}
                            onChange={() => {
                              setChoice((x) => ({ ...x, [f.key]: opt }));
                              if (opt === 'hand' && hand[f.key] === undefined) setHand((h) => ({ ...h, [f.key]: String(mine[f.key] ?? '') }));
                            }}
                          />
                          {opt === 'mine' ? (props.words?.mine ?? 'Yours') : opt === 'theirs' ? (props.words?.theirs ?? 'Saved') : 'Write it'}
                        </label>
                      ))}
                      {c === 'hand' ? (
                        <textarea
                          aria-label={`Merged ${f.label}`} dir="auto" rows={4} value={hand[f.key] ?? ''}
                          onChange={(e) => setHand((h) => ({ ...h, [f.key]: e.target.value }))}
                        />
                      ) : null}
                    </fieldset>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        {merging ? (
          <>
            <button type="button" onClick={() => props.onMerge(merged())}>Save merged version</button>
            <button type="button" className="quiet" onClick={() => setMerging(false)}>Back</button>
          </>
        ) : (
          <>
            <button type="button" onClick={props.onKeepMine}>Keep mine</button>
            <button type="button" className="secondary" onClick={props.onTakeTheirs}>Take theirs</button>
            <button type="button" className="secondary" onClick={() => setMerging(true)}>Merge by hand…</button>
          </>
        )}
      </div>
    </section>
  );
}
