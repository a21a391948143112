import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { Selection } from 'react-aria-components';

/** A filter that takes several values: a button naming what is chosen, a checkable menu. */
export function MultiSelect<T extends string>({ label, labels, value, onChange }: {
  label: string; labels: Record<T, string>; value: T[]; onChange(v: T[]): void;
}) {
  const keys = Object.keys(labels) as T[];
  const summary = value.length === 0 ? 'Any' : value.length <= 2 ? value.map((v) => labels[v]).join(', ') : `${value.length} chosen`;
  const change = (s: Selection) => onChange(s === 'all' ? keys : keys.filter((k) => s.has(k)));
  return (
    <MenuTrigger>
      <Button className="filter-button" aria-label={`${label}: ${summary}`}>
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
