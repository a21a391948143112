import { useEffect, useMemo, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { Case, DatePrecision } from '../../../../shared/domain';
import { ErrorNote, SelectField, TextField, Why, options } from '../../components/Field';
import { fieldMessage, formMessage } from '../../components/errors';
import { formatGregorian, formatHijri } from '../../components/format';
import { PRECISION_LABELS } from '../../components/labels';
import { useToast } from '../../components/toast';
import { useCan } from '../../data/permissions';
import { useApiMutation, useApiQuery, useCaller } from '../../data/query';
import { Link, paths } from '../../app/router';
import { statementTitle } from '../../../../shared/domain';
import { ZOOMS, ZOOM_LABELS, bucketize, type TimelineItem, type Zoom } from './timeline';
import { isolate } from '../../../../shared/text/isolate';
import { B } from '../../components/text';
import { EditEventDialog } from './EditEventDialog';

const KIND_LABEL = { statement: 'Statement', source: 'Source', event: 'Event' } as const;
const SHOWN_PER_COLUMN = 6;

export function CaseTimeline({ c }: { c: Case }) {
  const statements = useApiQuery('statements.list', { caseId: c.id, limit: 10_000, sort: 'saidAt', dir: 'asc' });
  const sources = useApiQuery('sources.list', { caseId: c.id, limit: 10_000 });
  const events = useApiQuery('events.list', { caseId: c.id });
  const [zoom, setZoom] = useState<Zoom>('month');
  const { notify } = useToast();
  const run = useCaller();
  const [editing, setEditing] = useState<string | null>(null);
  const editedEvent = editing ? events.data?.find((x) => x.id === editing) : undefined;

  const items = useMemo<TimelineItem[]>(() => [
    ...(statements.data?.items ?? []).map((s) => ({ kind: 'statement' as const, id: s.id, title: statementTitle(s), date: s.saidAt ?? '', precision: s.datePrecision })),
    ...(sources.data?.items ?? []).map((s) => ({ kind: 'source' as const, id: s.id, title: s.title, date: s.publishedAt ?? '', precision: 'day' as const })),
    ...(events.data ?? []).map((e) => ({ kind: 'event' as const, id: e.id, title: e.title, date: e.occurredAt, precision: e.datePrecision })),
  ], [statements.data, sources.data, events.data]);
  const { buckets, undated } = useMemo(() => bucketize(items, zoom), [items, zoom]);

  const zoomBy = (step: number) => setZoom((z) => ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, ZOOMS.indexOf(z) + step))]!);
  const keys = (e: KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') { e.preventDefault(); zoomBy(1); }
    if (e.key === '-' || e.key === '_') { e.preventDefault(); zoomBy(-1); }
  };
  const loading = !statements.data || !sources.data || !events.data;
  const trashEvent = (id: string) => {
    const ev = events.data?.find((x) => x.id === id);
    if (!ev) return;
    run('events.trash', { id: ev.id, rev: ev.rev }).then(
      (t) => notify({ message: `Moved the event “${isolate(ev.title)}” to the trash.`, undo: () => run('events.restore', { id: t.id, rev: t.rev }) }),
      (err: unknown) => notify({ message: String((err as Error).message), tone: 'error' }),
    );
  };

  return (
    <div className="tab-content timeline" onKeyDown={keys}>
      <div className="toolbar" role="toolbar" aria-label="Timeline zoom">
        <span className="muted">Gregorian dates with the Hijri (Umm al-Qura) date beneath.</span>
        <button type="button" className="secondary small" onClick={() => zoomBy(-1)} disabled={zoom === ZOOMS[0]} aria-label="Zoom out" aria-keyshortcuts="-">−</button>
        <label className="inline-field">
          <span>Scale</span>
          <select value={zoom} onChange={(e) => setZoom(e.target.value as Zoom)}>
            {ZOOMS.map((z) => <option key={z} value={z}>{ZOOM_LABELS[z]}</option>)}
          </select>
        </label>
        <button type="button" className="secondary small" onClick={() => zoomBy(1)} disabled={zoom === ZOOMS[ZOOMS.length - 1]} aria-label="Zoom in" aria-keyshortcuts="+">+</button>
      </div>
      <ErrorNote message={statements.error?.message ?? sources.error?.message ?? events.error?.message} />
      {loading ? <p className="muted" role="status">Loading the timeline…</p> : null}
      {!loading && buckets.length === 0 ? <p className="muted">Nothing dated in this case yet.</p> : null}
      <ol className="timeline-axis" aria-label={`Timeline by ${ZOOM_LABELS[zoom].toLowerCase()}`} tabIndex={0}>
        {buckets.map((b) => 'gap' in b ? (
          <li key={b.key} className="timeline-gap" aria-label={`${b.gap} empty ${ZOOM_LABELS[zoom].toLowerCase()}`}>⋯</li>
        ) : (
          <li key={b.key} className={`timeline-col${b.items.length ? '' : ' is-empty'}`}>
            <div className="timeline-date">
              <span className="greg">{zoom === 'week' ? `Week of ${formatGregorian(b.start.toISOString().slice(0, 10), 'day')}` : formatGregorian(b.start.toISOString().slice(0, 10), zoom === 'day' ? 'day' : zoom)}</span>
              <span className="hijri">{formatHijri(b.start.toISOString().slice(0, 10), zoom === 'week' ? 'day' : zoom)}</span>
            </div>
            {b.items.length ? (
              <ul className="timeline-items">
                {b.items.slice(0, SHOWN_PER_COLUMN).map((it) => <TimelineEntry key={`${it.kind}-${it.id}`} item={it} onTrashEvent={trashEvent} onEditEvent={setEditing} />)}
                {b.items.length > SHOWN_PER_COLUMN ? (
                  <li>
                    {zoom !== 'day' ? (
                      <button type="button" className="quiet small" onClick={() => zoomBy(1)}>{b.items.length - SHOWN_PER_COLUMN} more — zoom in</button>
                    ) : <span className="muted small">{b.items.length - SHOWN_PER_COLUMN} more</span>}
                  </li>
                ) : null}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {undated.length ? <p className="muted">{undated.length} undated {undated.length === 1 ? 'record is' : 'records are'} not on the axis.</p> : null}
      <NewEventForm caseId={c.id} disabled={!!c.deletedAt} />
      {editedEvent ? <EditEventDialog key={editedEvent.id} event={editedEvent} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

function TimelineEntry({ item, onTrashEvent, onEditEvent }: { item: TimelineItem; onTrashEvent(id: string): void; onEditEvent(id: string): void }) {
  const can = useCan('events.write');
  const title = <B>{item.title}</B>;
  const when = `${formatGregorian(item.date, item.precision)} · ${formatHijri(item.date, item.precision)}`;
  return (
    <li className={`timeline-item kind-${item.kind}`} title={when}>
      <span className="timeline-kind">{KIND_LABEL[item.kind]}</span>
      {item.kind === 'statement' ? <Link to={paths.statement(item.id)}>{title}</Link>
        : item.kind === 'source' ? <Link to={paths.source(item.id)}>{title}</Link>
          : (
            <>
              {title}{' '}
              <button type="button" className="quiet small" onClick={() => onEditEvent(item.id)} disabled={!can.allowed} title={can.reason ?? undefined} aria-label={`Edit the event ${item.title}`}>✎</button>
              <button type="button" className="quiet small" onClick={() => onTrashEvent(item.id)} disabled={!can.allowed} title={can.reason ?? undefined} aria-label={`Move the event ${item.title} to the trash`}>×</button>
            </>
          )}
      <span className="timeline-when small muted">{when}</span>
    </li>
  );
}

function NewEventForm({ caseId, disabled }: { caseId: string; disabled: boolean }) {
  const [occurredAt, setOccurredAt] = useState('');
  const [precision, setPrecision] = useState<DatePrecision>('day');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const create = useApiMutation('events.create', { onSuccess: () => { setTitle(''); setDescription(''); setOccurredAt(''); } });
  const can = useCan('events.write');
  useEffect(() => {
    if (/^\d{4}$/.test(occurredAt)) setPrecision('year');
    else if (/^\d{4}-\d{2}$/.test(occurredAt)) setPrecision('month');
    else if (/^\d{4}-\d{2}-\d{2}$/.test(occurredAt)) setPrecision('day');
  }, [occurredAt]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ caseId, occurredAt, datePrecision: precision, title, description });
  };
  const err = create.error;
  return (
    <form className="panel form event-form" onSubmit={submit} aria-labelledby="new-event-h" noValidate>
      <h2 id="new-event-h">Add an event</h2>
      {disabled ? null : <Why can={can} id="new-event-why" />}
      <fieldset className="bare" disabled={disabled || !can.allowed} aria-describedby={can.allowed ? undefined : 'new-event-why'}>
        <div className="field-row">
          <TextField label="Date" hint="2023, 2023-11 or 2023-11-01" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} error={fieldMessage(err, 'occurredAt')} />
          <SelectField label="Precision" value={precision} options={options(PRECISION_LABELS)} onChange={(e) => setPrecision(e.target.value as DatePrecision)} error={fieldMessage(err, 'datePrecision')} />
          <TextField label="What happened" value={title} onChange={(e) => setTitle(e.target.value)} error={fieldMessage(err, 'title')} />
        </div>
        <TextField label="Details" value={description} onChange={(e) => setDescription(e.target.value)} error={fieldMessage(err, 'description')} />
        <ErrorNote message={formMessage(err, ['occurredAt', 'datePrecision', 'title', 'description'])} />
        <div className="actions"><button type="submit" disabled={create.isPending}>Add event</button></div>
      </fieldset>
    </form>
  );
}
