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
import { i18n } from '../i18n/instance';
import { formatPercent } from '../components/format';
import { useTranslation } from 'react-i18next';

/** What each long operation is called here (shell catalogue, op.<method>); a new long method fails to compile until it has a name. */
const LABELS = {
  'desk.check': 'op.desk.check',
  'desk.reindex': 'op.desk.reindex',
  'attachments.add': 'op.attachments.add',
  'translations.exportXliff': 'op.translations.exportXliff',
  'translations.importXliff': 'op.translations.importXliff',
  'reports.export': 'op.reports.export',
  'reports.publish': 'op.reports.publish',
  'exchange.exportBundle': 'op.exchange.exportBundle',
  'exchange.inspectBundle': 'op.exchange.inspectBundle',
  'exchange.importBundle': 'op.exchange.importBundle',
  'exchange.exportStix': 'op.exchange.exportStix',
} as const satisfies Record<LongMethod, string>;

/** Shell catalogue words, read on each render (the keys are checked: tests/renderer/i18nCatalogues.test.ts). */
const say = (key: string, options?: Record<string, unknown>): string => i18n.t(key as never, { ns: 'shell', ...options }) as string;
const state = (s: OperationEvent['state']) => say(`status.state.${s}`);
const LINGER_MS = 4000;

export const operationLabel = (method: string) => (method in LABELS ? say(LABELS[method as LongMethod]) : method);

export function StatusArea() {
  // Subscribes to the language: the labels below are read through i18n.t on each render.
  useTranslation('shell');
  const [ops, setOps] = useState<OperationEvent[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [asked, setAsked] = useState<Set<string>>(() => new Set());

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = onOperation((e) => {
      setOps((list) => {
        const known = list.some((o) => o.operationId === e.operationId);
        if (!known && e.state === 'running') setAnnouncement(say('status.started', { what: operationLabel(e.method) }));
        return known ? list.map((o) => (o.operationId === e.operationId ? e : o)) : [...list, e];
      });
      if (e.state !== 'running') {
        setAnnouncement(say('status.ended', { what: operationLabel(e.method), state: state(e.state) }));
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
    <section className="status-area" aria-label={say('status.region')} hidden={ops.length === 0}>
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
              valueLabel={running ? (known ? formatPercent(Math.min(o.done, o.total) / o.total) : undefined) : state(o.state)}
            >
              {({ percentage, valueText }) => (
                <>
                  <Label className="operation-label">{label}</Label>
                  <span className="operation-phase">{running ? o.phase : state(o.state)}{valueText && running ? ` · ${valueText}` : ''}</span>
                  <div className="operation-bar"><div className="operation-fill" style={{ width: `${running && !known ? 100 : percentage ?? 0}%` }} /></div>
                </>
              )}
            </ProgressBar>
            {running && (
              <Button className="quiet" onPress={() => cancel(o.operationId)} isDisabled={asked.has(o.operationId)} aria-label={say('status.cancelAria', { what: label })}>
                {asked.has(o.operationId) ? say('status.cancelling') : say('status.cancel')}
              </Button>
            )}
          </div>
        );
      })}
    </section>
  );
}
