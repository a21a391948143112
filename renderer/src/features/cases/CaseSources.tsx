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
import { useTranslation } from 'react-i18next';

const LIMIT = 1000;

export function CaseSources({ c }: { c: Case }) {
  const q = useApiQuery('sources.list', { caseId: c.id, limit: LIMIT });
  const run = useCaller();
  const { notify } = useToast();
  const { t } = useTranslation('cases');
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
    message: t('sources.removed', { title: isolate(s.title) }),
    undo: () => run('cases.addItem', { caseId: c.id, itemType: 'source', itemId: s.id }),
  })));

  return (
    <div className="tab-content">
      <div className="toolbar" role="toolbar" aria-label={t('sources.toolbar')}>
        <p className="list-count" role="status">{q.data ? t('sources.count', { count: q.data.total }) : t('sources.loading')}</p>
        <button type="button" onClick={() => setCreating(true)} disabled={!!c.deletedAt || !canCreate.allowed} title={canCreate.reason ?? undefined}>{t('sources.new')}</button>
        <button type="button" className="secondary" onClick={() => setPicking(true)} disabled={!!c.deletedAt || !canFile.allowed} title={canFile.reason ?? undefined}>{t('sources.add')}</button>
      </div>
      {c.deletedAt || canCreate.allowed ? null : <p className="field-hint why">{canCreate.reason}</p>}
      <ErrorNote message={error?.message ?? q.error?.message} />
      {items.length ? (
        <table className="table">
          <thead>
            <tr><th scope="col">{t('sources.col.title')}</th><th scope="col">{t('sources.col.kind')}</th><th scope="col">{t('sources.col.published')}</th><th scope="col">{t('sources.col.grade')}</th><th scope="col">{t('sources.col.marking')}</th><th scope="col"><span className="visually-hidden">{t('sources.col.actions')}</span></th></tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td><Link to={paths.source(s.id)}><B>{s.title}</B></Link></td>
                <td>{SOURCE_KIND_LABELS[s.kind]}</td>
                <td>{formatGregorian(s.publishedAt)}</td>
                <td>{gradeOf(s)}</td>
                <td><MarkingBadge marking={s.marking} /></td>
                <td><button type="button" className="quiet small" onClick={() => remove(s)} disabled={!canFile.allowed} title={canFile.reason ?? undefined} aria-label={t('sources.removeAria', { title: s.title })}>{t('sources.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : q.data ? <p className="muted">{t('sources.none')}</p> : null}
      {q.data && q.data.total > items.length ? <p className="muted">{t('sources.first', { count: items.length })}</p> : null}
      <NewSourceDialog isOpen={creating} onClose={() => setCreating(false)} caseId={c.id} marking={c.marking} />
      <SourcePickerDialog isOpen={picking} onClose={() => setPicking(false)} onPick={add} title={t('sources.pickTitle')} />
    </div>
  );
}
