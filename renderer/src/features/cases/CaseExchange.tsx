// The case's exchange with other desks: export a signed bundle, import one after a preview of
// what it adds, changes and puts in conflict, and settle what bundles left in conflict with the
// same conflict view a stale save gets.
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { BundlePreview, Case, ExchangeConflict, Marking } from '../../../../shared/domain';
import { ApiError, pickBundle, saveBundle, toApiError } from '../../api/client';
import { ConflictView, type ConflictField } from '../../components/ConflictView';
import { ErrorNote } from '../../components/Field';
import { MARKINGS, MARKING_LABELS } from '../../components/labels';
import { B } from '../../components/text';
import type { DraftView, Rec } from '../../data/drafts';
import { useCan } from '../../data/permissions';
import { useApiQuery, useCaller } from '../../data/query';

type Preview = z.infer<typeof BundlePreview>;

/** Bookkeeping a person does not merge: who saved last, when, and the record's identity. */
const NOT_MERGED = new Set(['id', 'rev', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']);

function label(key: string): string {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function CaseExchange({ c }: { c: Case }) {
  const { t } = useTranslation('cases');
  const run = useCaller();
  const [marking, setMarking] = useState<Marking>(c.marking);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const conflicts = useApiQuery('exchange.conflicts', { caseId: c.id });

  const act = (fn: () => Promise<void>) => {
    setError(null);
    setNote(null);
    setBusy(true);
    fn().catch((err: unknown) => setError(toApiError(err))).finally(() => setBusy(false));
  };

  const exportBundle = () => act(async () => {
    const out = await run('exchange.exportBundle', { caseId: c.id, marking });
    const saved = await saveBundle(out.file, out.fileName);
    const left = out.leftOut.length ? t('exchange.leftOut', { count: out.leftOut.length }) : '';
    setNote(saved ? t('exchange.saved', { file: out.fileName, marking: MARKING_LABELS[out.marking], left }) : t('exchange.notSaved'));
  });

  const open = (conflicts.data ?? []).filter((x) => !x.resolvedAt);
  return (
    <div className="case-exchange">
      <ErrorNote message={error?.message} />
      {note ? <p className="notice" role="status">{note}</p> : null}

      <section aria-labelledby="exchange-export">
        <h2 id="exchange-export">{t('exchange.exportHeading')}</h2>
        <p className="muted">{t('exchange.exportIntro')}</p>
        <div className="actions">
          <label className="inline-field">
            <span>{t('exchange.marking')}</span>
            <select value={marking} onChange={(e) => setMarking(e.target.value as Marking)}>
              {MARKINGS.map((m) => <option key={m} value={m}>{MARKING_LABELS[m]}</option>)}
            </select>
          </label>
          <button type="button" onClick={exportBundle} disabled={busy}>{t('exchange.export')}</button>
        </div>
      </section>

      <section aria-labelledby="exchange-import">
        <h2 id="exchange-import">{t('exchange.importHeading')}</h2>
        <BundleImport />
      </section>

      <section aria-labelledby="exchange-conflicts">
        <h2 id="exchange-conflicts">{t('exchange.fromOthers')}</h2>
        {open.length === 0 ? <p className="muted">{t('exchange.noConflicts')}</p> : null}
        {open.map((x) => (x.kind === 'conflict'
          ? <BundleConflict key={x.id} x={x} onError={setError} />
          : <TrashSuggestion key={x.id} x={x} onError={setError} />))}
      </section>
    </div>
  );
}

/**
 * Import a bundle: pick the file, see who signed it and what it would add, change and put in
 * conflict, accept a key not seen before, then merge. `onImported` gets the case id.
 */
export function BundleImport({ onImported }: { onImported?(caseId: string): void }) {
  const { t } = useTranslation('cases');
  const run = useCaller();
  const canExchange = useCan('cases.exchange');
  const [preview, setPreview] = useState<{ file: string; p: Preview } | null>(null);
  const [checked, setChecked] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = (fn: () => Promise<void>) => {
    setError(null);
    setNote(null);
    setBusy(true);
    fn().catch((err: unknown) => setError(toApiError(err))).finally(() => setBusy(false));
  };
  const choose = () => act(async () => {
    const file = await pickBundle();
    if (!file) return;
    setChecked(false);
    setPreview({ file, p: await run('exchange.inspectBundle', { file }) });
  });
  const doImport = (file: string, p: Preview) => act(async () => {
    const r = await run('exchange.importBundle', { file, trustKey: p.signer.trust === 'new' });
    setPreview(null);
    const k = r.counts;
    setNote(t('exchange.imported', { desk: r.signer.deskName, added: k.added, updated: k.updated, conflicts: k.conflicts, trash: k.trashSuggestions }));
    onImported?.(r.caseId);
  });
  return (
    <div className="bundle-import">
      <p className="muted">{t('exchange.importIntro')}</p>
      <ErrorNote message={error?.message} />
      {note ? <p className="notice" role="status">{note}</p> : null}
      <button type="button" onClick={choose} disabled={busy || !canExchange.allowed} title={canExchange.reason ?? undefined}>{t('exchange.import')}</button>
      {preview ? <ImportPreview p={preview.p} checked={checked} onCheck={setChecked} busy={busy}
        onImport={() => doImport(preview.file, preview.p)} onCancel={() => setPreview(null)} /> : null}
    </div>
  );
}

function ImportPreview({ p, checked, onCheck, busy, onImport, onCancel }: {
  p: Preview; checked: boolean; busy: boolean; onCheck(v: boolean): void; onImport(): void; onCancel(): void;
}) {
  const { t } = useTranslation('cases');
  const of = (a: string) => p.changes.filter((x) => x.action === a);
  const groups: [string, typeof p.changes][] = [
    [t('exchange.group.add'), of('add')], [t('exchange.group.update'), of('update')], [t('exchange.group.conflict'), of('conflict')],
    [t('exchange.group.trash'), p.changes.filter((x) => x.trashSuggested)],
  ];
  const newKey = p.signer.trust === 'new';
  return (
    <section className="import-preview" aria-label={t('exchange.preview')}>
      <p>
        <Trans t={t} i18nKey="exchange.summary" values={{ title: p.caseTitle, marking: MARKING_LABELS[p.marking], date: p.createdAt.slice(0, 10), by: p.exportedBy }} components={{ b: <B /> }} />{' '}
        <Trans t={t} i18nKey="exchange.signed" values={{ desk: p.signer.deskName, fingerprint: p.signer.fingerprint }} components={{ b: <B />, code: <code /> }} />
        {t(p.signer.trust === 'own' ? 'exchange.trust.own' : p.signer.trust === 'known' ? 'exchange.trust.known' : 'exchange.trust.new')}
      </p>
      {p.alreadyImported ? <p className="muted">{t('exchange.importedBefore')}</p> : null}
      {groups.map(([title, items]) => (items.length ? (
        <div key={title}>
          <h3>{t('exchange.groupCount', { title, n: items.length })}</h3>
          <ul className="preview-list">
            {items.slice(0, 200).map((x) => <li key={`${x.recordType}:${x.id}`}>{t('exchange.item', { type: x.recordType })}<span dir="auto">{x.title}</span></li>)}
          </ul>
        </div>
      ) : null))}
      {p.leftOut.length ? <p className="muted">{t('exchange.dropped', { count: p.leftOut.length })}</p> : null}
      {newKey ? (
        <label className="check">
          <input type="checkbox" checked={checked} onChange={(e) => onCheck(e.target.checked)} />
          {t('exchange.checked')}
        </label>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onImport} disabled={busy || (newKey && !checked)}>{t('exchange.doImport')}</button>
        <button type="button" className="quiet" onClick={onCancel}>{t('exchange.cancel')}</button>
      </div>
    </section>
  );
}

function BundleConflict({ x, onError }: { x: ExchangeConflict; onError(e: ApiError): void }) {
  const { t } = useTranslation('cases');
  const run = useCaller();
  const mine = (x.mine ?? {}) as Rec;
  const theirs = x.theirs as Rec;
  const fields: ConflictField[] = Object.keys({ ...mine, ...theirs }).filter((k) => !NOT_MERGED.has(k))
    .map((key) => ({ key, label: label(key), text: typeof mine[key] === 'string' || typeof theirs[key] === 'string' }));
  const view: DraftView = {
    key: x.id, method: 'exchange.resolve', author: '', parked: false, base: theirs, draft: {}, value: mine, dirty: false, held: [], flags: new Set(),
    state: { kind: 'conflict', theirs, error: new ApiError({ code: 'conflict', message: t('exchange.changedBoth') }) },
  };
  const resolve = (resolution: 'mine' | 'theirs' | 'merged', record?: Record<string, unknown>) =>
    run('exchange.resolve', { id: x.id, resolution, rev: Number(mine.rev), ...(record ? { record } : {}) }).catch((e: unknown) => onError(toApiError(e)));
  return (
    <div className="bundle-conflict" data-record={x.recordId}>
      <ConflictView
        view={view} fields={fields}
        words={{
          heading: <Trans t={t} i18nKey="exchange.conflictHeading" values={{ type: x.recordType, title: x.title }} components={{ b: <B /> }} />,
          intro: x.originFingerprint
            ? <Trans t={t} i18nKey="exchange.conflictIntroKey" values={{ desk: x.originDeskName, fingerprint: x.originFingerprint }} components={{ b: <B />, code: <code /> }} />
            : <Trans t={t} i18nKey="exchange.conflictIntro" values={{ desk: x.originDeskName }} components={{ b: <B /> }} />,
          mine: t('exchange.mine'), theirs: t('exchange.theirs'),
        }}
        onKeepMine={() => void resolve('mine')} onTakeTheirs={() => void resolve('theirs')} onMerge={(values) => void resolve('merged', values)}
      />
    </div>
  );
}

function TrashSuggestion({ x, onError }: { x: ExchangeConflict; onError(e: ApiError): void }) {
  const { t } = useTranslation('cases');
  const run = useCaller();
  const rev = Number((x.mine as Rec | null)?.rev ?? 0);
  const resolve = (resolution: 'trashed' | 'kept') => run('exchange.resolve', { id: x.id, resolution, rev }).catch((e: unknown) => onError(toApiError(e)));
  return (
    <div className="trash-suggestion" role="group" aria-label={t('exchange.suggestionAria', { title: x.title })}>
      <p><Trans t={t} i18nKey="exchange.suggestion" values={{ desk: x.originDeskName, type: x.recordType, title: x.title }} components={{ b: <B /> }} /></p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void resolve('trashed')}>{t('exchange.trashHere')}</button>
        <button type="button" className="quiet" onClick={() => void resolve('kept')}>{t('exchange.keep')}</button>
      </div>
    </div>
  );
}
