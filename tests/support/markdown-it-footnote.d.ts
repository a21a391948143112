// markdown-it-footnote ships no types; the tests only hand it to markdown-it's use().
declare module 'markdown-it-footnote' {
  const footnote: (md: unknown) => void;
  export default footnote;
}
