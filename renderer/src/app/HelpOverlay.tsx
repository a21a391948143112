import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { SHORTCUTS } from './shortcuts';

export function HelpOverlay({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const { t } = useTranslation('shell');
  const sections = [...new Set(SHORTCUTS.map((s) => s.section))];
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('help')} className="help-dialog">
      {sections.map((section) => (
        <section key={section} aria-label={t(`shortcuts.section.${section}`)}>
          <h3>{t(`shortcuts.section.${section}`)}</h3>
          <dl className="shortcuts">
            {SHORTCUTS.filter((s) => s.section === section).map((s) => (
              <div key={s.keys + s.what} className="shortcut">
                {/* Key names read left to right whatever the language around them. */}
                <dt><kbd dir={s.keysText ? 'auto' : 'ltr'}>{s.keysText ? t(`shortcuts.keys.${s.keysText}`) : s.keys}</kbd></dt>
                <dd>{t(`shortcuts.what.${s.what}` as never)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>{t('shortcuts.close')}</button>
      </div>
    </Dialog>
  );
}
