// Human output: compact tables and "key: value" blocks. Captured text can hold bidi controls,
// zero-width and control characters; in tables and one-line fields they are shown as visible
// escapes so they can neither hide nor reorder the terminal line around them.

export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const CHAR_NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN', 0x061c: 'ARABIC LETTER MARK', 0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER', 0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

/** Invisible or layout-changing characters worth pointing out (newline and tab are ordinary). */
function isSpecial(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x0a && cp !== 0x09) || (cp >= 0x7f && cp < 0xa0) || cp in CHAR_NAMES;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** One line, every special character (and newline/tab) shown as ⟨U+XXXX⟩. */
export function visible(text: string): string {
  let s = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp === 0x0a) s += '⏎';
    else if (cp === 0x09) s += ' ';
    else if (isSpecial(cp)) s += `⟨${hex(cp)}⟩`;
    else s += ch;
  }
  return s;
}

/** "U+200D ZERO WIDTH JOINER ×1, U+202E RIGHT-TO-LEFT OVERRIDE ×1" for the special characters in a text. */
export function specialChars(text: string): string[] {
  const seen = new Map<number, number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (isSpecial(cp)) seen.set(cp, (seen.get(cp) ?? 0) + 1);
  }
  return [...seen].map(([cp, n]) => `${hex(cp)} ${CHAR_NAMES[cp] ?? 'control character'} ×${n}`);
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const width = (s: string) => [...s].length;

/** A table with a header row; the last column is not padded. Cells are made visible and cut at `max`. */
export function table(headers: string[], rows: (string | number | null | undefined)[][], max = 60): void {
  const cells = rows.map((r) => r.map((c, i) => truncate(visible(c == null ? '' : String(c)), i === r.length - 1 ? max + 20 : max)));
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - width(c)))).join('  ').trimEnd();
  out(line(headers));
  for (const r of cells) out(line(r));
}

/** Aligned "key: value" lines; empty values are left out unless `keepEmpty`. */
export function fields(pairs: [string, unknown][], opts: { keepEmpty?: boolean } = {}): void {
  const shown = pairs.filter(([, v]) => opts.keepEmpty || !(v == null || v === '' || (Array.isArray(v) && v.length === 0)));
  const w = Math.max(0, ...shown.map(([k]) => k.length));
  for (const [k, v] of shown) {
    const text = Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v);
    out(`${`${k}:`.padEnd(w + 2)}${visible(text)}`);
  }
}

/** 2023-11-01T12:34:56.789Z -> 2023-11-01 12:34 (UTC) */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  return iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, 'Z').replace(/Z$/, '');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 of 3 cases" / "100 of 250 cases (use --offset 100 for more)". */
export function pageFooter(p: { items: unknown[]; total: number; offset: number }, noun: string): void {
  const shown = p.items.length;
  if (p.total === 0) { out(`No ${noun}s.`); return; }
  const range = p.offset > 0 || shown < p.total ? `${p.offset + 1}-${p.offset + shown} of ${p.total}` : `${p.total}`;
  const more = p.offset + shown < p.total ? ` (use --offset ${p.offset + shown} for more)` : '';
  out(`${range} ${p.total === 1 ? noun : `${noun}s`}${more}`);
}
