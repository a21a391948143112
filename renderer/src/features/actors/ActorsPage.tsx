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

const COLUMNS = [
  { key: 'name', label: 'Name' }, { key: 'original', label: 'Original script' }, { key: 'kind', label: 'Kind' },
  { key: 'country', label: 'Country' }, { key: 'aliases', label: 'Aliases' },
];

export function ActorsPage() {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<ActorKind | ''>('');
  const args = useMemo(() => ({ ...(text.trim() ? { text: text.trim() } : {}), ...(kind ? { kind } : {}) }), [text, kind]);
  const list = usePagedList('actors.list', args, 200);
  const commands = useCommands();
  const can = useCan('actors.create');
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
    <Page title="Actors" actions={<button type="button" onClick={() => commands.run('actor.new')} disabled={!can.allowed} title={can.reason ?? undefined}>New actor</button>}>
      <div className="filters" role="group" aria-label="Filter actors">
        <label className="inline-field">
          <span className="visually-hidden">Find actors</span>
          <input type="search" aria-label="Find actors by name or alias" placeholder="Name or alias, in any script" dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="inline-field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as ActorKind | '')}>
            <option value="">Any</option>
            {(Object.keys(ACTOR_KIND_LABELS) as ActorKind[]).map((k) => <option key={k} value={k}>{ACTOR_KIND_LABELS[k]}</option>)}
          </select>
        </label>
      </div>
      <ErrorNote message={list.error?.message} />
      <p className="list-count" role="status">{list.loading ? 'Loading actors…' : `${list.total} ${list.total === 1 ? 'actor' : 'actors'}`}</p>
      <VirtualGrid
        label="Actors" count={list.total} rowHeight={40} columns={COLUMNS} renderRow={row} onRange={list.onRange}
        onActivate={(i) => { const a = list.itemAt(i); if (a) navigate(paths.actor(a.id)); }}
        className="cols-actors" empty={list.loading ? null : <span className="muted">No actors match.</span>}
      />
    </Page>
  );
}
