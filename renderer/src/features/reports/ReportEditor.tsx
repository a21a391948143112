import { keepPreviousData } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Marking, Report } from '../../../../shared/domain';
import { insertReference } from '../../../../shared/report/references';
import { ApiError, toApiError } from '../../api/client';
import type { Command } from '../../app/commands';
import { useScreenCommands } from '../../app/commands';
import { navigate, paths } from '../../app/router';
import { MarkingBanner } from '../../components/Badges';
import { ConflictView } from '../../components/ConflictView';
import { ErrorNote, ReadOnlyFields, ReadOnlyNote, SelectField, TextAreaField, TextField, options, useReadOnly } from '../../components/Field';
import { InCases } from '../../components/InCases';
import { Loading, Page } from '../../components/Page';
import { OthersDrafts } from '../../components/ParkedEdits';
import { SaveStatus } from '../../components/SaveStatus';
import { fieldMessage } from '../../components/errors';
import { formatHijri } from '../../components/format';
import { MARKING_LABELS } from '../../components/labels';
import { useProfile } from '../../data/acting';
import { DraftStore } from '../../data/drafts';
import type { Rec } from '../../data/drafts';
import { useCan } from '../../data/permissions';
import { useApiQuery } from '../../data/query';
import { useDraft, useDraftStore } from '../../data/useDraft';
import { useTrash } from '../../data/useTrash';
import { NotesPanel } from '../notes';
import { CiteDialog } from './CiteDialog';
import { DocumentView } from './DocumentView';
import { ExportMenu, FORMATS, useReportExport } from './Export';
import { REPORT_FIELDS, REPORT_KIND, reportState } from './kind';
import { Notices } from './Notices';
import { usePublish } from './Publish';
import { QuoteDialog } from './QuoteDialog';
import { Versions } from './Versions';
import { B } from '../../components/text';

const EDITABLE = ['headline', 'dateline', 'datelineDate', 'showHijri', 'lead', 'body', 'marking'] as const;
/** How long typing pauses before the preview asks for a new rendering. */
const PREVIEW_DELAY_MS = 350;

export function ReportPage({ id }: { id: string }) {
  const q = useApiQuery('reports.get', { id });
  if (q.error) return <Page title="Report"><ErrorNote message={q.error.message} /></Page>;
  if (!q.data) return <Page title="Report"><Loading what="the report" /></Page>;
  return <ReportEditor report={q.data} />;
}

/** `value` once it has stopped changing for `ms` (compared by its JSON). */
function useSettled<T>(value: T, ms: number): T {
  const json = JSON.stringify(value);
  const [settled, setSettled] = useState(json);
  useEffect(() => {
    const t = setTimeout(() => setSettled(json), ms);
    return () => clearTimeout(t);
  }, [json, ms]);
  return useMemo(() => JSON.parse(settled) as T, [settled]);
}

/**
 * A report draft: its fields on one side (autosaved through the one draft loop, as every record),
 * the live preview in the house style on the other with what would stop an export beside it, then
 * its published versions. Citations and quotations go in at the cursor (Ctrl+Shift+C, Ctrl+Shift+Q).
 */
export function ReportEditor({ report }: { report: Report }) {
  const ids = useId();
  const draft = useDraft(REPORT_KIND, report as unknown as Rec & Report);
  const view = draft.view;
  const r = view.value as unknown as Report;
  const base = view.base as unknown as Report;
  const err = view.state.kind === 'error' ? view.state.error : null;
  const me = useProfile();
  const store = useDraftStore();
  const canWrite = useCan('reports.write');
  const trashed = !!report.deletedAt;
  const editable = canWrite.allowed && !trashed;
  const edit = (patch: Partial<Report>, now = false) => void draft.edit(patch, { now });
  const [shown, setShown] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'cite' | 'quote' | null>(null);
  const [hint, setHint] = useState<string | null>(null);

  // --- the preview: unsaved fields over the saved report, once typing pauses ---------------------
  const unsaved = Object.fromEntries(EDITABLE.filter((k) => k in view.draft && !view.held.includes(k)).map((k) => [k, r[k]]));
  const pending = useSettled(unsaved, PREVIEW_DELAY_MS);
  const render = useApiQuery(
    'reports.render',
    shown ? { id: report.id, version: shown } : { id: report.id, ...(Object.keys(pending).length ? { draft: pending } : {}) },
    // A rendering depends on sources, statements and translations that other screens change
    // (a reviewer approving a quoted translation): ask again whenever the editor is shown.
    { placeholderData: keepPreviousData, staleTime: 0, refetchOnMount: 'always' },
  );
  const rendered = render.data && render.data.published === (shown !== null) ? render.data : undefined;
  const notices = useMemo(() => (shown === null ? rendered?.notices ?? [] : []), [shown, rendered]);

  // --- inserting at the cursor -------------------------------------------------------------------
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);
  const latest = useRef(r);
  latest.current = r;
  const [placeAt, setPlaceAt] = useState<{ start: number; end: number } | null>(null);
  const remember = () => {
    const el = bodyRef.current;
    if (el) caret.current = el.selectionEnd;
  };
  useEffect(() => {
    if (!placeAt) return;
    const el = bodyRef.current;
    if (el) {
      el.focus();
      el.setSelectionRange(placeAt.start, placeAt.end);
      caret.current = placeAt.end;
    }
    setPlaceAt(null);
  }, [placeAt]);
  const insert = (text: string, block = false) => {
    setDialog(null);
    const body = latest.current.body;
    const out = insertReference(body, caret.current ?? body.length, text, { block });
    void draft.edit({ body: out.body });
    setPlaceAt({ start: out.end, end: out.end });
  };
  const openInsert = useCallback((which: 'cite' | 'quote') => {
    setHint(null);
    if (!editable) { setHint(trashed ? 'This report is in the trash.' : canWrite.reason); return; }
    if (document.activeElement === bodyRef.current) remember();
    setDialog(which);
  }, [editable, trashed, canWrite.reason]);

  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey) return;
      const k = e.key.toLowerCase();
      if ((k !== 'c' && k !== 'q') || document.querySelector('.modal-overlay')) return;
      e.preventDefault();
      openInsert(k === 'c' ? 'cite' : 'quote');
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [openInsert]);

  // --- saving before export and publishing -------------------------------------------------------
  const settle = useCallback(async (): Promise<Report> => {
    const saved = (await store.settle(REPORT_KIND, me.id, report as unknown as Rec)) as unknown as Report;
    const v = store.view(DraftStore.keyOf(REPORT_KIND, report.id, me.id));
    if (v && (v.state.kind === 'conflict' || v.state.kind === 'error' || v.dirty)) {
      throw new ApiError({
        code: 'failed',
        message: v.state.kind === 'conflict'
          ? 'Someone else saved this report while you were editing it: choose what to keep first.'
          : `Your latest edits are not saved${v.state.kind === 'error' ? `: ${v.state.error.message}` : ' yet'}. Save them first.`,
      });
    }
    return saved;
  }, [store, me.id, report]);
  const beforeExport = useCallback(async () => { await settle(); }, [settle]);
  const exp = useReportExport({ report: base, before: beforeExport });
  const publish = usePublish({ report: base, document: shown === null ? rendered?.document : undefined, notices, settle });

  const commands = useMemo<Command[]>(() => [
    { id: 'report.cite', label: 'Insert a citation…', keywords: 'cite source footnote report', shortcut: 'Ctrl+Shift+C', run: () => openInsert('cite') },
    { id: 'report.quote', label: 'Insert a quotation…', keywords: 'quote statement translation report', shortcut: 'Ctrl+Shift+Q', run: () => openInsert('quote') },
    ...FORMATS.map((f) => ({ id: `report.export.${f.format}`, label: `Export this report as ${f.name}`, keywords: `export save download ${f.format}`, run: () => void exp.run(f.format) })),
    { id: 'report.publish', label: 'Publish this report…', keywords: 'publish freeze version four eyes', run: publish.start },
  ], [openInsert, exp.run, publish.start]);
  useScreenCommands(commands);

  const selectInBody = (start: number, end: number) => setPlaceAt({ start, end });
  const publishedNow = base.publishedVersion !== null && base.publishedVersion === base.version;
  const hijri = r.datelineDate ? formatHijri(r.datelineDate, 'day') : '';

  return (
    <Page
      className="report-page"
      before={<MarkingBanner marking={r.marking} />}
      title={<B>{r.headline || 'Untitled report'}</B>}
      actions={
        <>
          {canWrite.allowed || view.dirty ? <SaveStatus view={view} onRetry={() => void draft.flush()} /> : null}
          <span className={`badge report-state${publishedNow ? ' is-published' : ''}`}>{reportState(base)}</span>
          <ExportMenu onExport={(format) => void exp.run(format)} />
          {publish.button}
          <TrashReport report={report} />
        </>
      }
    >
      {trashed ? <p className="notice" role="note">This report is in the trash. Restore it from the Trash to change it.</p> : null}
      {!trashed && !canWrite.allowed && canWrite.reason ? <ReadOnlyNote reason={canWrite.reason} /> : null}
      {publishedNow ? (
        <p className="notice" role="note">
          Version {base.version} is published and kept exactly as it went out (see Versions).{editable ? ` Editing the draft starts version ${base.version + 1}.` : ''}
        </p>
      ) : base.publishedVersion ? (
        <p className="notice" role="note">This is the draft of version {base.version}; version {base.publishedVersion} is published as it was (see Versions).</p>
      ) : null}
      {publish.ui}
      {exp.ui}
      <ErrorNote message={hint} />
      {view.state.kind === 'conflict' ? (
        <ConflictView view={view} fields={REPORT_FIELDS} onKeepMine={() => void draft.keepMine()} onTakeTheirs={() => void draft.takeTheirs()} onMerge={(m) => void draft.merge(m)} />
      ) : null}
      <OthersDrafts kind={REPORT_KIND} id={report.id} labels={REPORT_FIELDS} />
      <div className="report-grid">
        <fieldset className="bare report-draft" disabled={trashed} aria-label="Draft">
          <ReadOnlyFields can={canWrite} note={false}>
            <section className="panel" aria-labelledby={`${ids}-draft`}>
              <h2 id={`${ids}-draft`}>Draft</h2>
              <TextField
                label="Headline" value={r.headline} onChange={(e) => edit({ headline: e.target.value })}
                error={fieldMessage(err, 'headline') ?? (view.held.includes('headline') ? 'A report needs a headline.' : null)}
              />
              <div className="field-row">
                <TextField label="Dateline place" placeholder="Baghdad" value={r.dateline} onChange={(e) => edit({ dateline: e.target.value })} error={fieldMessage(err, 'dateline')} />
                <TextField
                  label="Dateline date" type="date" value={r.datelineDate ?? ''} hint={hijri ? `Hijri: ${hijri}` : undefined}
                  onChange={(e) => edit({ datelineDate: e.target.value || null })}
                  error={fieldMessage(err, 'datelineDate') ?? (view.held.includes('datelineDate') ? 'Use a date like 2023-11-01.' : null)}
                />
              </div>
              <div className="field-row">
                <HijriOption checked={r.showHijri} onChange={(v) => edit({ showHijri: v }, true)} />
                <SelectField label="Marking" value={r.marking} options={options(MARKING_LABELS)} onChange={(e) => edit({ marking: e.target.value as Marking }, true)} error={fieldMessage(err, 'marking')} />
              </div>
              <TextAreaField label="Lead" rows={2} value={r.lead} onChange={(e) => edit({ lead: e.target.value })} error={fieldMessage(err, 'lead')} />
              <div className="toolbar body-toolbar" role="toolbar" aria-label="Insert into the body">
                <button type="button" className="secondary small" onClick={() => openInsert('cite')} disabled={!editable} aria-keyshortcuts="Control+Shift+C">
                  Insert citation…
                </button>
                <button type="button" className="secondary small" onClick={() => openInsert('quote')} disabled={!editable} aria-keyshortcuts="Control+Shift+Q">
                  Insert quotation…
                </button>
                <span className="muted small">at the cursor · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>C</kbd> / <kbd>Q</kbd></span>
              </div>
              <TextAreaField
                label="Body" ref={bodyRef} rows={18} className="report-body" value={r.body}
                hint="Markdown. Citations [@SOURCE, locator] and quotations {{quote …}} are put in with the buttons above; their numbers are given when the report is rendered."
                onChange={(e) => { edit({ body: e.target.value }); caret.current = e.target.selectionEnd; }}
                onSelect={remember} onBlur={remember}
                error={fieldMessage(err, 'body')}
              />
            </section>
          </ReadOnlyFields>
        </fieldset>
        <div className="report-side">
          <section className="panel report-preview" aria-labelledby={`${ids}-preview`}>
            <div className="panel-head">
              <h2 id={`${ids}-preview`}>{shown ? `Version ${shown} as published` : 'Preview'}</h2>
              <span className="muted small" role="status">{render.isFetching ? 'Updating…' : ''}</span>
            </div>
            {shown ? (
              <p className="notice" role="note">
                Read-only: version {shown} exactly as it went out. <button type="button" className="quiet small" onClick={() => setShown(null)}>Back to the draft</button>
              </p>
            ) : null}
            <ErrorNote message={render.error?.message} />
            {rendered ? <DocumentView document={rendered.document} label={shown ? `Version ${shown}` : 'Report preview'} /> : <Loading what="the preview" />}
          </section>
          {shown === null ? (
            <section className="panel" aria-labelledby={`${ids}-warnings`}>
              <h2 id={`${ids}-warnings`}>Warnings <span className="count">{notices.length || ''}</span></h2>
              <Notices notices={notices} label="Warnings" onShow={editable ? selectInBody : undefined} />
            </section>
          ) : null}
        </div>
      </div>
      <Versions report={base} shown={shown} onShow={setShown} />
      <InCases itemType="report" itemId={report.id} disabled={trashed} />
      <NotesPanel targetType="report" targetId={report.id} />
      <CiteDialog isOpen={dialog === 'cite'} onClose={() => setDialog(null)} onInsert={(text) => insert(text)} />
      <QuoteDialog isOpen={dialog === 'quote'} onClose={() => setDialog(null)} onInsert={(text, block) => insert(text, block)} />
    </Page>
  );
}

function HijriOption({ checked, onChange }: { checked: boolean; onChange(v: boolean): void }) {
  const readOnly = useReadOnly();
  return (
    <label className="check field hijri-option">
      <input type="checkbox" checked={checked} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} />
      <span>Show the Hijri date</span>
    </label>
  );
}

function TrashReport({ report }: { report: Report }) {
  const trashRecord = useTrash();
  const can = useCan('reports.write');
  const [error, setError] = useState<string | null>(null);
  const trash = async () => {
    setError(null);
    try {
      await trashRecord(REPORT_KIND, report as unknown as Rec, 'reports.trash', 'the report');
      if (window.history.length > 1) window.history.back(); else navigate(paths.reports());
    } catch (e) {
      setError(toApiError(e).message);
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => void trash()} disabled={!!report.deletedAt || !can.allowed} title={can.reason ?? undefined}>Move to trash</button>
      {error ? <ErrorNote message={error} /> : null}
    </>
  );
}
