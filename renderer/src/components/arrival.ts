/**
 * Where the focus goes when a screen arrives, so it never falls back to <body> (where a screen
 * reader says nothing and Tab starts from the top of the window). A navigation asks for the new
 * screen's heading; creating a record asks for its first field. The screen that arrives takes
 * the request once it has its content; a loading placeholder only holds the focus meanwhile.
 */
import { useEffect } from 'react';
import type { RefObject } from 'react';

export type Arrival = 'heading' | 'field';

let pending: Arrival | null = null;

/** The next screen to arrive takes the focus: its first field, or its heading. */
export function arriveAt(what: Arrival): void {
  pending = what;
}

/** A navigation happened: the new screen takes the focus, unless something asked for more. */
export function arriveFromNavigation(): void {
  pending ??= 'heading';
}

const FIELDS = 'input:not([type=hidden]):not([type=file]):not([type=checkbox]):not([type=radio]), textarea, select';

function firstField(page: HTMLElement): HTMLElement | null {
  for (const el of page.querySelectorAll<HTMLInputElement>(FIELDS)) {
    if (el.closest('.page-head') || el.disabled || el.readOnly || el.closest('fieldset:disabled')) continue;
    return el;
  }
  return null;
}

function focusLost(): boolean {
  return !document.activeElement || document.activeElement === document.body;
}

/** For screens outside the workstation (first run, who is working): focus the first field or the heading, unless something has it. */
export function useFocusOnShow(ref: RefObject<HTMLElement | null>, what: Arrival, when: unknown = null): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || !focusLost()) return;
    ((what === 'field' ? firstField(el) : null) ?? el.querySelector<HTMLElement>('h1'))?.focus();
  }, [ref, what, when]);
}

/**
 * For a screen's outermost element: on arrival, takes the focus if a navigation asked for it or
 * if it was lost (the element that had it went away with the previous screen).
 */
export function useArrivalFocus(ref: RefObject<HTMLElement | null>, loading: () => boolean): void {
  useEffect(() => {
    const page = ref.current;
    if (!page || (!pending && !focusLost())) return;
    const busy = loading();
    const target = (pending === 'field' && !busy ? firstField(page) : null) ?? page.querySelector<HTMLElement>('h1');
    target?.focus();
    if (!busy) pending = null;
  }, [ref, loading]);
}
