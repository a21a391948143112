/**
 * The renderer's one i18next instance. Catalogues are bundled (imported JSON, never fetched: the
 * page's CSP allows no requests for them), English is the default and the fallback, and the
 * language the user chose in Settings is applied before the first render, so a reload never
 * flashes the other language.
 */
import i18next from 'i18next';
import type { FormatterModule, i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, NAMESPACES } from './resources';
import { applyPreferences, onLanguageChange, readPreferences } from './preferences';

export const i18n: I18n = i18next.createInstance();

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lng: string | undefined): Intl.NumberFormat {
  const locale = lng === 'ar' ? 'ar' : 'en-GB';
  let f = numberFormats.get(locale);
  if (!f) { f = new Intl.NumberFormat(locale); numberFormats.set(locale, f); }
  return f;
}

/**
 * Every number put into a sentence (counts above all) is written as the language writes numbers
 * (Arabic-Indic digits in Arabic); pass a number as a string where it is a name, not a quantity.
 */
const numbersInLanguage: FormatterModule = {
  type: 'formatter',
  init: () => {},
  add: () => {},
  addCached: () => {},
  format: (value: unknown, _format: string | undefined, lng: string | undefined) => (typeof value === 'number' ? numberFormat(lng).format(value) : value) as string,
};

void i18n.use(initReactI18next).use(numbersInLanguage).init({
  resources,
  lng: readPreferences().language,
  fallbackLng: 'en',
  supportedLngs: ['en', 'ar'],
  ns: NAMESPACES,
  defaultNS: 'common',
  // The catalogues are in the bundle: nothing to wait for, so init completes synchronously.
  initAsync: false,
  interpolation: {
    // React escapes what it renders; i18next escaping too would show "&amp;" in names.
    escapeValue: false,
    // Every value goes through the formatter below.
    alwaysFormat: true,
  },
  returnNull: false,
  react: { useSuspense: false },
});

onLanguageChange((lng) => { void i18n.changeLanguage(lng); });
applyPreferences();

/** The BCP 47 locale Intl formats with for the interface language (en-GB: day before month, 24-hour clock, as the desk writes dates). */
export function intlLocale(): string {
  return i18n.language === 'ar' ? 'ar' : 'en-GB';
}
