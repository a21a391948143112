import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { Statement, TranslationRevision, TranslationView } from '../../../../shared/domain';
import { statementTitle } from '../../../../shared/domain';
import { formatQuotation } from '../../../../shared/report/references';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { formatGregorian } from '../../components/format';
import { languageLabel } from '../../components/labels';
import { useApiQueries, useApiQuery } from '../../data/query';
import { STATE_LABELS, StateBadge } from '../translations';
import { B } from '../../components/text';

/**
 * Insert a quotation: find the statement (each shows where its translations stand: approved,
 * draft, in review; and whether it has published wording), then choose the wording to quote (a
 * translation revision, or the published wording) and how (a block, or inline in quotation marks).
 */
export function QuoteDialog({ isOpen, onClose, onInsert }: { isOpen: boolean; onClose(): void; onInsert(text: string, block: boolean): void }) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="Insert a quotation" className="picker-dialog quote-dialog">
      {isOpen ? <QuoteForm onClose={onClose} onInsert={onInsert} /> : null}
    </Dialog>
  );
}

function QuoteForm({ onClose, onInsert }: { onClose(): void; onInsert(text: string, block: boolean): void }) {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Statement | null>(null);
  const q = useApiQuery('statements.list', { ...(text.trim() ? { text: text.trim() } : {}), limit: 20, sort: 'updatedAt' });
  const items = q.data?.items ?? [];
  if (chosen) return <ChooseWording statement={chosen} onBack={() => setChosen(null)} onClose={onClose} onInsert={onInsert} />;
  return (
    <>
      <label className="field">
        <span>Find statements</span>
        <input type="search" dir="auto" value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder="Words from the original, wording or summary" />
      </label>
      <ErrorNote message={q.error?.message} />
      <ul className="pick-list" aria-label="Matching statements">
        {items.map((s) => <StatementChoice key={s.id} s={s} onPick={() => setChosen(s)} />)}
        {q.data && items.length === 0 ? <li className="muted">No statement matches.</li> : null}
      </ul>
      <div className="dialog-actions"><button type="button" className="quiet" onClick={onClose}>Cancel</button></div>
    </>
  );
}

/** Where a statement's translations stand, in words: "English: approved; revision 2 in review". */
function translationWords(views: readonly TranslationView[]): string[] {
  return views.map((v) => {
    const lang = languageLabel(v.translation.targetLang);
    const latest = `${STATE_LABELS[v.latest.state].toLowerCase()}`;
    if (v.approved && v.approved.id !== v.latest.id) return `${lang}: ${v.approved.state === 'final' ? 'final' : 'approved'} (revision ${v.approved.number}); revision ${v.latest.number} ${latest}`;
    if (v.latest.approvalValid === false) return `${lang}: approval void (the text no longer matches)`;
    return `${lang}: ${latest}`;
  });
}

function StatementChoice({ s, onPick }: { s: Statement; onPick(): void }) {
  const t = useApiQuery('translations.list', { statementId: s.id });
  const states = translationWords(t.data ?? []);
  if (s.publishedWording) states.push('published wording available');
  return (
    <li>
      <button type="button" className="pick" onClick={onPick}>
        <B className="pick-title">{statementTitle(s)}</B>
        <span className="muted small">
          {formatGregorian(s.saidAt, s.datePrecision) || 'Undated'} · {t.data ? (states.length ? states.join(' · ') : 'not translated') : 'translations…'}
        </span>
      </button>
    </li>
  );
}

type Wording = { kind: 'revision'; revision: TranslationRevision; lang: string } | { kind: 'published' };

function ChooseWording({ statement: s, onBack, onClose, onInsert }: {
  statement: Statement; onBack(): void; onClose(): void; onInsert(text: string, block: boolean): void;
}) {
  const ids = useId();
  const views = useApiQuery('translations.list', { statementId: s.id });
  const histories = useApiQueries('translations.history', (views.data ?? []).map((v) => ({ id: v.translation.id })));
  const options = useMemo<{ key: string; wording: Wording; approved: boolean }[]>(() => {
    const out: { key: string; wording: Wording; approved: boolean }[] = [];
    (views.data ?? []).forEach((v, i) => {
      const revisions = histories[i]?.revisions ?? [v.latest, ...(v.approved && v.approved.id !== v.latest.id ? [v.approved] : [])];
      for (const r of [...revisions].sort((a, b) => b.number - a.number)) {
        out.push({ key: r.id, wording: { kind: 'revision', revision: r, lang: v.translation.targetLang }, approved: v.approved?.id === r.id });
      }
    });
    if (s.publishedWording) out.push({ key: 'published', wording: { kind: 'published' }, approved: false });
    return out;
  }, [views.data, histories, s.publishedWording]);
  const [pick, setPick] = useState<string | null>(null);
  const [block, setBlock] = useState(true);
  const fallback = options.find((o) => o.approved) ?? options[0];
  const selected = options.find((o) => o.key === pick) ?? fallback;
  const notApproved = selected?.wording.kind === 'revision' && !selected.approved;

  const insert = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return;
    const w = selected.wording;
    onInsert(w.kind === 'published'
      ? formatQuotation({ statementId: s.id, wording: 'published' })
      : formatQuotation({ statementId: s.id, revisionId: w.revision.id }), block);
  };

  return (
    <form onSubmit={insert} aria-label="Quotation" noValidate>
      <p>Quote <B className="pick-title">{statementTitle(s)}</B></p>
      <ErrorNote message={views.error?.message} />
      {views.data && options.length === 0 ? (
        <p className="notice" role="note">This statement has no translation and no published wording yet: there is nothing to quote.</p>
      ) : null}
      {options.length ? (
        <fieldset>
          <legend>Wording to quote</legend>
          {options.map((o) => {
            const w = o.wording;
            const excerpt = w.kind === 'published' ? s.publishedWording ?? '' : w.revision.text;
            return (
              <label key={o.key} className="check wording-choice">
                <input type="radio" name={`${ids}-wording`} checked={selected?.key === o.key} onChange={() => setPick(o.key)} />
                <span>
                  {w.kind === 'published'
                    ? <>Published wording <span className="muted small">(as published elsewhere; not a translation reviewed here)</span></>
                    : <>{languageLabel(w.lang)} translation, revision {w.revision.number}: <StateBadge revision={w.revision} /></>}
                  <span className="wording-excerpt muted small" dir="auto">{excerpt.length > 140 ? `${excerpt.slice(0, 139)}…` : excerpt}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
      ) : null}
      {notApproved ? (
        <p className="field-hint warning">
          This revision is not approved: the report cannot be exported or published until it is (a warning stays beside the preview).
        </p>
      ) : null}
      <fieldset>
        <legend>Show it</legend>
        <label className="check"><input type="radio" name={`${ids}-how`} checked={block} onChange={() => setBlock(true)} /> As a block quotation on its own line</label>
        <label className="check"><input type="radio" name={`${ids}-how`} checked={!block} onChange={() => setBlock(false)} /> Inline, in quotation marks, at the cursor</label>
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="quiet" onClick={onBack}>Back</button>
        <button type="button" className="quiet" onClick={onClose}>Cancel</button>
        <button type="submit" disabled={!selected}>Insert quotation</button>
      </div>
    </form>
  );
}
