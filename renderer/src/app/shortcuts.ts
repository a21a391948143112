/**
 * Every shortcut the app has, as the help overlay lists them. Section and description are keys of
 * the shell catalogue (shortcuts.section.*, shortcuts.what.*); the keys are key names, the same in
 * every language, except where a catalogue entry says them in words (shortcuts.keys.*).
 */
type Section = 'anywhere' | 'lists' | 'statement' | 'report' | 'timeline' | 'translation';
export const SHORTCUTS: readonly { section: Section; keys: string; keysText?: 'goto' | 'export' | 'inbox'; what: string }[] = [
  { section: 'anywhere', keys: 'Ctrl+K', what: 'palette' },
  { section: 'anywhere', keys: '?', what: 'help' },
  { section: 'anywhere', keys: '/', what: 'search' },
  { section: 'anywhere', keys: 'G C', keysText: 'goto', what: 'goto' },
  { section: 'anywhere', keys: 'G I', keysText: 'inbox', what: 'inbox' },
  { section: 'anywhere', keys: 'Ctrl+Z', what: 'undo' },
  { section: 'anywhere', keys: 'Ctrl+S', what: 'save' },
  { section: 'anywhere', keys: 'Esc', what: 'escape' },
  { section: 'lists', keys: '↑ ↓ PgUp PgDn Home End', what: 'rows' },
  { section: 'lists', keys: 'Enter', what: 'openRow' },
  { section: 'statement', keys: 'Alt+↑ / Alt+↓', what: 'moveSource' },
  { section: 'statement', keys: 'Ctrl+I', what: 'inspect' },
  { section: 'report', keys: 'Ctrl+Shift+C', what: 'cite' },
  { section: 'report', keys: 'Ctrl+Shift+Q', what: 'quote' },
  { section: 'report', keys: 'Ctrl+K', keysText: 'export', what: 'export' },
  { section: 'timeline', keys: '+ / −', what: 'zoom' },
  { section: 'translation', keys: 'Ctrl+Enter', what: 'confirmNext' },
  { section: 'translation', keys: 'Ctrl+Shift+S', what: 'copySource' },
  { section: 'translation', keys: 'Ctrl+↑ / Ctrl+↓', what: 'segments' },
];

/** Keys typed into a field belong to the field. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return false;
}
