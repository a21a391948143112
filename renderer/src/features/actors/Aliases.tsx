import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { Alias } from '../../../../shared/domain';
import { SelectField, TextField, Why, options } from '../../components/Field';
import { useCan } from '../../data/permissions';
import { ALIAS_KINDS, ALIAS_KIND_LABELS, type AliasKind } from '../../components/labels';
import { scriptOf } from './script';
import { B } from '../../components/text';

/** Names and aliases grouped by kind, each marked with its script. */
export function Aliases({ aliases, onChange, error, disabled: trashed }: { aliases: Alias[]; onChange(a: Alias[]): void; error: string | null; disabled: boolean }) {
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
      <h2 id="aliases-h">Names and aliases</h2>
      {groups.length === 0 ? <p className="muted">No aliases yet.</p> : null}
      {groups.map(([k, list]) => (
        <div key={k} className="alias-group">
          <h3>{ALIAS_KIND_LABELS[k]}</h3>
          <ul className="plain-list">
            {list.map(({ alias: x, index }) => (
              <li key={index} className="alias-row">
                <B className="alias-text">{x.alias}</B>
                <span className="chip subtle">{scriptOf(x.alias)}</span>
                {x.lang ? <span className="muted small">{x.lang}</span> : null}
                <button type="button" className="quiet small" disabled={disabled} onClick={() => onChange(aliases.filter((_, i) => i !== index))} aria-label={`Remove alias ${x.alias}`}>Remove</button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      {trashed ? null : <Why can={can} id="aliases-why" />}
      <form className="inline-form" onSubmit={add} aria-label="Add an alias">
        <fieldset className="bare field-row" disabled={disabled}>
          <TextField label="Alias" value={alias} onChange={(e) => setAlias(e.target.value)} />
          <SelectField label="Alias kind" value={kind} options={options(ALIAS_KIND_LABELS)} onChange={(e) => setKind(e.target.value as AliasKind)} />
          <TextField label="Language" hint="e.g. ar, ar-Latn" value={lang} size={6} onChange={(e) => setLang(e.target.value)} />
          <div className="field"><span aria-hidden="true">&nbsp;</span><button type="submit" className="secondary">Add alias</button></div>
        </fieldset>
      </form>
    </section>
  );
}

