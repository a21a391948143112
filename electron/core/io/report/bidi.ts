// The base direction of a text by its first strong character, as dir="auto" finds it; used
// where a block's direction must be written out (a DOCX paragraph, an HTML element whose
// children carry their own dir and so hide their text from dir="auto").
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

export function firstStrongDirection(text: string): 'rtl' | 'ltr' | null {
  for (const ch of text) {
    if (RTL.test(ch)) return 'rtl';
    if (/\p{L}/u.test(ch)) return 'ltr';
  }
  return null;
}

/** Right-to-left script anywhere in the text (a run that needs rtl and complex-script settings). */
export function hasRtl(text: string): boolean {
  return RTL.test(text);
}
