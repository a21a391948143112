/** Every shortcut the app has, as the help overlay lists them. */
export const SHORTCUTS: readonly { section: string; keys: string; what: string }[] = [
  { section: 'Anywhere', keys: 'Ctrl+K', what: 'Search records and run commands (quick switcher)' },
  { section: 'Anywhere', keys: '?', what: 'Show this list' },
  { section: 'Anywhere', keys: '/', what: 'Go to search' },
  { section: 'Anywhere', keys: 'G then C / S / R / A / T', what: 'Go to Cases, Sources, Reports, Actors, Trash' },
  { section: 'Anywhere', keys: 'G then I', what: 'Go to your Inbox' },
  { section: 'Anywhere', keys: 'Ctrl+Z', what: 'Undo the last move to trash, unlink or status change (outside text fields)' },
  { section: 'Anywhere', keys: 'Ctrl+S', what: 'Save now (edits also save by themselves)' },
  { section: 'Anywhere', keys: 'Esc', what: 'Close a dialog or menu' },
  { section: 'Lists', keys: '↑ ↓ PgUp PgDn Home End', what: 'Move through rows' },
  { section: 'Lists', keys: 'Enter', what: 'Open the row' },
  { section: 'Statement editor', keys: 'Alt+↑ / Alt+↓', what: 'Move a cited source up or down' },
  { section: 'Statement editor', keys: 'Ctrl+I', what: 'Inspect: show hidden direction and zero-width characters' },
  { section: 'Report editor', keys: 'Ctrl+Shift+C', what: 'Insert a citation of a source at the cursor' },
  { section: 'Report editor', keys: 'Ctrl+Shift+Q', what: 'Insert a quotation of a statement at the cursor' },
  { section: 'Report editor', keys: 'Ctrl+K, then “Export”', what: 'Export as Markdown, HTML, Word or PDF; publish; import' },
  { section: 'Timeline', keys: '+ / −', what: 'Zoom in and out' },
  { section: 'Translation editor', keys: 'Ctrl+Enter', what: 'Confirm the segment (save it) and go to the next' },
  { section: 'Translation editor', keys: 'Ctrl+Shift+S', what: 'Copy the original into the translation' },
  { section: 'Translation editor', keys: 'Ctrl+↑ / Ctrl+↓', what: 'Go to the previous or next segment' },
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
