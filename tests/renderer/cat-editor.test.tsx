// The translator's tools in the editor (issue 14): the keyboard, the glossary's terms marked in
// the original with their rendering, the QA panel with an override, and the glossary page's
// role-aware form. The desk is a real Core behind the renderer's bridge (desk.ts).
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TranslationView } from '../../shared/domain';
import { App } from '../../renderer/src/app/App';
import { openDesk } from './desk';
import { workAs } from './setup';

const ANALYST = { name: 'Jonas Berg', roles: ['analyst' as const] };
const REVIEWER = { name: 'Salma Idris', roles: ['reviewer' as const] };
const ORIGINAL = 'قررت المقاومة تحرير ١٧ قرية. لا توقف ولا هدنة!';

async function setUp(targets?: [string, string]) {
  const desk = await openDesk({ profiles: [ANALYST, REVIEWER] });
  desk.install();
  const [analyst, reviewer] = [desk.profiles[0]!, desk.profiles[1]!];
  const s = await desk.call(analyst, 'statements.create', { summary: 'Liberate', originalText: ORIGINAL, language: 'ar' });
  let v: TranslationView = await desk.call(analyst, 'translations.start', { statementId: s.id, targetLang: 'en' });
  if (targets) {
    v = await desk.call(analyst, 'translations.edit', { id: v.translation.id, rev: v.translation.rev, segments: [{ id: 's1', target: targets[0] }, { id: 's2', target: targets[1] }] });
  }
  return { desk, analyst, reviewer, s, v };
}

const box = (n: number) => screen.getByRole('textbox', { name: `Translation of segment ${n}` }) as HTMLTextAreaElement;
const status = () => screen.getAllByRole('status').map((e) => e.textContent).join(' | ');

describe('the translation editor keyboard', () => {
  it('Ctrl+Shift+S copies the original, Ctrl+Enter saves and moves on, Ctrl+↑/↓ move; focus lands in the target and is announced', async () => {
    const { desk, analyst, s, v } = await setUp();
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    await screen.findByRole('table', { name: 'Segments: Arabic → English' });
    expect(box(1).getAttribute('aria-keyshortcuts')).toBe('Control+Enter Control+Shift+S Control+ArrowUp Control+ArrowDown');
    // The hint is on screen and read with each field.
    const hint = document.getElementById(`tr-keys-${v.translation.id}`) as HTMLElement;
    expect(hint.textContent).toContain('Ctrl+Shift+S Copy the original into the translation');
    expect(box(1).getAttribute('aria-describedby')).toContain(`tr-keys-${v.translation.id}`);

    box(1).focus();
    fireEvent.keyDown(box(1), { key: 'S', ctrlKey: true, shiftKey: true });
    expect(box(1).value).toBe('قررت المقاومة تحرير ١٧ قرية.');
    expect(status()).toContain('The original of segment 1 was copied into its translation.');

    fireEvent.change(box(1), { target: { value: 'The resistance decided to liberate 17 villages.' } });
    fireEvent.keyDown(box(1), { key: 'Enter', ctrlKey: true });
    expect(document.activeElement).toBe(box(2));
    expect(status()).toContain('Segment 1 saved. Segment 2 of 2.');
    await waitFor(async () => {
      const now = await desk.call(analyst, 'translations.get', { statementId: s.id, targetLang: 'en' });
      expect(now!.latest.segments[0]!.target).toBe('The resistance decided to liberate 17 villages.');
    });

    fireEvent.keyDown(box(2), { key: 'ArrowUp', ctrlKey: true });
    expect(document.activeElement).toBe(box(1));
    fireEvent.keyDown(box(1), { key: 'ArrowDown', ctrlKey: true });
    expect(document.activeElement).toBe(box(2));
    fireEvent.keyDown(box(2), { key: 'ArrowDown', ctrlKey: true });
    expect(document.activeElement).toBe(box(2));
    expect(status()).toContain('That was the last of 2 segments.');
  }, 60_000);
});

describe('glossary and QA in the editor', () => {
  it('marks a glossary term in the original with its approved rendering, and Insert puts it into the translation', async () => {
    const { desk, analyst, reviewer, s } = await setUp();
    await desk.call(reviewer, 'glossary.create', { sourceLang: 'ar', targetLang: 'en', term: 'مقاومة', renderings: ['the Resistance'], forbidden: ['the militants'] });
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    const terms = await screen.findByRole('list', { name: 'Glossary terms in segment 1' });
    expect(terms.textContent).toContain('المقاومة → the Resistance');
    expect(terms.textContent).toContain('not: the militants');
    const row = box(1).closest('tr') as HTMLElement;
    expect([...row.querySelectorAll('td.tr-source .tr-source-terms mark')].map((m) => m.textContent)).toEqual(['المقاومة']);
    // The original's text is unchanged by the marking.
    expect((row.querySelector('td.tr-source .original-text') as HTMLElement).textContent).toBe('قررت المقاومة تحرير ١٧ قرية.');
    fireEvent.click(within(terms).getByRole('button', { name: 'Insert the approved rendering “the Resistance” into the translation' }));
    expect(box(1).value).toBe('the Resistance');
  });

  it('lists QA findings per segment; an override with a reason lets the translation be submitted', async () => {
    const { desk, analyst, s } = await setUp(['The resistance decided to liberate villages.', 'No stopping, no truce!']);
    workAs(analyst.id, `#/statements/${s.id}`);
    render(<App />);
    const panel = await screen.findByRole('region', { name: 'QA checks' });
    await within(panel).findByText('the number 17 of the original is missing from the translation');
    expect(within(panel).getByText('1 finding to fix or override before submitting.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Submit for review' }));
    expect(await screen.findByText(/Not submitted: 1 QA finding to fix or override with a reason: segment 1: the number 17/)).toBeTruthy();

    fireEvent.click(within(panel).getByRole('button', { name: 'Override on segment 1: the number 17 of the original is missing from the translation' }));
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Reason' }), { target: { value: 'The count is given in the next sentence of the video.' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Let it stand' }));
    expect(await within(panel).findByText('The count is given in the next sentence of the video.')).toBeTruthy();
    expect(within(panel).getByText('Every finding is overridden with a reason.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Submit for review' }));
    expect(await screen.findByText('In review', { selector: '.tr-state' })).toBeTruthy();
    const now = await desk.call(analyst, 'translations.get', { statementId: s.id, targetLang: 'en' });
    expect(now!.latest.state).toBe('in_review');
  });
});

describe('the glossary page', () => {
  it('shows an analyst the terms without editing and says why; a reviewer adds a term through the form', async () => {
    const { desk, analyst, reviewer } = await setUp();
    await desk.call(reviewer, 'glossary.create', { sourceLang: 'ar', targetLang: 'en', term: 'الحشد الشعبي', renderings: ['Popular Mobilization Forces'] });
    workAs(analyst.id, '#/glossary');
    const view = render(<App />);
    expect(await screen.findByRole('rowheader', { name: 'الحشد الشعبي' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a term' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit “الحشد الشعبي”' })).toBeNull();
    expect(screen.getByText('Only a profile with the reviewer or case manager role may edit the glossary.')).toBeTruthy();
    view.unmount();

    workAs(reviewer.id, '#/glossary');
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a term' }));
    const form = screen.getByRole('form', { name: 'Add a term' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Source term' }), { target: { value: 'المقاومة' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Approved renderings (one per line, preferred first)' }), { target: { value: 'the Resistance\nthe resistance movement' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('rowheader', { name: 'المقاومة' })).toBeTruthy();
    const terms = await desk.call(reviewer, 'glossary.list', {});
    expect(terms.map((t) => [t.term, t.renderings])).toEqual([['الحشد الشعبي', ['Popular Mobilization Forces']], ['المقاومة', ['the Resistance', 'the resistance movement']]]);
  });
});
