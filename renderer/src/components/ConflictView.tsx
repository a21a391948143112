import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { DraftView, Rec } from '../data/drafts';
import { same } from '../data/drafts';
import { formatStamp } from './format';
import { B } from './text';
import { Trans, useTranslation } from 'react-i18next';
import { i18n } from '../i18n/instance';

export interface ConflictField {
  key: string;
  label: string;
  /** How a value reads to a person (an actor's name rather than its id). */
  show?(value: unknown): ReactNode;
  /** Free text can be merged by hand in a text box. */
  text?: boolean;
}

function defaultShow(v: unknown): ReactNode {
  const t = i18n.getFixedT(null, 'common');
  if (v === null || v === undefined || v === '') return <span className="muted">{t('empty')}</span>;
  if (Array.isArray(v)) return v.length ? v.map(String).join(t('listSeparator')) : <span className="muted">{t('none')}</span>;
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
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
  const { t } = useTranslation('common');
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
      <h2 id={`${ids}-h`}>{props.words?.heading ?? t('conflict.heading')}</h2>
      {props.words ? <p>{props.words.intro}</p> : (
        <p>
          {t('conflict.savedRevision', { rev: String(theirs.rev) })}
          {theirs.updatedAt ? t('conflict.savedAt', { when: formatStamp(String(theirs.updatedAt)) }) : null}
          {props.who ? <Trans t={t} i18nKey="conflict.savedBy" values={{ name: props.who }} components={{ b: <B /> }} /> : null}
          {t('conflict.keptHere')}
        </p>
      )}
      {differing.length === 0 ? <p className="muted">{t('conflict.same')}</p> : null}
      <table className="conflict-table">
        <thead>
          <tr><th scope="col">{t('conflict.field')}</th><th scope="col">{props.words?.mine ?? t('conflict.yours')}</th><th scope="col">{props.words?.theirs ?? t('conflict.saved')}</th>{merging ? <th scope="col">{t('conflict.use')}</th> : null}</tr>
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
                      <legend className="visually-hidden">{t('conflict.useFor', { field: f.label })}</legend>
                      {(['mine', 'theirs', ...(f.text ? ['hand'] as const : [])] as Choice[]).map((opt) => (
                        <label key={opt} className="check">
                          <input
                            type="radio" name={`${ids}-${f.key}`} checked={c === opt}
                            onChange={() => {
                              setChoice((x) => ({ ...x, [f.key]: opt }));
                              if (opt === 'hand' && hand[f.key] === undefined) setHand((h) => ({ ...h, [f.key]: String(mine[f.key] ?? '') }));
                            }}
                          />
                          {opt === 'mine' ? (props.words?.mine ?? t('conflict.yours')) : opt === 'theirs' ? (props.words?.theirs ?? t('conflict.saved')) : t('conflict.writeIt')}
                        </label>
                      ))}
                      {c === 'hand' ? (
                        <textarea
                          aria-label={t('conflict.merged', { field: f.label })} dir="auto" rows={4} value={hand[f.key] ?? ''}
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
            <button type="button" onClick={() => props.onMerge(merged())}>{t('conflict.saveMerged')}</button>
            <button type="button" className="quiet" onClick={() => setMerging(false)}>{t('back')}</button>
          </>
        ) : (
          <>
            <button type="button" onClick={props.onKeepMine}>{t('conflict.keepMine')}</button>
            <button type="button" className="secondary" onClick={props.onTakeTheirs}>{t('conflict.takeTheirs')}</button>
            <button type="button" className="secondary" onClick={() => setMerging(true)}>{t('conflict.mergeByHand')}</button>
          </>
        )}
      </div>
    </section>
  );
}
