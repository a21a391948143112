import type { CaseStatus, Marking } from '../../../../shared/domain';
import { MultiSelect } from '../../components/MultiSelect';
import { MARKING_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Priority } from '../../components/labels';
import { useProfiles } from '../../data/lookups';
import { SORT_LABELS, type CaseFilter, type CaseSort } from './filters';
import { useTranslation } from 'react-i18next';

export function CaseFilters({ filter, onChange }: { filter: CaseFilter; onChange(f: CaseFilter): void }) {
  const profiles = useProfiles();
  const set = (patch: Partial<CaseFilter>) => onChange({ ...filter, ...patch });
  const { t } = useTranslation('cases');
  return (
    <div className="filters" role="group" aria-label={t('filter.group')}>
      <label className="inline-field">
        <span className="visually-hidden">{t('filter.find')}</span>
        <input type="search" placeholder={t('filter.placeholder')} value={filter.text} dir="auto" onChange={(e) => set({ text: e.target.value })} aria-label={t('filter.find')} />
      </label>
      <MultiSelect<CaseStatus> label={t('filter.status')} labels={STATUS_LABELS} value={filter.status} onChange={(status) => set({ status })} />
      <MultiSelect<Priority> label={t('filter.priority')} labels={PRIORITY_LABELS} value={filter.priority} onChange={(priority) => set({ priority })} />
      <MultiSelect<Marking> label={t('filter.marking')} labels={MARKING_LABELS} value={filter.marking} onChange={(marking) => set({ marking })} />
      <label className="inline-field">
        <span>{t('filter.assignee')}</span>
        <select value={filter.assignee} onChange={(e) => set({ assignee: e.target.value })}>
          <option value="">{t('filter.anyone')}</option>
          {profiles.list.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('filter.tag')}</span>
        <input value={filter.tag} size={10} dir="auto" onChange={(e) => set({ tag: e.target.value })} />
      </label>
      <label className="inline-field">
        <span>{t('filter.sort')}</span>
        <select value={filter.sort} onChange={(e) => set({ sort: e.target.value as CaseSort })}>
          {(Object.keys(SORT_LABELS) as CaseSort[]).map((k) => <option key={k} value={k}>{t(SORT_LABELS[k])}</option>)}
        </select>
      </label>
      <button
        type="button" className="secondary small" onClick={() => set({ dir: filter.dir === 'asc' ? 'desc' : 'asc' })}
        aria-label={filter.dir === 'asc' ? t('filter.ascAria') : t('filter.descAria')}
      >
        {filter.dir === 'asc' ? t('filter.asc') : t('filter.desc')}
      </button>
    </div>
  );
}
