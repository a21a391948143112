import { reindex } from '../search';
import { runChecks } from './check';
import { requirePermission } from './permissions';
import { handlerGroup } from './types';

/** The desk as a whole: the long maintenance operations the app and `casefile` both offer. */
export const deskHandlers = handlerGroup({
  'desk.check': (s, _a, _input, job) => runChecks(s, job),
  'desk.reindex': (s, actor, _input, job) => {
    requirePermission(actor, 'desk.reindex');
    job.progress('rebuilding the search index', 0, 0);
    const r = reindex({ state: s });
    job.progress('done', 1, 1);
    return { documents: r.documents, ms: r.ms };
  },
});
