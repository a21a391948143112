import type { TranslationRevision } from '../../../../shared/domain';
import { STATE_LABELS, xliffHint } from './labels';

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
  const voided = (revision.state === 'approved' || revision.state === 'final') && revision.approvalValid === false;
  if (voided) {
    return (
      <span className="badge tr-state tr-state-void" title="The approved text no longer matches what was approved (its SHA-256 differs): it is not approved.">
        Approval void
      </span>
    );
  }
  if (outdated && (revision.state === 'approved' || revision.state === 'final')) {
    return (
      <span className="badge tr-state tr-state-outdated" title="The original was corrected after this approval: the approved translation needs review again.">
        Needs review
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
