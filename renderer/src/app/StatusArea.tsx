/**
 * The status area: long operations this window started (contract `long`), each with a
 * progress bar and a Cancel button, and a polite announcement when one starts or ends (not
 * at every step: a screen reader would talk over the user). An ended one stays a few seconds
 * to say how it ended, then goes.
 */
import { useEffect, useState } from 'react';
import { Button, Label, ProgressBar } from 'react-aria-components';
import type { LongMethod } from '../../../shared/ipc/methods';
import type { OperationEvent } from '../../../shared/ipc/progress';
import { cancelOperation, onOperation } from '../api/client';

/** What each long operation is called here; a new long method fails to compile until it has a name. */
const LABELS: Record<LongMethod, string> = {
  'desk.check': 'Checking the desk',
  'desk.reindex': 'Rebuilding the search index',
  'attachments.add': 'Storing an attachment',
  'translations.exportXliff': 'Exporting XLIFF',
  'translations.importXliff': 'Importing XLIFF',
  'reports.export': 'Exporting a report',
  'reports.publish': 'Publishing a report',
  'exchange.exportBundle': 'Exporting a case bundle',
  'exchange.inspectBundle': 'Checking a case bundle',
  'exchange.importBundle': 'Importing a case bundle',
  'exchange.exportStix': 'Exporting STIX',
};

const STATE: Record<OperationEvent['state'], string> = { running: 'running', done: 'done', cancelled: 'cancelled', failed: 'failed' };
const LINGER_MS = 4000;

export const operationLabel = (method: string) => LABELS[method as LongMethod] ?? method;

export function StatusArea() {
  const [ops, setOps] = useState<OperationEvent[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [asked, setAsked] = useState<Set<string>>(() => new Set());

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = onOperation((e) => {
      setOps((list) => {
        const known = list.some((o) => o.operationId === e.operationId);
        if (!known && e.state === 'running') setAnnouncement(`${operationLabel(e.method)} started.`);
        return known ? list.map((o) => (o.operationId === e.operationId ? e : o)) : [...list, e];
      });
      if (e.state !== 'running') {
        setAnnouncement(`${operationLabel(e.method)}: ${STATE[e.state]}.`);
        const t = setTimeout(() => {
          timers.delete(t);
          setOps((list) => list.filter((o) => o.operationId !== e.operationId));
        }, LINGER_MS);
        timers.add(t);
      }
    });
    return () => {
      off();
      for (const t of timers) clearTimeout(t);
    };
  }, []);

  const cancel = (id: string) => {
    setAsked((s) => new Set(s).add(id));
    void cancelOperation(id);
  };

  return (
    <section className="status-area" aria-label="Background work" hidden={ops.length === 0}>
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      {ops.map((o) => {
        const label = operationLabel(o.method);
        const running = o.state === 'running';
        const known = o.total > 0;
        return (
          <div className={`operation is-${o.state}`} key={o.operationId}>
            <ProgressBar
              className="operation-progress"
              value={running ? (known ? Math.min(o.done, o.total) : undefined) : 1}
              maxValue={running && known ? o.total : 1}
              isIndeterminate={running && !known}
              valueLabel={running ? (known ? `${Math.floor((100 * Math.min(o.done, o.total)) / o.total)}%` : undefined) : STATE[o.state]}
            >
              {({ percentage, valueText }) => (
                <>
                  <Label className="operation-label">{label}</Label>
                  <span className="operation-phase">{running ? o.phase : STATE[o.state]}{valueText && running ? ` · ${valueText}` : ''}</span>
                  <div className="operation-bar"><div className="operation-fill" style={{ width: `${running && !known ? 100 : percentage ?? 0}%` }} /></div>
                </>
              )}
            </ProgressBar>
            {running && (
              <Button className="quiet" onPress={() => cancel(o.operationId)} isDisabled={asked.has(o.operationId)} aria-label={`Cancel: ${label}`}>
                {asked.has(o.operationId) ? 'Cancelling…' : 'Cancel'}
              </Button>
            )}
          </div>
        );
      })}
    </section>
  );
}
