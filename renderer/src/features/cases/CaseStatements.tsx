import { useCallback, useMemo, useState } from 'react';
import type { Case, Statement } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { MarkingBadge } from '../../components/Badges';
import { ErrorNote } from '../../components/Field';
import { useToast } from '../../components/toast';
import { VirtualGrid } from '../../components/VirtualGrid';
import { formatGregorian } from '../../components/format';
import { languageLabel } from '../../components/labels';
import { useCan } from '../../data/permissions';
import { useCaller, usePagedList } from '../../data/query';
import { Link, navigate, paths } from '../../app/router';
import { useActorNames } from '../actors';
import { StatementPickerDialog, useNewStatement } from '../statements';
import { statementTitle } from '../../../../shared/domain';
import { isolate } from '../../../../shared/text/isolate';
import { B } from '../../components/text';
import { useTranslation } from 'react-i18next';

const COLUMNS = [
  { key: 'date', label: 'col.said' }, { key: 'speaker', label: 'col.speaker' }, { key: 'text', label: 'col.statement' },
  { key: 'lang', label: 'col.language' }, { key: 'marking', label: 'col.marking' },
] as const;

export function CaseStatements({ c }: { c: Case }) {
  const args = useMemo(() => ({ caseId: c.id, sort: 'saidAt' as const, dir: 'desc' as const }), [c.id]);
  const list = usePagedList('statements.list', args, 250);
  const actors = useActorNames();
  const newStatement = useNewStatement();
  const run = useCaller();
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const onActiveChange = useCallback((i: number) => setActive(i), []);
  const { notify } = useToast();
  const { t } = useTranslation('cases');
  const columns = useMemo(() => COLUMNS.map((col) => ({ key: col.key, label: t(col.label) })), [t]);
  const activeStatement = list.itemAt(active);
  const canCreate = useCan('statements.create');
  const canFile = useCan('cases.file');

  const removeActive = () => {
    const s = activeStatement;
    if (!s) return;
    setError(null);
    run('cases.removeItem', { caseId: c.id, itemType: 'statement', itemId: s.id }).then(() => notify({
      message: t('statements.removed', { title: isolate(statementTitle(s)) }),
      undo: () => run('cases.addItem', { caseId: c.id, itemType: 'statement', itemId: s.id }),
    }), (e: unknown) => setError(toApiError(e)));
  };

  const row = (i: number) => {
    const s: Statement | undefined = list.itemAt(i);
    if (!s) return null;
    return [
      <span key="d" className="nowrap">{formatGregorian(s.saidAt, s.datePrecision)}</span>,
      <B key="s">{actors.name(s.speakerId)}</B>,
      <Link key="t" to={paths.statement(s.id)} tabIndex={-1} className="row-title"><B>{statementTitle(s)}</B></Link>,
      <span key="l">{languageLabel(s.language)}</span>,
      <MarkingBadge key="m" marking={s.marking} />,
    ];
  };

  const add = (s: Statement) => {
    setPicking(false);
    setError(null);
    run('cases.addItem', { caseId: c.id, itemType: 'statement', itemId: s.id }).then(
      (item) => { for (const w of item.warnings) notify({ tone: 'warning', message: w }); },
      (e: unknown) => setError(toApiError(e)),
    );
  };

  return (
    <div className="tab-content">
      <div className="toolbar" role="toolbar" aria-label={t('statements.toolbar')}>
        <p className="list-count" role="status">{list.loading ? t('statements.loading') : t('statements.count', { count: list.total })}</p>
        <button type="button" onClick={() => { setCreateError(null); void newStatement(c.id, setCreateError); }} disabled={!!c.deletedAt || !canCreate.allowed} title={canCreate.reason ?? undefined}>{t('statements.new')}</button>
        <button type="button" className="secondary" onClick={() => setPicking(true)} disabled={!!c.deletedAt || !canFile.allowed} title={canFile.reason ?? undefined}>{t('statements.addExisting')}</button>
        <button
          type="button" className="secondary" onClick={removeActive} disabled={!!c.deletedAt || !activeStatement || !canFile.allowed} title={canFile.reason ?? undefined}
          aria-label={activeStatement ? t('statements.removeAria', { title: statementTitle(activeStatement) }) : t('statements.removeAriaNone')}
        >
          {t('statements.remove')}
        </button>
      </div>
      {c.deletedAt || canCreate.allowed ? null : <p className="field-hint why">{canCreate.reason}</p>}
      <ErrorNote message={createError ?? error?.message ?? list.error?.message} />
      <VirtualGrid
        label={t('statements.grid')} count={list.total} rowHeight={40} columns={columns} renderRow={row} onRange={list.onRange} onActiveChange={onActiveChange}
        onActivate={(i) => { const s = list.itemAt(i); if (s) navigate(paths.statement(s.id)); }}
        className="cols-statements tall" empty={list.loading ? null : <span className="muted">{t('statements.empty')}</span>}
      />
      <StatementPickerDialog isOpen={picking} onClose={() => setPicking(false)} onPick={add} title={t('statements.pickTitle')} />
    </div>
  );
}
