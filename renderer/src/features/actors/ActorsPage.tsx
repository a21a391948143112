import { useMemo, useState } from 'react';
import type { Actor } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { Page } from '../../components/Page';
import { VirtualGrid } from '../../components/VirtualGrid';
import { ACTOR_KIND_LABELS, type ActorKind } from '../../components/labels';
import { usePagedList } from '../../data/query';
import { Link, navigate, paths } from '../../app/router';
import { useCommands } from '../../app/commands';
import { useCan } from '../../data/permissions';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';

const COLUMNS = [
  { key: 'name', label: 'col.name' }, { key: 'original', label: 'col.original' }, { key: 'kind', label: 'col.kind' },
  { key: 'country', label: 'col.country' }, { key: 'aliases', label: 'col.aliases' },
] as const;

export function ActorsPage() {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<ActorKind | ''>('');
  const args = useMemo(() => ({ ...(text.trim() ? { text: text.trim() } : {}), ...(kind ? { kind } : {}) }), [text, kind]);
  const list = usePagedList('actors.list', args, 200);
  const commands = useCommands();
  const can = useCan('actors.create');
  const { t } = useTranslation('actors');
  const columns = useMemo(() => COLUMNS.map((col) => ({ key: col.key, label: t(col.label) })), [t]);
  const row = (i: number) => {
    const a: Actor | undefined = list.itemAt(i);
    if (!a) return null;
    return [
      <Link key="n" to={paths.actor(a.id)} tabIndex={-1} className="row-title"><B>{a.name}</B></Link>,
      <B key="o" dir="auto">{a.nameOriginal ?? ''}</B>,
      <span key="k">{ACTOR_KIND_LABELS[a.kind]}</span>,
      <B key="c">{a.country ?? ''}</B>,
      <span key="a" className="ellipsis">{a.aliases.slice(0, 4).map((x, j) => <B key={j} className="alias-inline">{x.alias}</B>)}</span>,
    ];
  };
  return (
    <Page title={t('list.title')} actions={<button type="button" onClick={() => commands.run('actor.new')} disabled={!can.allowed} title={can.reason ?? undefined}>{t('list.new')}</button>}>
      <div className="filters" role="group" aria-label={t('list.filter')}>
        <label className="inline-field">
          <span className="visually-hidden">{t('list.find')}</span>
          <input type="search" aria-label={t('list.findAria')} placeholder={t('list.placeholder')} dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="inline-field">
          <span>{t('list.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as ActorKind | '')}>
            <option value="">{t('list.any')}</option>
            {(Object.keys(ACTOR_KIND_LABELS) as ActorKind[]).map((k) => <option key={k} value={k}>{ACTOR_KIND_LABELS[k]}</option>)}
          </select>
        </label>
      </div>
      <ErrorNote message={list.error?.message} />
      <p className="list-count" role="status">{list.loading ? t('list.loading') : t('list.count', { count: list.total })}</p>
      <VirtualGrid
        label={t('list.grid')} count={list.total} rowHeight={40} columns={columns} renderRow={row} onRange={list.onRange}
        onActivate={(i) => { const a = list.itemAt(i); if (a) navigate(paths.actor(a.id)); }}
        className="cols-actors" empty={list.loading ? null : <span className="muted">{t('list.empty')}</span>}
      />
    </Page>
  );
}
