// The case's exchange with other desks: export a signed bundle, import one after a preview of
// what it adds, changes and puts in conflict, and settle what bundles left in conflict with the
// same conflict view a stale save gets.
import { useState } from 'react';
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
    const left = out.leftOut.length ? ` ${out.leftOut.length} more restricted record(s) were left out.` : '';
    setNote(saved ? `Bundle saved (${out.fileName}, marked ${MARKING_LABELS[out.marking]}).${left}` : 'The bundle was not saved.');
  });

  const open = (conflicts.data ?? []).filter((x) => !x.resolvedAt);
  return (
    <div className="case-exchange">
      <ErrorNote message={error?.message} />
      {note ? <p className="notice" role="status">{note}</p> : null}

      <section aria-labelledby="exchange-export">
        <h2 id="exchange-export">Export a case bundle</h2>
        <p className="muted">A signed file of this case, its records, translations, notes, audit entries and attachments, to take to another desk.</p>
        <div className="actions">
          <label className="inline-field">
            <span>Marking</span>
            <select value={marking} onChange={(e) => setMarking(e.target.value as Marking)}>
              {MARKINGS.map((m) => <option key={m} value={m}>{MARKING_LABELS[m]}</option>)}
            </select>
          </label>
          <button type="button" onClick={exportBundle} disabled={busy}>Export bundle…</button>
        </div>
      </section>

      <section aria-labelledby="exchange-import">
        <h2 id="exchange-import">Import a case bundle</h2>
        <BundleImport />
      </section>

      <section aria-labelledby="exchange-conflicts">
        <h2 id="exchange-conflicts">From other desks</h2>
        {open.length === 0 ? <p className="muted">No conflicts or trash suggestions from imported bundles.</p> : null}
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
    setNote(`Imported from ${r.signer.deskName}: ${k.added} added, ${k.updated} updated, ${k.conflicts} in conflict, ${k.trashSuggestions} trash suggestion(s).`);
    onImported?.(r.caseId);
  });
  return (
    <div className="bundle-import">
      <p className="muted">Merges a bundle into this desk: nothing here is replaced; what changed on both desks is kept twice, as a conflict.</p>
      <ErrorNote message={error?.message} />
      {note ? <p className="notice" role="status">{note}</p> : null}
      <button type="button" onClick={choose} disabled={busy || !canExchange.allowed} title={canExchange.reason ?? undefined}>Import bundle…</button>
      {preview ? <ImportPreview p={preview.p} checked={checked} onCheck={setChecked} busy={busy}
        onImport={() => doImport(preview.file, preview.p)} onCancel={() => setPreview(null)} /> : null}
    </div>
  );
}

function ImportPreview({ p, checked, onCheck, busy, onImport, onCancel }: {
  p: Preview; checked: boolean; busy: boolean; onCheck(v: boolean): void; onImport(): void; onCancel(): void;
}) {
  const of = (a: string) => p.changes.filter((x) => x.action === a);
  const groups: [string, typeof p.changes][] = [
    ['New here', of('add')], ['Updated from theirs', of('update')], ['Changed on both desks (conflicts)', of('conflict')],
    ['Moved to the trash there (suggestions)', p.changes.filter((x) => x.trashSuggested)],
  ];
  const newKey = p.signer.trust === 'new';
  return (
    <section className="import-preview" aria-label="Import preview">
      <p>
        Case <B>{p.caseTitle}</B>, marked {MARKING_LABELS[p.marking]}, exported {p.createdAt.slice(0, 10)} by <B>{p.exportedBy}</B>.
        Signed by desk <B>{p.signer.deskName}</B>, key <code>{p.signer.fingerprint}</code>
        {p.signer.trust === 'own' ? ' (this desk).' : p.signer.trust === 'known' ? ' (accepted before).' : ' (not seen before).'}
      </p>
      {p.alreadyImported ? <p className="muted">This bundle was imported before.</p> : null}
      {groups.map(([title, items]) => (items.length ? (
        <div key={title}>
          <h3>{title} ({items.length})</h3>
          <ul className="preview-list">
            {items.slice(0, 200).map((x) => <li key={`${x.recordType}:${x.id}`}>{x.recordType}: <span dir="auto">{x.title}</span></li>)}
          </ul>
        </div>
      ) : null))}
      {p.leftOut.length ? <p className="muted">{p.leftOut.length} record(s) were left out of the bundle by their marking.</p> : null}
      {newKey ? (
        <label className="check">
          <input type="checkbox" checked={checked} onChange={(e) => onCheck(e.target.checked)} />
          I have checked this fingerprint with that desk; trust its key from now on
        </label>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onImport} disabled={busy || (newKey && !checked)}>Import</button>
        <button type="button" className="quiet" onClick={onCancel}>Cancel</button>
      </div>
    </section>
  );
}

function BundleConflict({ x, onError }: { x: ExchangeConflict; onError(e: ApiError): void }) {
  const run = useCaller();
  const mine = (x.mine ?? {}) as Rec;
  const theirs = x.theirs as Rec;
  const fields: ConflictField[] = Object.keys({ ...mine, ...theirs }).filter((k) => !NOT_MERGED.has(k))
    .map((key) => ({ key, label: label(key), text: typeof mine[key] === 'string' || typeof theirs[key] === 'string' }));
  const view: DraftView = {
    key: x.id, method: 'exchange.resolve', author: '', parked: false, base: theirs, draft: {}, value: mine, dirty: false, held: [], flags: new Set(),
    state: { kind: 'conflict', theirs, error: new ApiError({ code: 'conflict', message: 'Changed on both desks' }) },
  };
  const resolve = (resolution: 'mine' | 'theirs' | 'merged', record?: Record<string, unknown>) =>
    run('exchange.resolve', { id: x.id, resolution, rev: Number(mine.rev), ...(record ? { record } : {}) }).catch((e: unknown) => onError(toApiError(e)));
  return (
    <div className="bundle-conflict" data-record={x.recordId}>
      <ConflictView
        view={view} fields={fields}
        words={{
          heading: <>The {x.recordType} <B>{x.title}</B> was changed on both desks</>,
          intro: <>Desk <B>{x.originDeskName}</B>{x.originFingerprint ? <> (key <code>{x.originFingerprint}</code>)</> : null} changed it too. This desk&apos;s version is kept until you choose; nothing else waits on this.</>,
          mine: 'This desk', theirs: 'Other desk',
        }}
        onKeepMine={() => void resolve('mine')} onTakeTheirs={() => void resolve('theirs')} onMerge={(values) => void resolve('merged', values)}
      />
    </div>
  );
}

function TrashSuggestion({ x, onError }: { x: ExchangeConflict; onError(e: ApiError): void }) {
  const run = useCaller();
  const rev = Number((x.mine as Rec | null)?.rev ?? 0);
  const resolve = (resolution: 'trashed' | 'kept') => run('exchange.resolve', { id: x.id, resolution, rev }).catch((e: unknown) => onError(toApiError(e)));
  return (
    <div className="trash-suggestion" role="group" aria-label={`Trash suggestion: ${x.title}`}>
      <p>Desk <B>{x.originDeskName}</B> moved the {x.recordType} <B>{x.title}</B> to its trash. It stays here unless you move it too.</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void resolve('trashed')}>Move to trash here</button>
        <button type="button" className="quiet" onClick={() => void resolve('kept')}>Keep it</button>
      </div>
    </div>
  );
}
