/**
 * Prose taken from outside (an imported report's paragraph) as CommonMark that renders back
 * to exactly that text, and that holds no report reference by accident.
 *
 * Escaping is kept to what would otherwise change the text: an underscore inside a word
 * ("#Al-Aqsa_Flood") or brackets around a translator's insertion ("[believers]") stay as they
 * are, so the stored body remains readable in the editor.
 */

// Punctuation CommonMark lets a backslash escape.
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/**
 * One line of prose (line breaks are turned into spaces: a paragraph is one line). A piece
 * that continues a line after a reference is not at a line start: `atLineStart: false`.
 */
export function escapeMarkdownText(text: string, opts: { atLineStart?: boolean } = {}): string {
  const s = text.replace(/\r\n?|\n/g, ' ');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const prev = s.charAt(i - 1);
    const next = s.charAt(i + 1);
    if (c === '\\' && ASCII_PUNCT.test(next)) out += '\\\\';
    else if (c === '`' || c === '*' || c === '<') out += `\\${c}`;
    // Emphasis with _ needs a flanking side that is not a word character.
    else if (c === '_' && !(isWordChar(prev) && isWordChar(next))) out += '\\_';
    else if (c === '~' && (next === '~' || prev === '~')) out += '\\~';
    // A link or image: `](` or `]:` after a bracketed run; an escaped `]` can close neither.
    else if (c === ']' && (next === '(' || next === ':' || next === '[')) out += '\\]';
    else if (c === '!' && next === '[') out += '\\!';
    // An entity or numeric character reference would be decoded: &amp; must stay "&amp;".
    else if (c === '&' && /^&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(s.slice(i, i + 40))) out += '\\&';
    // The report reference forms ([@ID], {{quote ...}}) and footnote marks ([^1]) must never
    // appear in imported prose.
    else if ((c === '@' || c === '^') && prev === '[') out += `\\${c}`;
    else if (c === '{' && next === '{') out += '{\\';
    else out += c;
  }
  return opts.atLineStart === false ? out : escapeLineStart(out);
}

function isWordChar(c: string): boolean {
  return c !== '' && /[\p{L}\p{N}]/u.test(c);
}

/** Block syntax that only means something at the start of a line. */
function escapeLineStart(line: string): string {
  const lead = /^\s*/.exec(line)?.[0] ?? '';
  const rest = line.slice(lead.length);
  // Four spaces of indentation would make a code block.
  const start = lead.length >= 4 ? '' : lead;
  if (/^(#{1,6})(\s|$)/.test(rest)) return `${start}\\${rest}`;
  if (/^[>+-](\s|$)/.test(rest) || /^=+\s*$/.test(rest) || /^(-\s*){3,}$/.test(rest)) return `${start}\\${rest}`;
  if (/^\|/.test(rest)) return `${start}\\${rest}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(rest);
  if (ordered) return `${start}${ordered[1]}\\${rest.slice((ordered[1] as string).length)}`;
  return start + rest;
}
