import { useRef } from 'react';
import type { Profile } from '../../../../shared/domain';
import { useFocusOnShow } from '../../components/arrival';
import { ROLE_LABELS } from '../../components/labels';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';

/** Who is working? Shown when the machine has profiles and none is chosen. */
export function ProfilePicker({ profiles, onChoose }: { profiles: Profile[]; onChoose(p: Profile): void }) {
  const ref = useRef<HTMLElement>(null);
  useFocusOnShow(ref, 'heading');
  const { t } = useTranslation('profiles');
  return (
    <main className="welcome" id="main" ref={ref}>
      <div className="welcome-card">
        <h1 tabIndex={-1}>{t('picker.heading')}</h1>
        <ul className="profile-choices" aria-label={t('picker.list')}>
          {profiles.map((p) => (
            <li key={p.id}>
              <button type="button" className="profile-choice" onClick={() => onChoose(p)}>
                <span className="avatar" aria-hidden="true"><B>{p.initials}</B></span>
                <span className="profile-choice-name"><B>{p.name}</B></span>
                <span className="muted">{p.roles.map((r) => ROLE_LABELS[r] ?? r).join(t('listSeparator', { ns: 'common' }))}</span>
              </button>
            </li>
          ))}
        </ul>
        <p className="muted">{t('picker.note')}</p>
      </div>
    </main>
  );
}
