import type { CaseStatus, Marking } from '../../../shared/domain';
import { MARKING_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Priority } from './labels';

export function MarkingBadge({ marking }: { marking: Marking }) {
  return <span className={`badge marking marking-${marking}`}>{MARKING_LABELS[marking] ?? marking}</span>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge status status-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge priority priority-${priority}`}>{PRIORITY_LABELS[priority] ?? priority}</span>;
}

const MARKING_TEXT: Record<Marking, string> = {
  public: 'Public — may be published in full.',
  subscribers: 'Subscribers — published to subscribers only.',
  internal: 'Internal — never leaves the desk.',
  restricted: 'Restricted — named people only.',
};

/** The distribution marking across the top of a record, so nobody misses it. */
export function MarkingBanner({ marking }: { marking: Marking }) {
  return (
    <div className={`marking-banner marking-${marking}`} role="note" aria-label="Distribution marking">
      <strong>{(MARKING_LABELS[marking] ?? marking).toUpperCase()}</strong>
      <span>{MARKING_TEXT[marking]?.split('—')[1]?.trim()}</span>
    </div>
  );
}
