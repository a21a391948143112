import { useCallback } from 'react';
import type { Case, CaseStatus } from '../../../../shared/domain';
import { STATUS_LABELS } from '../../components/labels';
import { useToast } from '../../components/toast';
import { useProfile } from '../../data/acting';
import { useDraftStore } from '../../data/useDraft';
import { useTrash } from '../../data/useTrash';
import type { Rec } from '../../data/drafts';
import { CASE_KIND } from './kind';
import { isolate } from '../../../../shared/text/isolate';

/** Status changes, assignment and trash: saved at once, each with its way back. */
export function useCaseActions() {
  const drafts = useDraftStore();
  const author = useProfile().id;
  const trashRecord = useTrash();
  const { notify } = useToast();

  const update = useCallback(
    (c: Case, patch: Partial<Case>) => drafts.commit(CASE_KIND, author, c as unknown as Rec, patch) as unknown as Promise<Case>,
    [drafts, author],
  );

  const setStatus = useCallback(async (c: Case, status: CaseStatus) => {
    const before = c.status;
    if (before === status) return c;
    const saved = await update(c, { status });
    notify({
      message: `“${isolate(c.title)}” is now ${STATUS_LABELS[status].toLowerCase()}.`,
      undo: () => update(saved, { status: before }),
    });
    return saved;
  }, [update, notify]);

  const assign = useCallback((c: Case, assignees: string[]) => update(c, { assignees }), [update]);

  const trash = useCallback(
    (c: Case) => trashRecord(CASE_KIND, c as unknown as Rec, 'cases.trash', `“${isolate(c.title)}”`),
    [trashRecord],
  );

  return { update, setStatus, assign, trash };
}
