import { useId, useMemo, useRef, useState } from 'react';
import type { GlossaryTerm } from '../../../../shared/domain';
import { foldText } from '../../../../shared/text/fold';
import { saveText, toApiError } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { LANGUAGES, languageLabel } from '../../components/labels';
import { Page, Loading } from '../../components/Page';
import { B } from '../../components/text';
import { useCan, Why } from '../../data/permissions';
import { useApiQuery, useCaller } from '../../data/query';

const text = {
  title: 'Glossary',
  intro: 'How the desk renders its terms. Terms found in a segment are marked in the translation editor with their approved rendering, and the QA checks hold translations to them.',
  filter: 'Find a term',
  add: 'Add a term',
  edit: 'Edit',
  editLabel: (term: string) => `Edit “${term}”`,
  trash: 'Move to trash',
  trashLabel: (term: string) => `Move “${term}” to the trash`,
  save: 'Save',
  cancel: 'Cancel',
  from: 'Source language',
  to: 'Target language',
  term: 'Source term',
  renderings: 'Approved renderings (one per line, preferred first)',
  forbidden: 'Forbidden renderings (one per line)',
  notes: 'Notes for translators',
  cols: { term: 'Term', pair: 'Languages', approved: 'Approved', forbidden: 'Forbidden', notes: 'Notes' },
  empty: 'The glossary is empty.',
  noMatch: 'No term matches.',
  count: (n: number) => `${n} term${n === 1 ? '' : 's'}`,
  importLabel: 'Import CSV or TBX…',
  importFile: 'Glossary file to import (CSV or TBX)',
  imported: (a: number, u: number, n: number) => `Imported: ${a} added, ${u} updated, ${n} unchanged.`,
  exportCsv: 'Export CSV…',
  exportTbx: 'Export TBX…',
  exported: (name: string, n: number) => `Saved ${name} (${n} terms).`,
  notSaved: 'The export was not saved.',
  badFormat: 'Choose a .csv or .tbx file.',
};

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** The desk's termbase: everyone reads it; reviewers and case managers keep it (the Core decides). */
export function GlossaryPage() {
  const q = useApiQuery('glossary.list', {});
  const can = useCan('glossary.edit');
  const run = useCaller();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const filterId = useId();

  const shown = useMemo(() => {
    const key = foldText(filter.trim());
    const all = q.data ?? [];
    if (!key) return all;
    return all.filter((t) => [t.term, ...t.renderings, ...t.forbidden].some((x) => foldText(x).includes(key)));
  }, [q.data, filter]);

  const act = async (fn: () => Promise<string | null>) => {
    setError(null); setNote(null);
    try {
      setNote(await fn());
    } catch (e) {
      setError(toApiError(e).message);
    }
  };
  const exportAs = (format: 'csv' | 'tbx') => act(async () => {
    const out = await run('glossary.export', { format });
    return (await saveText(out.fileName, out.text)) ? text.exported(out.fileName, out.terms) : text.notSaved;
  });
  const importFile = (f: File) => act(async () => {
    const ext = f.name.split('.').pop()?.toLowerCase();
    if (ext !== 'csv' && ext !== 'tbx') throw new Error(text.badFormat);
    const r = await run('glossary.import', { format: ext, text: await f.text() });
    return text.imported(r.added, r.updated, r.unchanged);
  }).finally(() => { if (file.current) file.current.value = ''; });

  return (
    <Page
      title={text.title}
      actions={(
        <>
          <button type="button" className="secondary" onClick={() => void exportAs('csv')}>{text.exportCsv}</button>
          <button type="button" className="secondary" onClick={() => void exportAs('tbx')}>{text.exportTbx}</button>
          {can.allowed ? (
            <>
              <button type="button" className="secondary" onClick={() => file.current?.click()}>{text.importLabel}</button>
              <button type="button" onClick={() => setEditing('new')} disabled={editing === 'new'}>{text.add}</button>
            </>
          ) : null}
        </>
      )}
    >
      <input
        ref={file} type="file" accept=".csv,.tbx,text/csv,application/x-tbx+xml" className="visually-hidden" aria-label={text.importFile} tabIndex={-1}
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); }}
      />
      <p className="muted">{text.intro}</p>
      <Why can={can} />
      {note ? <p role="status">{note}</p> : null}
      <ErrorNote message={error} />
      {editing === 'new' ? <TermForm onDone={() => setEditing(null)} /> : null}
      <div className="actions">
        <label htmlFor={filterId} className="inline-field"><span>{text.filter}</span></label>
        <input id={filterId} type="search" dir="auto" value={filter} onChange={(e) => setFilter(e.target.value)} />
        {q.data ? <span className="muted small">{text.count(shown.length)}</span> : null}
      </div>
      <ErrorNote message={q.error?.message} />
      {q.isPending ? <Loading what="the glossary" /> : null}
      {q.data && q.data.length === 0 ? <p className="muted">{text.empty}</p> : null}
      {q.data && q.data.length > 0 && shown.length === 0 ? <p className="muted">{text.noMatch}</p> : null}
      {shown.length ? (
        <table className="table glossary-table">
          <thead>
            <tr>
              <th scope="col">{text.cols.term}</th><th scope="col">{text.cols.pair}</th><th scope="col">{text.cols.approved}</th>
              <th scope="col">{text.cols.forbidden}</th><th scope="col">{text.cols.notes}</th>{can.allowed ? <th scope="col"><span className="visually-hidden">{text.edit}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (editing === t.id ? (
              <tr key={t.id}><td colSpan={can.allowed ? 6 : 5}><TermForm term={t} onDone={() => setEditing(null)} /></td></tr>
            ) : (
              <tr key={t.id}>
                <th scope="row" dir="auto" lang={t.sourceLang} className="glossary-term">{t.term}</th>
                <td className="small">{languageLabel(t.sourceLang)} → {languageLabel(t.targetLang)}</td>
                <td lang={t.targetLang}>{t.renderings.map((r, i) => <span key={r}>{i > 0 ? ' / ' : null}<B>{r}</B></span>)}</td>
                <td lang={t.targetLang}>{t.forbidden.map((r, i) => <span key={r}>{i > 0 ? ', ' : null}<s><B>{r}</B></s></span>)}</td>
                <td className="small" dir="auto">{t.notes}</td>
                {can.allowed ? (
                  <td className="row-actions">
                    <button type="button" className="quiet small" onClick={() => setEditing(t.id)} aria-label={text.editLabel(t.term)}>{text.edit}</button>
                    <button type="button" className="quiet small" aria-label={text.trashLabel(t.term)} onClick={() => void act(async () => { await run('glossary.trash', { id: t.id, rev: t.rev }); return null; })}>{text.trash}</button>
                  </td>
                ) : null}
              </tr>
            )))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}

function TermForm({ term, onDone }: { term?: GlossaryTerm; onDone(): void }) {
  const run = useCaller();
  const id = useId();
  const [sourceLang, setSourceLang] = useState(term?.sourceLang ?? 'ar');
  const [targetLang, setTargetLang] = useState(term?.targetLang ?? 'en');
  const [source, setSource] = useState(term?.term ?? '');
  const [renderings, setRenderings] = useState(term?.renderings.join('\n') ?? '');
  const [forbidden, setForbidden] = useState(term?.forbidden.join('\n') ?? '');
  const [notes, setNotes] = useState(term?.notes ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true); setError(null);
    const fields = { sourceLang, targetLang, term: source, renderings: lines(renderings), forbidden: lines(forbidden), notes };
    try {
      if (term) await run('glossary.update', { id: term.id, rev: term.rev, ...fields });
      else await run('glossary.create', fields);
      onDone();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const langs = LANGUAGES.map((l) => <option key={l.tag} value={l.tag}>{l.label}</option>);
  return (
    <form className="form glossary-form panel" aria-label={term ? text.editLabel(term.term) : text.add} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="form-row">
        <label htmlFor={`${id}-from`}>{text.from}</label>
        <select id={`${id}-from`} value={sourceLang} onChange={(e) => setSourceLang(e.target.value)}>{langs}</select>
        <label htmlFor={`${id}-to`}>{text.to}</label>
        <select id={`${id}-to`} value={targetLang} onChange={(e) => setTargetLang(e.target.value)}>{langs}</select>
      </div>
      <label htmlFor={`${id}-term`}>{text.term}</label>
      <input id={`${id}-term`} dir="auto" lang={sourceLang} value={source} onChange={(e) => setSource(e.target.value)} autoFocus required />
      <label htmlFor={`${id}-ok`}>{text.renderings}</label>
      <textarea id={`${id}-ok`} dir="auto" lang={targetLang} rows={2} value={renderings} onChange={(e) => setRenderings(e.target.value)} />
      <label htmlFor={`${id}-bad`}>{text.forbidden}</label>
      <textarea id={`${id}-bad`} dir="auto" lang={targetLang} rows={2} value={forbidden} onChange={(e) => setForbidden(e.target.value)} />
      <label htmlFor={`${id}-notes`}>{text.notes}</label>
      <textarea id={`${id}-notes`} dir="auto" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <ErrorNote message={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>{text.save}</button>
        <button type="button" className="quiet" onClick={onDone}>{text.cancel}</button>
      </div>
    </form>
  );
}
