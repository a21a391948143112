// The i18n module: the i18next instance (initialised on first import), the user's preferences.
export { i18n, intlLocale } from './instance';
export { LANGUAGES_OFFERED, THEMES, usePreferences, setLanguage, setTheme } from './preferences';
export type { UiLanguage, Theme } from './preferences';
