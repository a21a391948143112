import { useState } from 'react';
import type { CaseItemType } from '../../../shared/domain';
import type { ApiError } from '../api/client';
import { Link, paths } from '../app/router';
import { ErrorNote, Why } from './Field';
import { useToast } from './toast';
import { useCan } from '../data/permissions';
import { useApiQuery, useCaller } from '../data/query';
import { isolate } from '../../../shared/text/isolate';
import { B } from './text';
import { useTranslation } from 'react-i18next';

/** The case files a statement, source or report belongs to, with a way out of each (undoable). */
export function InCases({ itemType, itemId, disabled: trashed }: { itemType: CaseItemType; itemId: string; disabled: boolean }) {
  const can = useCan('cases.file');
  const disabled = trashed || !can.allowed;
  const q = useApiQuery('cases.forItem', { itemType, itemId });
  const run = useCaller();
  const { notify } = useToast();
  const [error, setError] = useState<ApiError | null>(null);
  const cases = q.data ?? [];
  const { t } = useTranslation('common');
  const remove = (caseId: string, title: string) => {
    setError(null);
    run('cases.removeItem', { caseId, itemType, itemId }).then(
      () => notify({ message: t('inCases.removed', { title: isolate(title) }), undo: () => run('cases.addItem', { caseId, itemType, itemId }) }),
      (e: ApiError) => setError(e),
    );
  };
  return (
    <section className="panel" aria-labelledby={`in-cases-${itemId}`}>
      <h2 id={`in-cases-${itemId}`}>{t('inCases.heading')}</h2>
      {trashed || cases.length === 0 ? null : <Why can={can} id={`in-cases-why-${itemId}`} />}
      <ErrorNote message={error?.message ?? q.error?.message} />
      {q.data && cases.length === 0 ? <p className="muted">{t('inCases.none')}</p> : null}
      <ul className="plain-list">
        {cases.map((c) => (
          <li key={c.id} className="row-between">
            <Link to={paths.case(c.id)}><B>{c.title}</B></Link>
            <button type="button" className="quiet small" disabled={disabled} onClick={() => remove(c.id, c.title)} aria-label={t('inCases.removeAria', { title: c.title })}>
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
