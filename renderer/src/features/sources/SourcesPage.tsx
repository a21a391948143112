import { useMemo, useState } from 'react';
import type { Marking, Source } from '../../../../shared/domain';
import { MarkingBadge } from '../../components/Badges';
import { ErrorNote } from '../../components/Field';
import { MultiSelect } from '../../components/MultiSelect';
import { Page } from '../../components/Page';
import { VirtualGrid } from '../../components/VirtualGrid';
import { formatGregorian } from '../../components/format';
import { MARKING_LABELS, SOURCE_KIND_LABELS, type SourceKind } from '../../components/labels';
import { usePagedList } from '../../data/query';
import { Link, navigate, paths } from '../../app/router';
import { useCommands } from '../../app/commands';
import { gradeOf } from './grade';
import { useCan } from '../../data/permissions';
import { B } from '../../components/text';

const COLUMNS = [
  { key: 'title', label: 'Title' }, { key: 'kind', label: 'Kind' }, { key: 'published', label: 'Published' },
  { key: 'grade', label: 'Grade' }, { key: 'marking', label: 'Marking' },
];

export function SourcesPage() {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<SourceKind | ''>('');
  const [marking, setMarking] = useState<Marking[]>([]);
  const args = useMemo(() => ({
    ...(text.trim() ? { text: text.trim() } : {}), ...(kind ? { kind } : {}), ...(marking.length ? { marking } : {}),
  }), [text, kind, marking]);
  const list = usePagedList('sources.list', args, 200);
  const commands = useCommands();
  const can = useCan('sources.create');
  const row = (i: number) => {
    const s: Source | undefined = list.itemAt(i);
    if (!s) return null;
    return [
      <Link key="t" to={paths.source(s.id)} tabIndex={-1} className="row-title"><B>{s.title}</B></Link>,
      <span key="k">{SOURCE_KIND_LABELS[s.kind]}</span>,
      <span key="p">{formatGregorian(s.publishedAt)}</span>,
      <span key="g" className="grade">{gradeOf(s)}</span>,
      <MarkingBadge key="m" marking={s.marking} />,
    ];
  };
  return (
    <Page title="Sources" actions={<button type="button" onClick={() => commands.run('source.new')} disabled={!can.allowed} title={can.reason ?? undefined}>New source</button>}>
      <div className="filters" role="group" aria-label="Filter sources">
        <label className="inline-field">
          <span className="visually-hidden">Find sources</span>
          <input type="search" aria-label="Find sources" placeholder="Title, author, publisher or URL" dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="inline-field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as SourceKind | '')}>
            <option value="">Any</option>
            {(Object.keys(SOURCE_KIND_LABELS) as SourceKind[]).map((k) => <option key={k} value={k}>{SOURCE_KIND_LABELS[k]}</option>)}
          </select>
        </label>
        <MultiSelect<Marking> label="Marking" labels={MARKING_LABELS} value={marking} onChange={setMarking} />
      </div>
      <ErrorNote message={list.error?.message} />
      <p className="list-count" role="status">{list.loading ? 'Loading sources…' : `${list.total} ${list.total === 1 ? 'source' : 'sources'}`}</p>
      <VirtualGrid
        label="Sources" count={list.total} rowHeight={40} columns={COLUMNS} renderRow={row} onRange={list.onRange}
        onActivate={(i) => { const s = list.itemAt(i); if (s) navigate(paths.source(s.id)); }}
        className="cols-sources" empty={list.loading ? null : <span className="muted">No sources match.</span>}
      />
    </Page>
  );
}
