import type { CaseStatus, Marking } from '../../../../shared/domain';
import { MultiSelect } from '../../components/MultiSelect';
import { MARKING_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Priority } from '../../components/labels';
import { useProfiles } from '../../data/lookups';
import { SORT_LABELS, type CaseFilter, type CaseSort } from './filters';

export function CaseFilters({ filter, onChange }: { filter: CaseFilter; onChange(f: CaseFilter): void }) {
  const profiles = useProfiles();
  const set = (patch: Partial<CaseFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="filters" role="group" aria-label="Filter and sort cases">
      <label className="inline-field">
        <span className="visually-hidden">Find cases</span>
        <input type="search" placeholder="Find in titles and summaries" value={filter.text} dir="auto" onChange={(e) => set({ text: e.target.value })} aria-label="Find cases" />
      </label>
      <MultiSelect<CaseStatus> label="Status" labels={STATUS_LABELS} value={filter.status} onChange={(status) => set({ status })} />
      <MultiSelect<Priority> label="Priority" labels={PRIORITY_LABELS} value={filter.priority} onChange={(priority) => set({ priority })} />
      <MultiSelect<Marking> label="Marking" labels={MARKING_LABELS} value={filter.marking} onChange={(marking) => set({ marking })} />
      <label className="inline-field">
        <span>Assignee</span>
        <select value={filter.assignee} onChange={(e) => set({ assignee: e.target.value })}>
          <option value="">Anyone</option>
          {profiles.list.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label className="inline-field">
        <span>Tag</span>
        <input value={filter.tag} size={10} dir="auto" onChange={(e) => set({ tag: e.target.value })} />
      </label>
      <label className="inline-field">
        <span>Sort</span>
        <select value={filter.sort} onChange={(e) => set({ sort: e.target.value as CaseSort })}>
          {(Object.keys(SORT_LABELS) as CaseSort[]).map((k) => <option key={k} value={k}>{SORT_LABELS[k]}</option>)}
        </select>
      </label>
      <button
        type="button" className="secondary small" onClick={() => set({ dir: filter.dir === 'asc' ? 'desc' : 'asc' })}
        aria-label={filter.dir === 'asc' ? 'Ascending; switch to descending' : 'Descending; switch to ascending'}
      >
        {filter.dir === 'asc' ? '↑ Ascending' : '↓ Descending'}
      </button>
    </div>
  );
}
