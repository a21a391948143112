import { useState } from 'react';
import type { Case, Source } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { MarkingBadge } from '../../components/Badges';
import { ErrorNote } from '../../components/Field';
import { SOURCE_KIND_LABELS } from '../../components/labels';
import { formatGregorian } from '../../components/format';
import { useToast } from '../../components/toast';
import { useApiQuery, useCaller } from '../../data/query';
import { Link, paths } from '../../app/router';
import { NewSourceDialog, SourcePickerDialog, gradeOf } from '../sources';
import { useCan } from '../../data/permissions';
import { isolate } from '../../../../shared/text/isolate';
import { B } from '../../components/text';

const LIMIT = 1000;

export function CaseSources({ c }: { c: Case }) {
  const q = useApiQuery('sources.list', { caseId: c.id, limit: LIMIT });
  const run = useCaller();
  const { notify } = useToast();
  const [creating, setCreating] = useState(false);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const items = q.data?.items ?? [];
  const canCreate = useCan('sources.create');
  const canFile = useCan('cases.file');

  const attempt = (p: Promise<unknown>) => { setError(null); p.catch((e: unknown) => setError(toApiError(e))); };
  const add = (s: Source) => {
    setPicking(false);
    attempt(run('cases.addItem', { caseId: c.id, itemType: 'source', itemId: s.id }).then((item) => {
      for (const w of item.warnings) notify({ tone: 'warning', message: w });
    }));
  };
  const remove = (s: Source) => attempt(run('cases.removeItem', { caseId: c.id, itemType: 'source', itemId: s.id }).then(() => notify({
    message: `Removed “${isolate(s.title)}” from this case.`,
    undo: () => run('cases.addItem', { caseId: c.id, itemType: 'source', itemId: s.id }),
  })));

  return (
    <div className="tab-content">
      <div className="toolbar" role="toolbar" aria-label="Sources">
        <p className="list-count" role="status">{q.data ? `${q.data.total} ${q.data.total === 1 ? 'source' : 'sources'}` : 'Loading sources…'}</p>
        <button type="button" onClick={() => setCreating(true)} disabled={!!c.deletedAt || !canCreate.allowed} title={canCreate.reason ?? undefined}>New source</button>
        <button type="button" className="secondary" onClick={() => setPicking(true)} disabled={!!c.deletedAt || !canFile.allowed} title={canFile.reason ?? undefined}>Add from library…</button>
      </div>
      {c.deletedAt || canCreate.allowed ? null : <p className="field-hint why">{canCreate.reason}</p>}
      <ErrorNote message={error?.message ?? q.error?.message} />
      {items.length ? (
        <table className="table">
          <thead>
            <tr><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Published</th><th scope="col">Grade</th><th scope="col">Marking</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td><Link to={paths.source(s.id)}><B>{s.title}</B></Link></td>
                <td>{SOURCE_KIND_LABELS[s.kind]}</td>
                <td>{formatGregorian(s.publishedAt)}</td>
                <td>{gradeOf(s)}</td>
                <td><MarkingBadge marking={s.marking} /></td>
                <td><button type="button" className="quiet small" onClick={() => remove(s)} disabled={!canFile.allowed} title={canFile.reason ?? undefined} aria-label={`Remove ${s.title} from this case`}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : q.data ? <p className="muted">No sources in this case yet.</p> : null}
      {q.data && q.data.total > items.length ? <p className="muted">Showing the first {items.length}. Find others in the Sources library.</p> : null}
      <NewSourceDialog isOpen={creating} onClose={() => setCreating(false)} caseId={c.id} marking={c.marking} />
      <SourcePickerDialog isOpen={picking} onClose={() => setPicking(false)} onPick={add} title="Add a source to this case" />
    </div>
  );
}
