import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { formatGregorian, formatNumber } from '../../components/format';
import { LANGUAGES_OFFERED, THEMES, setLanguage, setTheme, usePreferences } from '../../i18n';

/** A date and a count shown as the chosen language writes them, so the choice is seen at once. */
const SAMPLE_DATE = '2024-03-11';
const SAMPLE_COUNT = 1234;

/**
 * This installation's interface language and theme. Each choice applies at once (no reload, no
 * Save button) and is kept for the next start; the desk's records are not touched.
 */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const prefs = usePreferences();
  return (
    <Page title={t('title')}>
      <div className="settings">
        <fieldset className="settings-group">
          <legend>{t('language.legend')}</legend>
          <p className="field-hint">{t('language.hint')}</p>
          {LANGUAGES_OFFERED.map((lng) => (
            <label key={lng} className="check">
              <input type="radio" name="ui-language" value={lng} checked={prefs.language === lng} onChange={() => setLanguage(lng)} />
              {/* Each language is named in itself, so whoever reads only one of them can find it. */}
              <span lang={lng} dir={lng === 'ar' ? 'rtl' : 'ltr'}>{t(`language.${lng}`)}</span>
            </label>
          ))}
          <p className="muted small settings-sample">
            {t('language.sample', { date: formatGregorian(SAMPLE_DATE), count: formatNumber(SAMPLE_COUNT) })}
          </p>
        </fieldset>
        <fieldset className="settings-group">
          <legend>{t('theme.legend')}</legend>
          {THEMES.map((theme) => (
            <label key={theme} className="check">
              <input type="radio" name="ui-theme" value={theme} checked={prefs.theme === theme} onChange={() => setTheme(theme)} />
              {t(`theme.${theme}`)}
            </label>
          ))}
        </fieldset>
        <p className="muted small">{t('stored')}</p>
      </div>
    </Page>
  );
}
