import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alias } from '../../../../shared/domain';
import { SelectField, TextField, Why, options } from '../../components/Field';
import { useCan } from '../../data/permissions';
import { ALIAS_KINDS, ALIAS_KIND_LABELS, type AliasKind } from '../../components/labels';
import { scriptOf } from './script';
import { B } from '../../components/text';

/** Names and aliases grouped by kind, each marked with its script. */
export function Aliases({ aliases, onChange, error, disabled: trashed }: { aliases: Alias[]; onChange(a: Alias[]): void; error: string | null; disabled: boolean }) {
  const { t } = useTranslation('actors');
  const can = useCan('actors.edit');
  const disabled = trashed || !can.allowed;
  const [alias, setAlias] = useState('');
  const [kind, setKind] = useState<AliasKind>('transliteration');
  const [lang, setLang] = useState('');
  const groups = useMemo(() => {
    const out = new Map<AliasKind, { alias: Alias; index: number }[]>();
    aliases.forEach((x, index) => {
      const list = out.get(x.kind) ?? [];
      list.push({ alias: x, index });
      out.set(x.kind, list);
    });
    return ALIAS_KINDS.filter((k) => out.has(k)).map((k) => [k, out.get(k)!] as const);
  }, [aliases]);
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!alias.trim()) return;
    onChange([...aliases, { alias: alias.trim(), kind, lang: lang.trim() || null }]);
    setAlias('');
  };
  return (
    <section className="panel" aria-labelledby="aliases-h">
      <h2 id="aliases-h">{t('aliases.heading')}</h2>
      {groups.length === 0 ? <p className="muted">{t('aliases.none')}</p> : null}
      {groups.map(([k, list]) => (
        <div key={k} className="alias-group">
          <h3>{ALIAS_KIND_LABELS[k]}</h3>
          <ul className="plain-list">
            {list.map(({ alias: x, index }) => (
              <li key={index} className="alias-row">
                <B className="alias-text">{x.alias}</B>
                <span className="chip subtle">{t(`aliases.script.${scriptOf(x.alias)}`)}</span>
                {x.lang ? <span className="muted small">{x.lang}</span> : null}
                <button type="button" className="quiet small" disabled={disabled} onClick={() => onChange(aliases.filter((_, i) => i !== index))} aria-label={t('aliases.removeAria', { alias: x.alias })}>{t('aliases.remove')}</button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      {trashed ? null : <Why can={can} id="aliases-why" />}
      <form className="inline-form" onSubmit={add} aria-label={t('aliases.form')}>
        <fieldset className="bare field-row" disabled={disabled}>
          <TextField label={t('aliases.alias')} value={alias} onChange={(e) => setAlias(e.target.value)} />
          <SelectField label={t('aliases.kind')} value={kind} options={options(ALIAS_KIND_LABELS)} onChange={(e) => setKind(e.target.value as AliasKind)} />
          <TextField label={t('aliases.language')} hint={t('aliases.languageHint')} value={lang} size={6} onChange={(e) => setLang(e.target.value)} />
          <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit" className="secondary">{t('aliases.add')}</button></div>
        </fieldset>
      </form>
    </section>
  );
}

