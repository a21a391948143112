import type { CaseStatus, Marking } from '../../../shared/domain';
import { MARKING_LABELS, PRIORITY_LABELS, STATUS_LABELS, type Priority } from './labels';
import { useTranslation } from 'react-i18next';

export function MarkingBadge({ marking }: { marking: Marking }) {
  return <span className={`badge marking marking-${marking}`}>{MARKING_LABELS[marking] ?? marking}</span>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge status status-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge priority priority-${priority}`}>{PRIORITY_LABELS[priority] ?? priority}</span>;
}

/** The distribution marking across the top of a record, so nobody misses it. */
export function MarkingBanner({ marking }: { marking: Marking }) {
  const { t } = useTranslation('common');
  const { t: labels } = useTranslation('labels');
  return (
    <div className={`marking-banner marking-${marking}`} role="note" aria-label={t('marking.banner')}>
      <strong>{(MARKING_LABELS[marking] ?? marking).toLocaleUpperCase()}</strong>
      <span>{labels(`markingText.${marking}`)}</span>
    </div>
  );
}
