import { useEffect, useState } from 'react';
import type { DragEvent, FormEvent, KeyboardEvent } from 'react';
import type { Citation, Source } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ErrorNote, SelectField, TextField, Why, options } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { SOURCE_KIND_LABELS, type SourceKind } from '../../components/labels';
import { useToast } from '../../components/toast';
import { useCan } from '../../data/permissions';
import { useApiQuery, useCaller } from '../../data/query';
import { Link, paths } from '../../app/router';
import { SourcePickerDialog, SourceTitle } from '../sources';
import { useTranslation } from 'react-i18next';

/**
 * The sources a statement cites, in footnote order. Reorder by dragging or with Alt+↑/↓
 * (or the Up/Down buttons); add from the library or create a source right here.
 */
export function Citations({ statementId, disabled: trashed }: { statementId: string; disabled: boolean }) {
  const can = useCan('sources.cite');
  const disabled = trashed || !can.allowed;
  const q = useApiQuery('citations.list', { citingType: 'statement', citingId: statementId });
  const run = useCaller();
  const { notify } = useToast();
  const [order, setOrder] = useState<Citation[]>([]);
  const [dragId, setDragId] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [picking, setPicking] = useState(false);
  const [creating, setCreating] = useState(false);
  const [announce, setAnnounce] = useState('');
  const { t } = useTranslation('statements');

  useEffect(() => { if (q.data) setOrder([...q.data].sort((a, b) => a.position - b.position)); }, [q.data]);

  const attempt = (p: Promise<unknown>) => { setError(null); return p.catch((e: unknown) => setError(toApiError(e))); };
  const saveOrder = (next: Citation[]) => {
    setOrder(next);
    void attempt(run('citations.reorder', { citingType: 'statement', citingId: statementId, order: next.map((c) => c.id) }));
  };
  const move = (index: number, by: number) => {
    const to = index + by;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(to, 0, item!);
    saveOrder(next);
    setAnnounce(t('cite.moved', { to: to + 1, total: next.length }));
    requestAnimationFrame(() => document.getElementById(`cite-${item!.id}`)?.focus());
  };
  const keyDown = (e: KeyboardEvent, index: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(index, e.key === 'ArrowUp' ? -1 : 1);
  };
  const drop = (e: DragEvent, index: number) => {
    e.preventDefault();
    const from = order.findIndex((c) => c.id === dragId);
    setDragId(null);
    if (from < 0 || from === index) return;
    const next = [...order];
    const [item] = next.splice(from, 1);
    next.splice(index, 0, item!);
    saveOrder(next);
  };
  const remove = (c: Citation) => void attempt(run('citations.remove', { id: c.id }).then(() => notify({
    message: t('cite.removed'),
    undo: () => run('citations.add', { citingType: 'statement', citingId: statementId, sourceId: c.sourceId, locator: c.locator, position: c.position }),
  })));
  const add = (s: Source) => {
    setPicking(false);
    void attempt(run('citations.add', { citingType: 'statement', citingId: statementId, sourceId: s.id }));
  };

  return (
    <section className="panel" aria-labelledby="citations-h">
      <div className="panel-head">
        <h2 id="citations-h">{t('cite.heading')}</h2>
        <div className="actions">
          <button type="button" className="secondary small" disabled={disabled} onClick={() => setPicking(true)}>{t('cite.addFromLibrary')}</button>
          <button type="button" className="secondary small" disabled={disabled} onClick={() => setCreating((x) => !x)} aria-expanded={creating}>{t('cite.newSource')}</button>
        </div>
      </div>
      {trashed ? null : <Why can={can} id="citations-why" />}
      <ErrorNote message={error?.message ?? q.error?.message} />
      {order.length === 0 && q.data ? <p className="muted">{t('cite.none')}</p> : null}
      <ol className="citations" aria-label={t('cite.list')}>
        {order.map((c, i) => (
          <li
            key={c.id} id={`cite-${c.id}`} tabIndex={-1} className={`citation${dragId === c.id ? ' is-dragging' : ''}`}
            draggable={!disabled} onDragStart={(e) => { e.dataTransfer.setData('text/plain', c.id); setDragId(c.id); }}
            onDragOver={(e) => { if (dragId) e.preventDefault(); }} onDrop={(e) => drop(e, i)} onDragEnd={() => setDragId(null)}
            onKeyDown={(e) => keyDown(e, i)} aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
          >
            <span className="drag-handle" aria-hidden="true">⋮⋮</span>
            <span className="citation-number">{t('cite.number', { n: i + 1 })}</span>
            <Link to={paths.source(c.sourceId)} className="citation-title"><SourceTitle id={c.sourceId} /></Link>
            <Locator citation={c} disabled={disabled} onError={setError} />
            <span className="citation-actions">
              <button type="button" className="quiet small" disabled={disabled || i === 0} onClick={() => move(i, -1)} aria-label={t('cite.upAria', { n: i + 1 })}>↑</button>
              <button type="button" className="quiet small" disabled={disabled || i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('cite.downAria', { n: i + 1 })}>↓</button>
              <button type="button" className="quiet small" disabled={disabled} onClick={() => remove(c)} aria-label={t('cite.removeAria', { n: i + 1 })}>{t('cite.remove')}</button>
            </span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">{announce}</p>
      {creating ? <CreateSource statementId={statementId} onDone={() => setCreating(false)} /> : null}
      <SourcePickerDialog isOpen={picking} onClose={() => setPicking(false)} onPick={add} title={t('cite.pickTitle')} exclude={order.map((c) => c.sourceId)} />
    </section>
  );
}

function Locator({ citation, disabled, onError }: { citation: Citation; disabled: boolean; onError(e: ApiError | null): void }) {
  const [value, setValue] = useState(citation.locator);
  const run = useCaller();
  const { t } = useTranslation('statements');
  useEffect(() => setValue(citation.locator), [citation.locator]);
  const save = () => {
    if (value === citation.locator) return;
    run('citations.update', { id: citation.id, locator: value }).then(() => onError(null), (e: unknown) => onError(toApiError(e)));
  };
  return (
    <input
      className="locator" aria-label={t('cite.locator')} placeholder={t('cite.locatorPlaceholder')} dir="auto" value={value} size={12}
      disabled={disabled} onChange={(e) => setValue(e.target.value)} onBlur={save}
      onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); save(); } }}
    />
  );
}

function CreateSource({ statementId, onDone }: { statementId: string; onDone(): void }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<SourceKind>('social_post');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCaller();
  const { t } = useTranslation('statements');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await run('sources.create', { title, kind, url: url.trim() || null });
      await run('citations.add', { citingType: 'statement', citingId: statementId, sourceId: s.id });
      onDone();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form inset" onSubmit={(e) => void submit(e)} aria-label={t('cite.newForm')} noValidate>
      <TextField label={t('cite.sourceTitle')} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus error={fieldMessage(error, 'title')} />
      <div className="field-row">
        <SelectField label={t('cite.sourceKind')} value={kind} options={options(SOURCE_KIND_LABELS)} onChange={(e) => setKind(e.target.value as SourceKind)} error={fieldMessage(error, 'kind')} />
        <TextField label={t('cite.sourceUrl')} hint={t('cite.urlHint')} value={url} onChange={(e) => setUrl(e.target.value)} error={fieldMessage(error, 'url')} />
      </div>
      <ErrorNote message={formMessage(error, ['title', 'kind', 'url'])} />
      <div className="actions">
        <button type="button" className="quiet" onClick={onDone}>{t('cite.cancel')}</button>
        <button type="submit" disabled={busy}>{t('cite.create')}</button>
      </div>
    </form>
  );
}
