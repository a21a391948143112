import type { CaseStatus, Marking } from '../../../../shared/domain';
import type { Args } from '../../data/query';
import { MARKINGS, PRIORITIES, STATUSES, type Priority } from '../../components/labels';

export type CaseSort = 'updatedAt' | 'createdAt' | 'title' | 'priority' | 'dueDate' | 'status';
/** The cases catalogue's key for each sort (sort.<key>), read where it is shown. */
export const SORT_LABELS: Record<CaseSort, `sort.${CaseSort}`> = {
  updatedAt: 'sort.updatedAt', createdAt: 'sort.createdAt', title: 'sort.title', priority: 'sort.priority', dueDate: 'sort.dueDate', status: 'sort.status',
};

export interface CaseFilter {
  status: CaseStatus[];
  priority: Priority[];
  marking: Marking[];
  assignee: string;
  tag: string;
  text: string;
  sort: CaseSort;
  dir: 'asc' | 'desc';
  view: 'list' | 'board';
}

const pick = <T extends string>(values: string[], allowed: readonly T[]) => values.filter((v): v is T => (allowed as readonly string[]).includes(v));

export function readFilter(q: URLSearchParams): CaseFilter {
  const sort = q.get('sort');
  return {
    status: pick(q.getAll('status'), STATUSES),
    priority: pick(q.getAll('priority'), PRIORITIES),
    marking: pick(q.getAll('marking'), MARKINGS),
    assignee: q.get('assignee') ?? '',
    tag: q.get('tag') ?? '',
    text: q.get('q') ?? '',
    sort: sort && sort in SORT_LABELS ? (sort as CaseSort) : 'updatedAt',
    dir: q.get('dir') === 'asc' ? 'asc' : 'desc',
    view: q.get('view') === 'board' ? 'board' : 'list',
  };
}

export function writeFilter(f: CaseFilter): Record<string, string | string[]> {
  return {
    status: f.status, priority: f.priority, marking: f.marking, assignee: f.assignee, tag: f.tag, q: f.text,
    sort: f.sort === 'updatedAt' ? '' : f.sort, dir: f.dir === 'desc' ? '' : f.dir, view: f.view === 'list' ? '' : f.view,
  };
}

export function toArgs(f: CaseFilter): Omit<Args<'cases.list'>, 'limit' | 'offset'> {
  return {
    ...(f.status.length ? { status: f.status } : {}),
    ...(f.priority.length ? { priority: f.priority } : {}),
    ...(f.marking.length ? { marking: f.marking } : {}),
    ...(f.assignee ? { assignee: f.assignee } : {}),
    ...(f.tag.trim() ? { tag: f.tag.trim() } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    sort: f.sort, dir: f.dir,
  };
}
