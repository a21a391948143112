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

const COLUMNS = [
  { key: 'date', label: 'Said' }, { key: 'speaker', label: 'Speaker' }, { key: 'text', label: 'Statement' },
  { key: 'lang', label: 'Language' }, { key: 'marking', label: 'Marking' },
];

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
  const activeStatement = list.itemAt(active);
  const canCreate = useCan('statements.create');
  const canFile = useCan('cases.file');

  const removeActive = () => {
    const s = activeStatement;
    if (!s) return;
    setError(null);
    run('cases.removeItem', { caseId: c.id, itemType: 'statement', itemId: s.id }).then(() => notify({
      message: `Removed “${isolate(statementTitle(s))}” from this case.`,
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
      <div className="toolbar" role="toolbar" aria-label="Statements">
        <p className="list-count" role="status">{list.loading ? 'Loading statements…' : `${list.total} ${list.total === 1 ? 'statement' : 'statements'}`}</p>
        <button type="button" onClick={() => { setCreateError(null); void newStatement(c.id, setCreateError); }} disabled={!!c.deletedAt || !canCreate.allowed} title={canCreate.reason ?? undefined}>New statement</button>
        <button type="button" className="secondary" onClick={() => setPicking(true)} disabled={!!c.deletedAt || !canFile.allowed} title={canFile.reason ?? undefined}>Add existing…</button>
        <button
          type="button" className="secondary" onClick={removeActive} disabled={!!c.deletedAt || !activeStatement || !canFile.allowed} title={canFile.reason ?? undefined}
          aria-label={activeStatement ? `Remove the selected statement (${statementTitle(activeStatement)}) from this case` : 'Remove the selected statement from this case'}
        >
          Remove from case
        </button>
      </div>
      {c.deletedAt || canCreate.allowed ? null : <p className="field-hint why">{canCreate.reason}</p>}
      <ErrorNote message={createError ?? error?.message ?? list.error?.message} />
      <VirtualGrid
        label="Statements" count={list.total} rowHeight={40} columns={COLUMNS} renderRow={row} onRange={list.onRange} onActiveChange={onActiveChange}
        onActivate={(i) => { const s = list.itemAt(i); if (s) navigate(paths.statement(s.id)); }}
        className="cols-statements tall" empty={list.loading ? null : <span className="muted">No statements in this case yet.</span>}
      />
      <StatementPickerDialog isOpen={picking} onClose={() => setPicking(false)} onPick={add} title="Add a statement to this case" />
    </div>
  );
}
