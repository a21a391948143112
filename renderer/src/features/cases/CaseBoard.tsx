import { useState } from 'react';
import type { DragEvent } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { Case, CaseStatus } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { MarkingBadge, PriorityBadge } from '../../components/Badges';
import { ErrorNote } from '../../components/Field';
import { STATUSES, STATUS_LABELS } from '../../components/labels';
import { formatGregorian } from '../../components/format';
import { useProfiles } from '../../data/lookups';
import { useApiQuery } from '../../data/query';
import { Link, paths } from '../../app/router';
import { toArgs, type CaseFilter } from './filters';
import { useCaseActions } from './useCaseActions';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../components/format';

const DRAG_TYPE = 'application/x-casefile-case';

/** Cases in columns by status; drag a card or use its Move menu to change the status. */
export function CaseBoard({ filter }: { filter: CaseFilter }) {
  const statuses = filter.status.length ? STATUSES.filter((s) => filter.status.includes(s)) : STATUSES;
  const [error, setError] = useState<ApiError | null>(null);
  const [dragging, setDragging] = useState<Case | null>(null);
  const actions = useCaseActions();
  const { t } = useTranslation('cases');
  const move = (c: Case, status: CaseStatus) => {
    setError(null);
    actions.setStatus(c, status).catch((err: unknown) => setError(toApiError(err)));
  };
  return (
    <>
      <ErrorNote message={error?.message} />
      <div className="board" role="list" aria-label={t('board.label')}>
        {statuses.map((s) => (
          <BoardColumn key={s} status={s} filter={filter} onMove={move} dragging={dragging} setDragging={setDragging} />
        ))}
      </div>
    </>
  );
}

function BoardColumn({ status, filter, onMove, dragging, setDragging }: {
  status: CaseStatus; filter: CaseFilter; onMove(c: Case, s: CaseStatus): void; dragging: Case | null; setDragging(c: Case | null): void;
}) {
  const { sort, dir, ...rest } = toArgs(filter);
  const q = useApiQuery('cases.list', { ...rest, status: [status], sort, dir, limit: 200 });
  const [over, setOver] = useState(false);
  const { t } = useTranslation('cases');
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (dragging && dragging.status !== status) onMove(dragging, status);
    setDragging(null);
  };
  const items = q.data?.items ?? [];
  return (
    <section
      role="listitem" aria-labelledby={`col-${status}`} className={`board-column${over ? ' is-over' : ''}`}
      onDragOver={(e) => { if (e.dataTransfer.types.includes(DRAG_TYPE)) { e.preventDefault(); setOver(true); } }}
      onDragLeave={() => setOver(false)} onDrop={drop}
    >
      <h2 id={`col-${status}`} className="board-heading">
        {STATUS_LABELS[status]} <span className="count">{q.data ? formatNumber(q.data.total) : ''}</span>
      </h2>
      <ul className="board-cards" aria-label={t('board.column', { status: STATUS_LABELS[status] })}>
        {items.map((c) => <BoardCard key={c.id} c={c} onMove={onMove} setDragging={setDragging} />)}
      </ul>
      {q.data && q.data.total > items.length ? <p className="muted small">{t('board.more', { count: q.data.total - items.length })}</p> : null}
    </section>
  );
}

function BoardCard({ c, onMove, setDragging }: { c: Case; onMove(c: Case, s: CaseStatus): void; setDragging(c: Case | null): void }) {
  const profiles = useProfiles();
  const { t } = useTranslation('cases');
  return (
    <li
      className="board-card" draggable
      onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, c.id); e.dataTransfer.effectAllowed = 'move'; setDragging(c); }}
      onDragEnd={() => setDragging(null)}
    >
      <Link to={paths.case(c.id)} className="board-title"><B>{c.title}</B></Link>
      <div className="board-meta">
        <PriorityBadge priority={c.priority} />
        <MarkingBadge marking={c.marking} />
        {c.dueDate ? <span className="muted small">{t('board.due', { date: formatGregorian(c.dueDate, 'day') })}</span> : null}
        <span className="initials-list">{c.assignees.map((id) => <B key={id} className="avatar small" title={profiles.name(id)}>{profiles.byId.get(id)?.initials ?? '?'}</B>)}</span>
        <MenuTrigger>
          <Button className="quiet small" aria-label={t('board.moveAria', { title: c.title })}>{t('board.move')}</Button>
          <Popover className="popover">
            <Menu className="menu" aria-label={t('board.moveTo')} onAction={(k) => onMove(c, k as CaseStatus)} disabledKeys={[c.status]}>
              {STATUSES.map((s) => <MenuItem key={s} id={s} className="menu-item">{STATUS_LABELS[s]}</MenuItem>)}
            </Menu>
          </Popover>
        </MenuTrigger>
      </div>
    </li>
  );
}
