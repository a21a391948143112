import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GlossaryTerm } from '../../../../shared/domain';
import { foldText } from '../../../../shared/text/fold';
import { saveText, toApiError } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { LANGUAGES, languageLabel } from '../../components/labels';
import { Page, Loading } from '../../components/Page';
import { B } from '../../components/text';
import { useCan, Why } from '../../data/permissions';
import { useApiQuery, useCaller } from '../../data/query';

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** The desk's termbase: everyone reads it; reviewers and case managers keep it (the Core decides). */
export function GlossaryPage() {
  const { t } = useTranslation('glossary');
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
    return all.filter((g) => [g.term, ...g.renderings, ...g.forbidden].some((x) => foldText(x).includes(key)));
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
    return (await saveText(out.fileName, out.text)) ? t('exported', { name: out.fileName, count: out.terms }) : t('notSaved');
  });
  const importFile = (f: File) => act(async () => {
    const ext = f.name.split('.').pop()?.toLowerCase();
    if (ext !== 'csv' && ext !== 'tbx') throw new Error(t('badFormat'));
    const r = await run('glossary.import', { format: ext, text: await f.text() });
    return t('imported', { added: r.added, updated: r.updated, unchanged: r.unchanged });
  }).finally(() => { if (file.current) file.current.value = ''; });

  return (
    <Page
      title={t('title')}
      actions={(
        <>
          <button type="button" className="secondary" onClick={() => void exportAs('csv')}>{t('exportCsv')}</button>
          <button type="button" className="secondary" onClick={() => void exportAs('tbx')}>{t('exportTbx')}</button>
          {can.allowed ? (
            <>
              <button type="button" className="secondary" onClick={() => file.current?.click()}>{t('importLabel')}</button>
              <button type="button" onClick={() => setEditing('new')} disabled={editing === 'new'}>{t('add')}</button>
            </>
          ) : null}
        </>
      )}
    >
      <input
        ref={file} type="file" accept=".csv,.tbx,text/csv,application/x-tbx+xml" className="visually-hidden" aria-label={t('importFile')} tabIndex={-1}
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); }}
      />
      <p className="muted">{t('intro')}</p>
      <Why can={can} />
      {note ? <p role="status">{note}</p> : null}
      <ErrorNote message={error} />
      {editing === 'new' ? <TermForm onDone={() => setEditing(null)} /> : null}
      <div className="actions">
        <label htmlFor={filterId} className="inline-field"><span>{t('filter')}</span></label>
        <input id={filterId} type="search" dir="auto" value={filter} onChange={(e) => setFilter(e.target.value)} />
        {q.data ? <span className="muted small">{t('count', { count: shown.length })}</span> : null}
      </div>
      <ErrorNote message={q.error?.message} />
      {q.isPending ? <Loading what={t('loading')} /> : null}
      {q.data && q.data.length === 0 ? <p className="muted">{t('empty')}</p> : null}
      {q.data && q.data.length > 0 && shown.length === 0 ? <p className="muted">{t('noMatch')}</p> : null}
      {shown.length ? (
        <table className="table glossary-table">
          <thead>
            <tr>
              <th scope="col">{t('col.term')}</th><th scope="col">{t('col.pair')}</th><th scope="col">{t('col.approved')}</th>
              <th scope="col">{t('col.forbidden')}</th><th scope="col">{t('col.notes')}</th>{can.allowed ? <th scope="col"><span className="visually-hidden">{t('edit')}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((g) => (editing === g.id ? (
              <tr key={g.id}><td colSpan={can.allowed ? 6 : 5}><TermForm term={g} onDone={() => setEditing(null)} /></td></tr>
            ) : (
              <tr key={g.id}>
                <th scope="row" dir="auto" lang={g.sourceLang} className="glossary-term">{g.term}</th>
                <td className="small">{t('langPair', { source: languageLabel(g.sourceLang), target: languageLabel(g.targetLang) })}</td>
                <td lang={g.targetLang}>{g.renderings.map((r, i) => <span key={r}>{i > 0 ? ' / ' : null}<B>{r}</B></span>)}</td>
                <td lang={g.targetLang}>{g.forbidden.map((r, i) => <span key={r}>{i > 0 ? ', ' : null}<s><B>{r}</B></s></span>)}</td>
                <td className="small" dir="auto">{g.notes}</td>
                {can.allowed ? (
                  <td className="row-actions">
                    <button type="button" className="quiet small" onClick={() => setEditing(g.id)} aria-label={t('editLabel', { term: g.term })}>{t('edit')}</button>
                    <button type="button" className="quiet small" aria-label={t('trashLabel', { term: g.term })} onClick={() => void act(async () => { await run('glossary.trash', { id: g.id, rev: g.rev }); return null; })}>{t('trash')}</button>
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
  const { t } = useTranslation('glossary');
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
    <form className="form glossary-form panel" aria-label={term ? t('editLabel', { term: term.term }) : t('add')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="form-row">
        <label htmlFor={`${id}-from`}>{t('field.from')}</label>
        <select id={`${id}-from`} value={sourceLang} onChange={(e) => setSourceLang(e.target.value)}>{langs}</select>
        <label htmlFor={`${id}-to`}>{t('field.to')}</label>
        <select id={`${id}-to`} value={targetLang} onChange={(e) => setTargetLang(e.target.value)}>{langs}</select>
      </div>
      <label htmlFor={`${id}-term`}>{t('field.term')}</label>
      <input id={`${id}-term`} dir="auto" lang={sourceLang} value={source} onChange={(e) => setSource(e.target.value)} autoFocus required />
      <label htmlFor={`${id}-ok`}>{t('field.renderings')}</label>
      <textarea id={`${id}-ok`} dir="auto" lang={targetLang} rows={2} value={renderings} onChange={(e) => setRenderings(e.target.value)} />
      <label htmlFor={`${id}-bad`}>{t('field.forbidden')}</label>
      <textarea id={`${id}-bad`} dir="auto" lang={targetLang} rows={2} value={forbidden} onChange={(e) => setForbidden(e.target.value)} />
      <label htmlFor={`${id}-notes`}>{t('field.notes')}</label>
      <textarea id={`${id}-notes`} dir="auto" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <ErrorNote message={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>{t('save')}</button>
        <button type="button" className="quiet" onClick={onDone}>{t('cancel')}</button>
      </div>
    </form>
  );
}
