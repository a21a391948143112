import { useId, useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import type { Actor } from '../../../../shared/domain';
import { foldText } from '../../../../shared/text';
import { useReadOnly } from '../../components/Field';
import { ACTOR_KIND_LABELS } from '../../components/labels';
import { useApiQuery } from '../../data/query';
import { B } from '../../components/text';
import { Trans, useTranslation } from 'react-i18next';

function matchedAlias(a: Actor, typed: string): string | null {
  const q = foldText(typed.trim());
  if (!q || foldText(a.name).includes(q)) return null;
  if (a.nameOriginal && foldText(a.nameOriginal).includes(q)) return a.nameOriginal;
  return a.aliases.find((x) => foldText(x.alias).includes(q))?.alias ?? null;
}

/** Choose an actor by any of their names: English, original script, kunya, transliterations. */
export function ActorPicker({ label, value, onChange, error, disabled }: {
  label: string; value: string | null; onChange(id: string | null): void; error?: string | null; disabled?: boolean;
}) {
  const selected = useApiQuery('actors.get', value ? { id: value } : null);
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? selected.data?.name ?? '';
  const query = typed !== null && typed.trim() ? typed.trim() : undefined;
  const results = useApiQuery('actors.list', { ...(query ? { text: query } : {}), limit: 25 });
  const items = results.data?.items ?? [];
  const errId = useId();
  const readOnly = useReadOnly();
  const { t } = useTranslation('actors');
  const off = disabled || readOnly;
  return (
    <div className="field actor-picker">
      <ComboBox
        aria-describedby={error ? errId : undefined}
        inputValue={text} onInputChange={setTyped} items={items} isDisabled={off}
        selectedKey={value} menuTrigger="focus" allowsEmptyCollection
        onSelectionChange={(k) => { if (k !== null) { onChange(String(k)); setTyped(null); } }}
        onBlur={() => setTyped(null)} isInvalid={!!error}
      >
        <Label>{label}</Label>
        <div className="combo">
          <Input dir="auto" placeholder={t('picker.placeholder')} />
          <Button className="combo-button" aria-label={t('picker.show', { label: label.toLocaleLowerCase() })}>▾</Button>
        </div>
        <Popover className="popover combo-popover">
          <ListBox className="listbox" renderEmptyState={() => <div className="listbox-empty">{t('picker.none')}</div>}>
            {(a: Actor) => {
              const alias = typed ? matchedAlias(a, typed) : null;
              return (
                <ListBoxItem id={a.id} textValue={a.name} className="listbox-item">
                  <B>{a.name}</B>
                  {a.nameOriginal ? <> <B className="muted">{a.nameOriginal}</B></> : null}
                  <span className="muted small"> · {ACTOR_KIND_LABELS[a.kind]}</span>
                  {alias ? <span className="muted small"><Trans t={t} i18nKey="picker.also" values={{ alias }} components={{ b: <B /> }} /></span> : null}
                </ListBoxItem>
              );
            }}
          </ListBox>
        </Popover>
      </ComboBox>
      {value ? (
        <button type="button" className="quiet small" onClick={() => { onChange(null); setTyped(null); }} disabled={off} aria-label={t('picker.clearAria', { label: label.toLocaleLowerCase() })}>
          {t('picker.clear')}
        </button>
      ) : null}
      {error ? <p className="field-error" id={errId} role="alert">{error}</p> : null}
    </div>
  );
}
