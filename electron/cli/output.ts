// Everything the command line prints passes one function, terminalText(): captured text can
// hold escape sequences (ESC, C1 controls: a hostile post could clear the screen, retitle the
// terminal or write the clipboard with OSC 52), bidi controls that reorder the line, and
// invisible characters (zero-width, BOM, tag characters). Each is printed as a visible marker,
// ⟨U+202E⟩, so it can neither act on the terminal nor hide. JSON output stays exact JSON: the
// same characters are written as \u escapes, which parse back to the same text.

const CHAR_NAMES: Record<number, string> = {
  0x1b: 'ESCAPE', 0x7f: 'DELETE', 0x0d: 'CARRIAGE RETURN', 0x08: 'BACKSPACE', 0x07: 'BELL',
  0x00ad: 'SOFT HYPHEN', 0x034f: 'COMBINING GRAPHEME JOINER', 0x061c: 'ARABIC LETTER MARK', 0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER', 0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK', 0x2028: 'LINE SEPARATOR', 0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER', 0x2061: 'FUNCTION APPLICATION', 0x2062: 'INVISIBLE TIMES', 0x2063: 'INVISIBLE SEPARATOR', 0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE', 0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)', 0xffa0: 'HALFWIDTH HANGUL FILLER',
  0xfff9: 'INTERLINEAR ANNOTATION ANCHOR', 0xfffa: 'INTERLINEAR ANNOTATION SEPARATOR', 0xfffb: 'INTERLINEAR ANNOTATION TERMINATOR',
};

/**
 * A character that acts on the terminal or cannot be seen: C0 and C1 controls, DEL, bidi
 * controls, zero-width and filler characters, and Unicode tag characters (invisible copies of
 * ASCII). Newline and tab are ordinary; the callers decide how to show them.
 */
export function isSpecial(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp in CHAR_NAMES || (cp >= 0xe0000 && cp <= 0xe007f);
}

function charName(cp: number): string {
  if (CHAR_NAMES[cp]) return CHAR_NAMES[cp];
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'TAG CHARACTER';
  return 'control character';
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The one escaping function: every special character as ⟨U+XXXX⟩. Multi-line text (the default)
 * keeps its newlines and tabs; `oneLine` shows a newline as ⏎ and a tab as a space, for table
 * cells and "key: value" lines.
 */
export function terminalText(text: string, opts: { oneLine?: boolean } = {}): string {
  let s = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp === 0x0a) s += opts.oneLine ? '⏎' : '\n';
    else if (cp === 0x09) s += opts.oneLine ? ' ' : '\t';
    else if (isSpecial(cp)) s += `⟨${hex(cp)}⟩`;
    else s += ch;
  }
  return s;
}

/** One line, every special character shown as ⟨U+XXXX⟩, a newline as ⏎. */
export function visible(text: string): string {
  return terminalText(text, { oneLine: true });
}

export function out(line = ''): void {
  process.stdout.write(`${terminalText(line)}\n`);
}

export function err(line: string): void {
  process.stderr.write(`${terminalText(line)}\n`);
}

/**
 * JSON text in which every special character outside plain ASCII is written as a \u escape
 * (JSON.stringify already escapes C0 controls, not C1, DEL or the invisible ones). JSON's own
 * syntax is ASCII, so every such character is inside a string and the value parses back the same.
 */
export function jsonText(json: string): string {
  let s = '';
  for (const ch of json) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x7f && isSpecial(cp)) {
      for (let i = 0; i < ch.length; i++) s += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    } else s += ch;
  }
  return s;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${jsonText(JSON.stringify(value, null, 2))}\n`);
}

/** "U+200D ZERO WIDTH JOINER ×1, U+202E RIGHT-TO-LEFT OVERRIDE ×1" for the special characters in a text. */
export function specialChars(text: string): string[] {
  const seen = new Map<number, number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (isSpecial(cp) && cp !== 0x0a && cp !== 0x09) seen.set(cp, (seen.get(cp) ?? 0) + 1);
  }
  return [...seen].map(([cp, n]) => `${hex(cp)} ${charName(cp)} ×${n}`);
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
