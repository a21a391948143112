import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveText, toApiError } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { useCan } from '../../data/permissions';
import { useCaller } from '../../data/query';

/** XLIFF export and import of a statement's translations from the UI (the CLI's `xliff` commands). */
export function XliffExchange({ statementId }: { statementId: string }) {
  const { t } = useTranslation('translations');
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
      setNote(saved.length ? t('exchange.saved', { names: saved.join(t('exchange.nameSeparator')) }) : t('exchange.notSaved'));
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
      const unchanged = imported.filter((i) => i.unchanged).length;
      setNote(t('exchange.imported', { count: imported.length - unchanged, unchanged: unchanged ? t('exchange.unchanged', { count: unchanged }) : '' }));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <section className="tr-xliff" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="small">{t('exchange.title')}</h3>
      <div className="actions">
        <button type="button" className="secondary small" disabled={busy !== null} onClick={() => void exportFiles()}>
          {busy === 'export' ? t('exchange.exporting') : t('exchange.export')}
        </button>
        <button type="button" className="secondary small" disabled={busy !== null || !can.allowed} onClick={() => input.current?.click()}>
          {busy === 'import' ? t('exchange.importing') : t('exchange.import')}
        </button>
        <input
          ref={input} type="file" accept=".xlf,.xliff,application/xliff+xml" className="visually-hidden" aria-label={t('exchange.fileLabel')} tabIndex={-1}
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); }}
        />
      </div>
      <p className="muted small">{t('exchange.hint')}</p>
      {note ? <p className="small" role="status">{note}</p> : null}
      <ErrorNote message={error} />
    </section>
  );
}
