import { useId, useRef, useState } from 'react';
import { saveText, toApiError } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useCan } from '../../data/permissions';
import { useCaller } from '../../data/query';

const text = {
  title: 'Exchange with a CAT tool (XLIFF 2.0)',
  export: 'Export XLIFF…',
  import: 'Import XLIFF…',
  exporting: 'Exporting…',
  importing: 'Importing…',
  saved: (names: string[]) => `Saved ${names.join(', ')}.`,
  notSaved: 'The export was not saved.',
  imported: (n: number, unchanged: number) => `Imported: ${n} new draft revision${n === 1 ? '' : 's'}${unchanged ? `, ${unchanged} unchanged` : ''}. Check and submit for review.`,
  fileLabel: 'XLIFF file to import',
  hint: 'Export opens in memoQ, Trados or Phrase; the file comes back as a new draft revision (never approved). Long work shows in the status area, where it can be cancelled.',
};

/** XLIFF export and import of a statement's translations from the UI (the CLI's `xliff` commands). */
export function XliffExchange({ statementId }: { statementId: string }) {
  const run = useCaller();
  const can = useCan('translations.translate');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const exportFiles = async () => {
    setBusy('export'); setError(null); setNote(null);
    try {
      const { files } = await run('translations.exportXliff', { statementId });
      const saved: string[] = [];
      for (const f of files) if (await saveText(f.name, f.xml)) saved.push(f.name);
      setNote(saved.length ? text.saved(saved) : text.notSaved);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  const importFile = async (file: File) => {
    setBusy('import'); setError(null); setNote(null);
    try {
      const xml = await file.text();
      const { imported } = await run('translations.importXliff', { xml });
      setNote(text.imported(imported.filter((i) => !i.unchanged).length, imported.filter((i) => i.unchanged).length));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <section className="tr-xliff" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="small">{text.title}</h3>
      <div className="actions">
        <button type="button" className="secondary small" disabled={busy !== null} onClick={() => void exportFiles()}>
          {busy === 'export' ? text.exporting : text.export}
        </button>
        <button type="button" className="secondary small" disabled={busy !== null || !can.allowed} onClick={() => input.current?.click()}>
          {busy === 'import' ? text.importing : text.import}
        </button>
        <input
          ref={input} type="file" accept=".xlf,.xliff,application/xliff+xml" className="visually-hidden" aria-label={text.fileLabel} tabIndex={-1}
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); }}
        />
      </div>
      <p className="muted small">{text.hint}</p>
      {note ? <p className="small" role="status">{note}</p> : null}
      <ErrorNote message={error} />
    </section>
  );
}
