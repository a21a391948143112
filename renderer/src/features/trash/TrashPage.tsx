import { useState } from 'react';
import type { Method } from '../../../../shared/ipc/contract';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Field';
import { Page } from '../../components/Page';
import { RECORD_TYPE_LABELS } from '../../components/labels';
import { formatStamp } from '../../components/format';
import { useToast } from '../../components/toast';
import { useApiQuery, useCaller } from '../../data/query';
import { useCan } from '../../data/permissions';
import { isolate } from '../../../../shared/text/isolate';
import { B } from '../../components/text';
import { Trans, useTranslation } from 'react-i18next';

type RecordType = 'profile' | 'case' | 'actor' | 'actor_relation' | 'statement' | 'source' | 'citation' | 'attachment' | 'note' | 'event' | 'report';
interface Trashed { recordType: RecordType; id: string; title: string; deletedAt: string; rev: number }

const RESTORE: Partial<Record<RecordType, Method>> = {
  case: 'cases.restore', actor: 'actors.restore', statement: 'statements.restore', source: 'sources.restore',
  attachment: 'attachments.restore', note: 'notes.restore', event: 'events.restore', report: 'reports.restore',
};
const TYPES = ['case', 'statement', 'source', 'actor', 'note', 'event', 'attachment', 'report'] as const satisfies readonly RecordType[];

export function TrashPage() {
  const [type, setType] = useState<RecordType | ''>('');
  const q = useApiQuery('trash.list', type ? { recordType: type } : {});
  const run = useCaller();
  const { notify } = useToast();
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  const [purging, setPurging] = useState<Trashed | null>(null);
  const isAdmin = useCan('trash.purge').allowed;
  const { t: say } = useTranslation('trash');

  const fail = (id: string, e: unknown) => setErrors((x) => ({ ...x, [id]: toApiError(e) }));
  const restore = (t: Trashed) => {
    const method = RESTORE[t.recordType];
    if (!method) return;
    setErrors(({ [t.id]: _, ...rest }) => rest);
    (run as (m: Method, a: unknown) => Promise<{ id: string; rev: number }>)(method, { id: t.id, rev: t.rev }).then(
      () => notify({ message: say('restored', { title: isolate(t.title) }) }),
      (e: unknown) => fail(t.id, e),
    );
  };
  const purge = () => {
    const t = purging;
    setPurging(null);
    if (!t) return;
    run('trash.purge', { recordType: t.recordType, id: t.id, rev: t.rev }).then(
      () => notify({ message: say('purged', { title: isolate(t.title) }) }),
      (e: unknown) => fail(t.id, e),
    );
  };
  const items = (q.data ?? []) as Trashed[];

  return (
    <Page title={say('title')}>
      <div className="filters" role="group" aria-label={say('filter')}>
        <label className="inline-field">
          <span>{say('show')}</span>
          <select value={type} onChange={(e) => setType(e.target.value as RecordType | '')}>
            <option value="">{say('everything')}</option>
            {TYPES.map((t) => <option key={t} value={t}>{say(`type.${t}`)}</option>)}
          </select>
        </label>
      </div>
      <ErrorNote message={q.error?.message} />
      {q.data && items.length === 0 ? <p className="muted">{say('empty')}</p> : null}
      {items.length ? (
        <table className="table">
          <thead>
            <tr><th scope="col">{say('col.what')}</th><th scope="col">{say('col.title')}</th><th scope="col">{say('col.when')}</th><th scope="col"><span className="visually-hidden">{say('col.actions')}</span></th></tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={`${t.recordType}:${t.id}`}>
                <td>{RECORD_TYPE_LABELS[t.recordType] ?? t.recordType}</td>
                <td><B>{t.title || say('untitled')}</B>{errors[t.id] ? <ErrorNote message={errors[t.id]!.message} /> : null}</td>
                <td>{formatStamp(t.deletedAt)}</td>
                <td className="row-actions">
                  {RESTORE[t.recordType] ? (
                    <button type="button" className="secondary small" onClick={() => restore(t)} aria-label={say('restoreAria', { title: t.title })}>{say('restore')}</button>
                  ) : <span className="muted small">{say('adminOnly')}</span>}
                  {isAdmin ? (
                    <button type="button" className="quiet small danger-text" onClick={() => setPurging(t)} aria-label={say('purgeAria', { title: t.title })}>{say('purge')}</button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ConfirmDialog isOpen={purging !== null} title={say('confirmTitle')} confirmLabel={say('confirm')} onConfirm={purge} onCancel={() => setPurging(null)}>
        <p><Trans t={say} i18nKey="confirmBody" values={{ title: purging?.title ?? '' }} components={{ b: <B /> }} /></p>
      </ConfirmDialog>
    </Page>
  );
}
