import { useCallback } from 'react';
import type { Statement } from '../../../../shared/domain';
import { toApiError } from '../../api/client';
import { arriveAt } from '../../components/arrival';
import { useToast } from '../../components/toast';
import { useCaller } from '../../data/query';
import { navigate, paths } from '../../app/router';

/**
 * Creates an empty statement (in a case, if given) and opens it in the editor, where
 * everything autosaves. Resolves null after telling the user why it could not.
 */
export function useNewStatement(): (caseId?: string, onError?: (message: string) => void) => Promise<Statement | null> {
  const run = useCaller();
  const { notify } = useToast();
  return useCallback(async (caseId, onError) => {
    try {
      const s = await run('statements.create', { originalStatus: 'not_captured', ...(caseId ? { caseIds: [caseId] } : {}) });
      // A new statement is for typing into: its first field takes the focus.
      arriveAt('field');
      navigate(paths.statement(s.id));
      return s;
    } catch (err) {
      const message = `Could not create a statement: ${toApiError(err).message}`;
      if (onError) onError(message); else notify({ message, tone: 'error' });
      return null;
    }
  }, [run, notify]);
}
