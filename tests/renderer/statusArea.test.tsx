import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { StatusArea } from '../../renderer/src/app/StatusArea';
import type { CasefileBridge } from '../../shared/ipc/bridge';
import type { OperationEvent } from '../../shared/ipc/progress';
import { openDesk } from './desk';
import { workAs } from './setup';

/** A window.casefile that only carries operation events, so each step is the test's to take. */
function eventBridge() {
  const handlers = new Set<(e: OperationEvent) => void>();
  const cancelled: string[] = [];
  const bridge = {
    invoke: async () => ({ ok: false, error: { code: 'failed', message: 'not here' } }),
    on: (event: string, handler: (e: OperationEvent) => void) => {
      if (event === 'progress') handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    cancel: async (id: string) => { cancelled.push(id); return true; },
  } as unknown as CasefileBridge;
  window.casefile = bridge;
  const emit = (e: Partial<OperationEvent>) => act(() => {
    for (const h of handlers) h({ operationId: 'op-1', method: 'desk.reindex', state: 'running', phase: 'starting', done: 0, total: 0, ...e });
  });
  return { emit, cancelled };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the status area', () => {
  it('shows a long operation with its progress and a Cancel button, announces its start and end, then goes', async () => {
    vi.useFakeTimers();
    const { emit, cancelled } = eventBridge();
    const { container } = render(<StatusArea />);
    // Nothing runs: nothing is shown.
    expect(screen.queryByRole('region', { name: 'Background work' })).toBeNull();
    const area = container.querySelector('section')!;
    expect(area.hidden).toBe(true);

    emit({ phase: 'rebuilding the search index' });
    expect(screen.getByRole('region', { name: 'Background work' })).toBe(area);
    const bar = within(area).getByRole('progressbar', { name: 'Rebuilding the search index' });
    // The amount is not known yet: no value, rather than a made-up one.
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(within(area).getByRole('status').textContent).toBe('Rebuilding the search index started.');

    emit({ phase: 'indexing statements', done: 250, total: 1000 });
    expect(bar.getAttribute('aria-valuenow')).toBe('250');
    expect(bar.getAttribute('aria-valuemax')).toBe('1000');
    expect(bar.getAttribute('aria-valuetext')).toBe('25%');
    expect(area.textContent).toContain('indexing statements');
    // Steps are not announced: only the start and the end are.
    expect(within(area).getByRole('status').textContent).toBe('Rebuilding the search index started.');

    const cancel = within(area).getByRole('button', { name: 'Cancel: Rebuilding the search index' });
    fireEvent.click(cancel);
    expect(cancelled).toEqual(['op-1']);
    expect(cancel.textContent).toBe('Cancelling…');
    expect(cancel.hasAttribute('disabled')).toBe(true);

    emit({ state: 'cancelled', phase: 'indexing statements', done: 400, total: 1000 });
    expect(within(area).queryByRole('button')).toBeNull();
    expect(area.textContent).toContain('cancelled');
    expect(within(area).getByRole('status').textContent).toBe('Rebuilding the search index: cancelled.');

    act(() => { vi.advanceTimersByTime(5000); });
    expect(area.hidden).toBe(true);
    expect(within(area).queryByRole('progressbar')).toBeNull();
  });

  it('the palette checks the desk: the check runs as a long operation and its answer is a toast', async () => {
    const desk = await openDesk({ profiles: [{ name: 'Dana Admin', roles: ['admin', 'analyst'] }] });
    desk.install();
    const seen: OperationEvent[] = [];
    const off = window.casefile.on('progress', (e) => seen.push(e));
    workAs(desk.profiles[0]!.id);
    render(<App />);
    await screen.findByRole('heading', { level: 1, name: 'Cases' });
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.change(await screen.findByRole('combobox', { name: 'Type a name or a command' }), { target: { value: 'check the desk' } });
    fireEvent.click(await screen.findByRole('option', { name: /Check the desk/ }));
    expect(await screen.findByText('Desk checked: no problems.')).toBeTruthy();
    await waitFor(() => expect(seen.at(-1)).toMatchObject({ method: 'desk.check', state: 'done' }));
    expect(seen.map((e) => e.phase)).toContain('verifying the audit trail');
    const area = screen.getByRole('region', { name: 'Background work' });
    expect(within(area).getByRole('status').textContent).toBe('Checking the desk: done.');
    // An admin may also rebuild the search index from the palette.
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.change(await screen.findByRole('combobox', { name: 'Type a name or a command' }), { target: { value: 'rebuild' } });
    expect(await screen.findByRole('option', { name: /Rebuild the search index/ })).toBeTruthy();
    off();
  });
});
