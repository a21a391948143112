import { Button, Header, Menu, MenuItem, MenuSection, MenuTrigger, Popover, Separator } from 'react-aria-components';
import type { Key } from 'react-aria-components';
import { useActing } from '../../data/acting';
import { useApiQuery } from '../../data/query';
import { ROLE_LABELS } from '../../components/labels';
import { navigate, paths } from '../../app/router';
import { B } from '../../components/text';
import { Trans, useTranslation } from 'react-i18next';

/** The title bar's profile switcher: the audit names whoever is chosen here. */
export function ProfileMenu() {
  const { profile, setProfileId } = useActing();
  const profiles = useApiQuery('profiles.list', {});
  const { t } = useTranslation('profiles');
  if (!profile) return null;
  const others = (profiles.data ?? []).filter((p) => p.id !== profile.id && !p.deletedAt && !p.deactivatedAt);
  const act = (key: Key) => {
    const k = String(key);
    if (k === 'manage') navigate(paths.profiles());
    else if (k === 'choose') setProfileId(null);
    else setProfileId(k);
  };
  return (
    <MenuTrigger>
      <Button className="profile-button" aria-label={t('menu.button', { name: profile.name })}>
        <span className="avatar" aria-hidden="true"><B>{profile.initials}</B></span>
        <span className="profile-name"><B>{profile.name}</B></span>
      </Button>
      <Popover placement="bottom end" className="popover">
        <Menu className="menu" onAction={act} aria-label={t('menu.label')}>
          <MenuSection>
            <Header className="menu-header">
              <B>{profile.name}</B>
              <span className="muted"> · {profile.roles.map((r) => ROLE_LABELS[r]).join(t('listSeparator', { ns: 'common' }))}</span>
            </Header>
          </MenuSection>
          {others.length > 0 ? (
            <MenuSection aria-label={t('menu.switchTo')}>
              {others.map((p) => (
                <MenuItem key={p.id} id={p.id} className="menu-item" textValue={t('menu.switchToName', { name: p.name })}>
                  <Trans t={t} i18nKey="menu.switchToItem" values={{ name: p.name }} components={{ b: <B /> }} />
                </MenuItem>
              ))}
            </MenuSection>
          ) : null}
          <Separator className="menu-separator" />
          <MenuItem id="manage" className="menu-item">{t('menu.manage')}</MenuItem>
          <MenuItem id="choose" className="menu-item">{t('menu.choose')}</MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
