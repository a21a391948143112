import { Button, Header, Menu, MenuItem, MenuSection, MenuTrigger, Popover, Separator } from 'react-aria-components';
import type { Key } from 'react-aria-components';
import { useActing } from '../../data/acting';
import { useApiQuery } from '../../data/query';
import { ROLE_LABELS } from '../../components/labels';
import { navigate, paths } from '../../app/router';
import { B } from '../../components/text';

/** The title bar's profile switcher: the audit names whoever is chosen here. */
export function ProfileMenu() {
  const { profile, setProfileId } = useActing();
  const profiles = useApiQuery('profiles.list', {});
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
      <Button className="profile-button" aria-label={`Working as ${profile.name}. Switch profile`}>
        <span className="avatar" aria-hidden="true"><B>{profile.initials}</B></span>
        <span className="profile-name"><B>{profile.name}</B></span>
      </Button>
      <Popover placement="bottom end" className="popover">
        <Menu className="menu" onAction={act} aria-label="Profile">
          <MenuSection>
            <Header className="menu-header">
              <B>{profile.name}</B>
              <span className="muted"> · {profile.roles.map((r) => ROLE_LABELS[r]).join(', ')}</span>
            </Header>
          </MenuSection>
          {others.length > 0 ? (
            <MenuSection aria-label="Switch to">
              {others.map((p) => (
                <MenuItem key={p.id} id={p.id} className="menu-item" textValue={`Switch to ${p.name}`}>
                  Switch to <B>{p.name}</B>
                </MenuItem>
              ))}
            </MenuSection>
          ) : null}
          <Separator className="menu-separator" />
          <MenuItem id="manage" className="menu-item">Profiles…</MenuItem>
          <MenuItem id="choose" className="menu-item">Choose profile…</MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
