import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { Selection } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** A filter that takes several values: a button naming what is chosen, a checkable menu. */
export function MultiSelect<T extends string>({ label, labels, value, onChange }: {
  label: string; labels: Record<T, string>; value: T[]; onChange(v: T[]): void;
}) {
  const keys = Object.keys(labels) as T[];
  const { t } = useTranslation('common');
  const summary = value.length === 0 ? t('multi.any') : value.length <= 2 ? value.map((v) => labels[v]).join(t('listSeparator')) : t('multi.chosen', { count: value.length });
  const change = (s: Selection) => onChange(s === 'all' ? keys : keys.filter((k) => s.has(k)));
  return (
    <MenuTrigger>
      <Button className="filter-button" aria-label={t('multi.aria', { label, summary })}>
        <span className="filter-label">{label}</span> <span>{summary}</span> <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover" placement="bottom start">
        <Menu className="menu" aria-label={label} selectionMode="multiple" selectedKeys={new Set(value)} onSelectionChange={change}>
          {keys.map((k) => (
            <MenuItem key={k} id={k} className="menu-item menu-check" textValue={labels[k]}>
              {({ isSelected }) => <><span className="menu-checkmark" aria-hidden="true">{isSelected ? '✓' : ''}</span>{labels[k]}</>}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
