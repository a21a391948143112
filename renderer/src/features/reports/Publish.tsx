import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { Report, ReportDocument, ReportNotice } from '../../../../shared/domain';
import { toApiError } from '../../api/client';
import type { ApiError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { languageLabel, MARKING_LABELS } from '../../components/labels';
import { useProfile } from '../../data/acting';
import { keyOf } from '../../data/keys';
import { useCan } from '../../data/permissions';
import { useCaller } from '../../data/query';
import { isAuthorOf } from './Export';
import { Notices } from './Notices';
import { RefusalDialog } from './Refusal';
import { B } from '../../components/text';

/**
 * Publishing: a reviewer or case manager who did not write or edit the report's text freezes the
 * draft as a version (the Core checks both; the UI says why beforehand, in the Core's terms). The
 * confirmation lists what will be frozen. `settle` saves pending edits and gives the saved report.
 */
export function usePublish({ report, document, notices, settle }: {
  report: Report; document: ReportDocument | undefined; notices: readonly ReportNotice[]; settle(): Promise<Report>;
}) {
  const ids = useId();
  const me = useProfile();
  const can = useCan('reports.publish');
  const override = useCan('reports.overrideMarking');
  const run = useCaller();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ error: ApiError } | null>(null);

  const author = isAuthorOf(report, me.id);
  const published = report.publishedVersion === report.version;
  // Unavailable outright (disabled): the role is missing, or there is nothing new to publish.
  const off = !can.allowed ? can.reason : published ? `Version ${report.version} is published and nothing changed since: editing the draft starts version ${report.version + 1}.` : null;
  // Four eyes: shown as unavailable with the reason, still focusable; pressing asks the Core, whose refusal is what counts.
  const fourEyes = !off && author
    ? `You ${report.createdBy === me.id ? 'wrote' : 'edited'} this report's text: four eyes keep you from publishing it. A reviewer or case manager who did not write or edit it publishes it.`
    : null;
  const blocking = notices.filter((n) => n.severity === 'blocks');

  const publish = useCallback(async (allowMarking = false) => {
    setBusy(true);
    setError(null);
    setDone(null);
    setRefusal(null);
    try {
      const saved = await settle();
      const out = await run('reports.publish', { id: saved.id, rev: saved.rev, allowMarking });
      qc.setQueryData(keyOf('reports.get', { id: saved.id }), out.report);
      setConfirming(false);
      setDone([`Published version ${out.version.version}. It is kept exactly as it went out; editing the draft starts version ${out.version.version + 1}.`, ...out.notes].join(' '));
    } catch (e) {
      const err = toApiError(e);
      setConfirming(false);
      if (err.code === 'conflict' && (err.body.current as { notices?: unknown } | undefined)?.notices) setRefusal({ error: err });
      else if (err.code === 'forbidden' && err.body.field === 'allowMarking') setRefusal({ error: err });
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  }, [settle, run, qc]);

  const start = useCallback(() => {
    if (off) return;
    if (fourEyes) { void publish(); return; }
    setConfirming(true);
  }, [off, fourEyes, publish]);

  const reason = off ?? fourEyes;
  const button: ReactNode = (
    <button
      type="button" onClick={start} disabled={!!off || busy} className={fourEyes ? 'is-blocked' : undefined}
      aria-disabled={fourEyes ? true : undefined} aria-describedby={reason ? `${ids}-why` : undefined}
    >
      {busy ? 'Publishing…' : 'Publish…'}
    </button>
  );
  const ui: ReactNode = (
    <>
      {reason && !done ? <p className="field-hint why" id={`${ids}-why`}>{reason}</p> : null}
      {done ? <p className="notice publish-done" role="status">{done}</p> : null}
      {error ? <p className="error" role="alert" dir="auto">{error}</p> : null}
      <Dialog isOpen={confirming} onClose={() => setConfirming(false)} title={`Publish version ${report.version}?`} role="alertdialog" dismissable={false} className="publish-dialog">
        <div className="dialog-body">
          <p>Publishing freezes version {report.version} exactly as it is now. These will be kept as they went out:</p>
          <ul className="frozen-list">
            <li>The headline <q><B>{report.headline}</B></q>, the dateline and lead, marked {MARKING_LABELS[report.marking]}.</li>
            <li>The text as Markdown, HTML and Word files, and a PDF when one can be printed, each stored with its SHA-256.</li>
            {document ? (
              <li>
                {document.footnotes.length} {document.footnotes.length === 1 ? 'footnote' : 'footnotes'} citing{' '}
                {new Set(document.footnotes.map((f) => f.sourceId)).size} {new Set(document.footnotes.map((f) => f.sourceId)).size === 1 ? 'source' : 'sources'}.
              </li>
            ) : null}
            {document?.quotations.map((q, i) => (
              <li key={i}>
                Quotation {i + 1}: {q.wording === 'published'
                  ? <>the published wording of a statement, as it stands now</>
                  : <>the {languageLabel(q.lang)} translation, revision {q.revisionNumber}, which becomes final</>}
                {' '}<span className="muted small" dir="auto">“{q.text.length > 80 ? `${q.text.slice(0, 79)}…` : q.text}”</span>
              </li>
            ))}
          </ul>
          <p>Editing afterwards starts version {report.version + 1} as a new draft; version {report.version} stays readable and exportable as it was.</p>
          {blocking.length ? (
            <>
              <p className="error" role="alert">It cannot be published while these stand:</p>
              <Notices notices={blocking} label="What stops publishing" />
            </>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="quiet" onClick={() => setConfirming(false)} autoFocus>Cancel</button>
          <button type="button" onClick={() => void publish()} disabled={busy || blocking.length > 0}>Publish version {report.version}</button>
        </div>
      </Dialog>
      <RefusalDialog
        refusal={refusal} what={`Publishing version ${report.version}`} onClose={() => setRefusal(null)}
        anyway={{ label: 'Publish anyway', run: () => void publish(true), blocked: author || override.allowed ? null : override.reason }}
      />
    </>
  );
  return { button, ui, start, available: !off };
}
