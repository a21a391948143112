import { useCallback } from 'react';
import type { Method } from '../../../shared/ipc/contract';
import { toApiError } from '../api/client';
import { useToast } from '../components/toast';
import { DraftStore } from './drafts';
import type { DraftKind, Rec } from './drafts';
import { useProfile } from './acting';
import { useCaller } from './query';
import { useDraftStore } from './useDraft';
import { i18n } from '../i18n/instance';

/** `X.trash` methods, each with its `X.restore` (the contract's naming). */
type TrashMethod = Extract<Method, `${string}.trash`>;

/**
 * Moves a record to the trash once its pending edits are saved (so the rev is current), and
 * offers Undo. A stale rev is refused by the Core; the newer record then becomes the base so
 * the next attempt works on what is really there.
 */
export function useTrash() {
  const drafts = useDraftStore();
  const author = useProfile().id;
  const run = useCaller() as unknown as (m: Method, a: unknown) => Promise<Rec>;
  const { notify } = useToast();
  return useCallback(async (kind: DraftKind, rec: Rec, method: TrashMethod, what: string): Promise<Rec> => {
    const current = await drafts.settle(kind, author, rec);
    let trashed: Rec;
    try {
      trashed = await run(method, { id: rec.id, rev: current.rev });
    } catch (err) {
      const theirs = toApiError(err).body.current as Rec | undefined;
      if (toApiError(err).code === 'conflict' && theirs) drafts.open(kind, author, theirs);
      throw err;
    }
    drafts.drop(DraftStore.keyOf(kind, rec.id, author));
    const restore = method.replace(/\.trash$/, '.restore') as Method;
    notify({ message: i18n.t('trash.moved', { ns: 'common', what }), undo: () => run(restore, { id: trashed.id, rev: trashed.rev }) });
    return trashed;
  }, [drafts, author, run, notify]);
}
