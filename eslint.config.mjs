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
    // text between tags, text in JSX expressions, and the attributes people read or hear.
    // Class names, ids, data-* and the like are not words (the rule's defaults skip them).
    files: ['renderer/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        mode: 'jsx-only',
        'jsx-attributes': { include: ['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'textValue', 'valueLabel', 'confirmLabel', 'what', 'hint', 'legend', 'heading', 'emptyText', 'message'] },
        // Marks that are not words: punctuation, arrows, the multiplication sign of a close button, keys.
        words: { exclude: ['^[\\p{P}\\p{S}\\s\\d]+$', '^Ctrl ?[A-Z]$', '^[A-Z]$'] },
      }],
    },
  },
);
