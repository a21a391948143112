// Code style. Which folder may import what is .dependency-cruiser.cjs's job (`npm run deps`),
// which globals each runtime has is its tsconfig's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tests/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Every word the renderer shows comes from renderer/src/i18n/locales (English and Arabic):
    // text between tags, strings in JSX expressions, and the attributes people read or hear.
    // Class names, ids, data-* and the like are not words (the rule's defaults skip them), nor is a
    // single lowercase token (a code value: 'mine', 'statement', 'day') or punctuation and symbols.
    files: ['renderer/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        mode: 'jsx-only',
        'jsx-attributes': { include: ['aria-label', 'aria-description', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'textValue', 'valueLabel', 'confirmLabel', 'what', 'hint', 'legend', 'heading', 'emptyText', 'message'] },
        words: { exclude: ['[\\d\\s!-/:-@[-`{-~·…×▾▸✓↑↓←→⋮–—]*', '[a-z][\\w.:/-]*'] },
        // What the catalogue functions are called where `t` is taken (a segment-edits object, a timer).
        callees: { exclude: ['i18n(ext)?', 't', 'tx', 'say', 'require', 'addEventListener', 'removeEventListener', 'includes', 'indexOf', 'endsWith', 'startsWith'] },
      }],
    },
  },
  {
    // Not moved into the catalogues yet (the rest of the renderer is): each file leaves this list
    // when its words are in renderer/src/i18n/locales, and the rule then holds it there.
    files: [
      'renderer/src/features/actors/{ActorPage,ActorStatements,Aliases,NewActorDialog,Relations}.tsx',
      'renderer/src/features/cases/{CaseActivity,CaseExchange,CaseTimeline}.tsx',
      'renderer/src/features/desk/*.tsx',
      'renderer/src/features/profiles/{FirstRun,ProfileForm,ProfilesPage}.tsx',
      'renderer/src/features/reports/{CiteDialog,DocumentView,Export,ImportDialog,NewReportDialog,Notices,Publish,QuoteDialog,Refusal,ReportEditor,Versions}.tsx',
      'renderer/src/features/sources/{Attachments,NewSourceDialog,SourcePage,SourcePickerDialog,SourceSearch,SourceTitle}.tsx',
      'renderer/src/features/translations/{Diff,HistoryPage,ReviewPage}.tsx',
    ],
    rules: { 'i18next/no-literal-string': 'off' },
  },
);
