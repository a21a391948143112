import { useState } from 'react';
import type { Statement } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ErrorNote, Why } from '../../components/Field';
import { formatGregorian } from '../../components/format';
import { useToast } from '../../components/toast';
import { useCan } from '../../data/permissions';
import { useApiQuery, useCaller } from '../../data/query';
import { Link, paths } from '../../app/router';
import { StatementPickerDialog } from './StatementPickerDialog';
import { statementTitle } from '../../../../shared/domain';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';

export function RelatedStatements({ statementId, disabled: trashed }: { statementId: string; disabled: boolean }) {
  const can = useCan('statements.relate');
  const disabled = trashed || !can.allowed;
  const q = useApiQuery('statements.related', { statementId });
  const run = useCaller();
  const { notify } = useToast();
  const [picking, setPicking] = useState(false);
  const { t } = useTranslation('statements');
  const [error, setError] = useState<ApiError | null>(null);
  const attempt = (p: Promise<unknown>) => { setError(null); p.catch((e: unknown) => setError(toApiError(e))); };
  const relate = (s: Statement) => { setPicking(false); attempt(run('statements.relate', { statementId, relatedId: s.id })); };
  const unrelate = (s: Statement) => attempt(run('statements.unrelate', { statementId, relatedId: s.id }).then(() => notify({
    message: t('related.removed'), undo: () => run('statements.relate', { statementId, relatedId: s.id }),
  })));
  const items = q.data ?? [];
  return (
    <section className="panel" aria-labelledby="related-h">
      <div className="panel-head">
        <h2 id="related-h">{t('related.heading')}</h2>
        <button type="button" className="secondary small" disabled={disabled} onClick={() => setPicking(true)}>{t('related.relate')}</button>
      </div>
      {trashed ? null : <Why can={can} id="related-why" />}
      <ErrorNote message={error?.message ?? q.error?.message} />
      {q.data && items.length === 0 ? <p className="muted">{t('related.none')}</p> : null}
      <ul className="plain-list">
        {items.map((s) => (
          <li key={s.id} className="related-row">
            <span className="muted small">{formatGregorian(s.saidAt, s.datePrecision) || t('related.undated')}</span>
            <Link to={paths.statement(s.id)}><B>{statementTitle(s)}</B></Link>
            <button type="button" className="quiet small" disabled={disabled} onClick={() => unrelate(s)} aria-label={t('related.unrelateAria', { title: statementTitle(s) })}>{t('related.unlink')}</button>
          </li>
        ))}
      </ul>
      <StatementPickerDialog isOpen={picking} onClose={() => setPicking(false)} onPick={relate} title={t('related.pickTitle')} exclude={[statementId, ...items.map((s) => s.id)]} />
    </section>
  );
}
