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
import { useTranslation } from 'react-i18next';

const COLUMNS = [
  { key: 'title', label: 'col.title' }, { key: 'kind', label: 'col.kind' }, { key: 'published', label: 'col.published' },
  { key: 'grade', label: 'col.grade' }, { key: 'marking', label: 'col.marking' },
] as const;

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
  const { t } = useTranslation('sources');
  const columns = useMemo(() => COLUMNS.map((col) => ({ key: col.key, label: t(col.label) })), [t]);
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
    <Page title={t('list.title')} actions={<button type="button" onClick={() => commands.run('source.new')} disabled={!can.allowed} title={can.reason ?? undefined}>{t('list.new')}</button>}>
      <div className="filters" role="group" aria-label={t('list.filter')}>
        <label className="inline-field">
          <span className="visually-hidden">{t('list.find')}</span>
          <input type="search" aria-label={t('list.find')} placeholder={t('list.placeholder')} dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="inline-field">
          <span>{t('list.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as SourceKind | '')}>
            <option value="">{t('list.any')}</option>
            {(Object.keys(SOURCE_KIND_LABELS) as SourceKind[]).map((k) => <option key={k} value={k}>{SOURCE_KIND_LABELS[k]}</option>)}
          </select>
        </label>
        <MultiSelect<Marking> label={t('list.marking')} labels={MARKING_LABELS} value={marking} onChange={setMarking} />
      </div>
      <ErrorNote message={list.error?.message} />
      <p className="list-count" role="status">{list.loading ? t('list.loading') : t('list.count', { count: list.total })}</p>
      <VirtualGrid
        label={t('list.grid')} count={list.total} rowHeight={40} columns={columns} renderRow={row} onRange={list.onRange}
        onActivate={(i) => { const s = list.itemAt(i); if (s) navigate(paths.source(s.id)); }}
        className="cols-sources" empty={list.loading ? null : <span className="muted">{t('list.empty')}</span>}
      />
    </Page>
  );
}
