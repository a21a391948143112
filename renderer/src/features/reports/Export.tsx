import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { ExportFormat, Report } from '../../../../shared/domain';
import { saveReportExport, toApiError } from '../../api/client';
import type { ApiError } from '../../api/client';
import { useProfile } from '../../data/acting';
import { useCan } from '../../data/permissions';
import { RefusalDialog } from './Refusal';

export const FORMATS: readonly { format: ExportFormat; label: string; name: string }[] = [
  { format: 'md', label: 'Markdown (.md)', name: 'Markdown' },
  { format: 'html', label: 'HTML (.html)', name: 'HTML' },
  { format: 'docx', label: 'Word (.docx)', name: 'Word' },
  { format: 'pdf', label: 'PDF (.pdf)', name: 'PDF' },
];
const NAME = Object.fromEntries(FORMATS.map((f) => [f.format, f.name])) as Record<ExportFormat, string>;

/** Whoever wrote or edited the report's text (four eyes; and its author may allow more restricted records). */
export function isAuthorOf(r: Pick<Report, 'createdBy' | 'editors'>, me: string): boolean {
  return r.createdBy === me || r.editors.includes(me);
}

/**
 * Exporting one version of a report (or its draft): save where the user chooses, a refusal shown
 * with its list, and for a marking conflict an explicit "Export anyway" (allowMarking, audited).
 * `before` saves pending edits first, so the export is of what is on screen.
 */
export function useReportExport({ report, version, before }: { report: Report; version?: number; before?(): Promise<void> }) {
  const me = useProfile();
  const override = useCan('reports.overrideMarking');
  const mayOverride = isAuthorOf(report, me.id) || override.allowed;
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ error: ApiError; format: ExportFormat } | null>(null);

  const run = useCallback(async (format: ExportFormat, allowMarking = false) => {
    setStatus(null);
    setError(null);
    setRefusal(null);
    setBusy(format);
    try {
      await before?.();
      const out = await saveReportExport({ as: me.id, id: report.id, format, allowMarking, ...(version ? { version } : {}) });
      const which = out.published ? `published version ${out.version}` : `the draft (version ${out.version})`;
      const extra = out.notices.filter((n) => n.severity === 'info' && n.kind === 'printed_from_html').map((n) => ` ${n.message}`).join('');
      setStatus(out.saved ? `Saved ${out.fileName}: ${NAME[format]} of ${which}, SHA-256 ${out.sha256}.${extra}` : `Not saved: the save dialog was closed. (The export of ${which} is in the audit trail.)`);
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'conflict' || (err.code === 'forbidden' && err.body.field === 'allowMarking')) setRefusal({ error: err, format });
      else setError(err.message);
    } finally {
      setBusy(null);
    }
  }, [before, me.id, report.id, version]);

  const ui: ReactNode = (
    <>
      {busy ? <p className="muted small" role="status">Exporting {NAME[busy]}…</p> : null}
      {status ? <p className="notice export-status" role="status">{status}</p> : null}
      {error ? <p className="error" role="alert" dir="auto">{error}</p> : null}
      <RefusalDialog
        refusal={refusal} what={refusal ? `Exporting as ${NAME[refusal.format]}` : 'Exporting'} onClose={() => setRefusal(null)}
        anyway={refusal ? {
          label: 'Export anyway', run: () => void run(refusal.format, true),
          blocked: mayOverride ? null : override.reason,
        } : undefined}
      />
    </>
  );
  return { run, busy, ui };
}

/** The Export menu button: the four formats, from the keyboard as from the mouse. */
export function ExportMenu({ onExport, label = 'Export', disabled = false }: { onExport(format: ExportFormat): void; label?: string; disabled?: boolean }) {
  return (
    <MenuTrigger>
      <Button className="button secondary" isDisabled={disabled} aria-label={label}>{label} ▾</Button>
      <Popover placement="bottom end" className="popover">
        <Menu className="menu" aria-label="Export formats" onAction={(key) => onExport(String(key) as ExportFormat)}>
          {FORMATS.map((f) => <MenuItem key={f.format} id={f.format} className="menu-item">{f.label}</MenuItem>)}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
