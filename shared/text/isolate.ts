/**
 * Captured text inside one of our sentences ("Moved “…” to the trash."). Wrapped in FSI…PDI
 * (or a <bdi>), text gets its own direction and cannot reorder the sentence: the closing PDI
 * ends every embedding or override the text left open (an unterminated U+202E). But a PDI
 * inside the text, with no isolate of its own to close, would close ours early and let the rest
 * of the text out; so closers without an opener are dropped, openers left open are closed, and
 * line and paragraph breaks (which would start a new bidi paragraph mid-sentence) become spaces.
 * For display in a sentence only: the stored text is never changed.
 */

const EMBEDDINGS = new Set(['\u202A', '\u202B', '\u202D', '\u202E']); // LRE RLE LRO RLO
const PDF = '\u202C';
const ISOLATES = new Set(['\u2066', '\u2067', '\u2068']); // LRI RLI FSI
const PDI = '\u2069';
const FSI = '\u2068';
// Characters of bidi class B (paragraph separators), and the line separator.
// eslint-disable-next-line no-control-regex -- the separators are control characters
const BREAKS = /[\n\r\u001C-\u001E\u0085\u2028\u2029]/g;

/** The text with every bidi embedding, override and isolate it opens closed at its end, and no closer it has no opener for. */
export function balanceBidi(text: string): string {
  const open: ('embed' | 'isolate')[] = [];
  let out = '';
  for (const ch of text.replace(BREAKS, ' ')) {
    if (EMBEDDINGS.has(ch)) open.push('embed');
    else if (ISOLATES.has(ch)) open.push('isolate');
    else if (ch === PDF) {
      // A PDF closes the last embedding, never across an isolate (UAX #9, X7).
      if (open[open.length - 1] !== 'embed') continue;
      open.pop();
    } else if (ch === PDI) {
      // A PDI closes the last isolate and whatever was opened inside it (X6a).
      const at = open.lastIndexOf('isolate');
      if (at < 0) continue;
      open.length = at;
    }
    out += ch;
  }
  for (let i = open.length - 1; i >= 0; i--) out += open[i] === 'embed' ? PDF : PDI;
  return out;
}

/** Captured text ready to go inside a plain-text sentence (a toast, a native dialog): FSI + balanced text + PDI. */
export function isolate(text: string): string {
  return `${FSI}${balanceBidi(text)}${PDI}`;
}
