/**
 * The renderer's one i18next instance. Catalogues are bundled (imported JSON, never fetched: the
 * page's CSP allows no requests for them), English is the default and the fallback, and the
 * language the user chose in Settings is applied before the first render, so a reload never
 * flashes the other language.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, NAMESPACES } from './resources';
import { applyPreferences, onLanguageChange, readPreferences } from './preferences';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: readPreferences().language,
  fallbackLng: 'en',
  supportedLngs: ['en', 'ar'],
  ns: NAMESPACES,
  defaultNS: 'common',
  // The catalogues are in the bundle: nothing to wait for, so init completes synchronously.
  initAsync: false,
  // React escapes what it renders; i18next escaping too would show "&amp;" in names.
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
});

onLanguageChange((lng) => { void i18n.changeLanguage(lng); });
applyPreferences();

/** The BCP 47 locale Intl formats with for the interface language (en-GB: day before month, 24-hour clock, as the desk writes dates). */
export function intlLocale(): string {
  return i18n.language === 'ar' ? 'ar' : 'en-GB';
}
