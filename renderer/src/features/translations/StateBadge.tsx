import type { TranslationRevision } from '../../../../shared/domain';
import { STATE_LABELS, xliffHint } from './labels';
import { useTranslation } from 'react-i18next';

/**
 * A revision's state in words, with its XLIFF 2.0 equivalent as a tooltip (the title is also
 * its accessible description). An approval whose text no longer matches its hash is never shown as
 * approved.
 */
export function StateBadge({ revision, outdated = false }: {
  revision: Pick<TranslationRevision, 'state' | 'approvalValid'>;
  /** The approval was given to text the original no longer has (it was corrected since). */
  outdated?: boolean;
}) {
  const { t } = useTranslation('translations');
  const voided = (revision.state === 'approved' || revision.state === 'final') && revision.approvalValid === false;
  if (voided) {
    return (
      <span className="badge tr-state tr-state-void" title={t('badge.voidTitle')}>
        {t('badge.void')}
      </span>
    );
  }
  if (outdated && (revision.state === 'approved' || revision.state === 'final')) {
    return (
      <span className="badge tr-state tr-state-outdated" title={t('badge.outdatedTitle')}>
        {t('badge.outdated')}
      </span>
    );
  }
  const hint = xliffHint(revision.state);
  return (
    <span className={`badge tr-state tr-state-${revision.state}`} title={hint}>
      {STATE_LABELS[revision.state]}
    </span>
  );
}
