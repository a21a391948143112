import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { MarkingBanner } from '../../components/Badges';
import { ConflictView } from '../../components/ConflictView';
import type { ConflictField } from '../../components/ConflictView';
import { ExternalUrl } from '../../components/ExternalUrl';
import { PivotLink } from '../../components/PivotLink';
import { OthersDrafts } from '../../components/ParkedEdits';
import { MarkingField } from '../../components/MarkingField';
import { ErrorNote, ReadOnlyFields, SelectField, TextAreaField, TextField, options } from '../../components/Field';
import { Loading, Page } from '../../components/Page';
import { SaveStatus } from '../../components/SaveStatus';
import { fieldMessage } from '../../components/errors';
import { formatStamp } from '../../components/format';
import { CREDIBILITY_LABELS, RELIABILITY_LABELS, SOURCE_KIND_LABELS, type SourceKind } from '../../components/labels';
import type { Rec } from '../../data/drafts';
import { useProfiles } from '../../data/lookups';
import { useCan } from '../../data/permissions';
import { useApiQuery } from '../../data/query';
import { useDraft } from '../../data/useDraft';
import { useTrash } from '../../data/useTrash';
import { Link, navigate, paths } from '../../app/router';
import { InCases } from '../../components/InCases';
import { StatementTitle } from '../../components/StatementTitle';
import { NotesPanel } from '../notes';
import { Attachments } from './Attachments';
import { gradeOf } from './grade';
import { SOURCE_KIND } from './kind';
import { isolate } from '../../../../shared/text/isolate';
import { B } from '../../components/text';

type Reliability = keyof typeof RELIABILITY_LABELS;
type Credibility = keyof typeof CREDIBILITY_LABELS;

const FIELDS: ConflictField[] = [
  { key: 'title', label: 'Title', text: true }, { key: 'kind', label: 'Kind' }, { key: 'author', label: 'Author', text: true },
  { key: 'publisher', label: 'Publisher', text: true }, { key: 'url', label: 'URL', text: true }, { key: 'publishedAt', label: 'Published' },
  { key: 'accessedAt', label: 'Accessed' }, { key: 'reliability', label: 'Reliability' }, { key: 'credibility', label: 'Credibility' },
  { key: 'gradeRationale', label: 'Rationale', text: true }, { key: 'notes', label: 'Notes', text: true }, { key: 'marking', label: 'Marking' },
];

export function SourcePage({ id }: { id: string }) {
  const q = useApiQuery('sources.get', { id });
  if (q.error) return <Page title="Source"><ErrorNote message={q.error.message} /></Page>;
  if (!q.data) return <Page title="Source"><Loading what="the source" /></Page>;
  return <SourceView source={q.data} />;
}

/** datetime-local speaks local time without a zone; the record keeps UTC with its offset. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
function fromLocalInput(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function SourceView({ source }: { source: Source }) {
  const { t } = useTranslation('sources');
  const draft = useDraft(SOURCE_KIND, source as unknown as Rec & Source);
  const s = draft.view.value as unknown as Source;
  const err = draft.view.state.kind === 'error' ? draft.view.state.error : null;
  const profiles = useProfiles();
  const trashRecord = useTrash();
  const [error, setError] = useState<ApiError | null>(null);
  const trashed = !!source.deletedAt;
  const canEdit = useCan('sources.edit');
  const canTrash = useCan('sources.trash');
  const edit = (patch: Partial<Source>, now = false) => void draft.edit(patch, { now });

  const trash = async () => {
    setError(null);
    try {
      await trashRecord(SOURCE_KIND, source as unknown as Rec, 'sources.trash', `“${isolate(source.title)}”`);
      navigate(paths.sources());
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <Page
      before={<MarkingBanner marking={s.marking} />}
      title={<B>{s.title}</B>}
      actions={
        <>
          {s.reliability || s.credibility ? <span className="grade-badge" title="Admiralty grade">{gradeOf(s)}</span> : <span className="muted small">Not graded</span>}
          {canEdit.allowed || draft.view.dirty ? <SaveStatus view={draft.view} onRetry={() => void draft.flush()} /> : null}
          <button type="button" className="danger" onClick={() => void trash()} disabled={trashed || !canTrash.allowed} title={canTrash.reason ?? undefined}>Move to trash</button>
        </>
      }
    >
      {trashed ? <p className="notice" role="note">This source is in the trash.</p> : null}
      <ErrorNote message={error?.message} />
      {draft.view.state.kind === 'conflict' ? (
        <ConflictView view={draft.view} fields={FIELDS} onKeepMine={() => void draft.keepMine()} onTakeTheirs={() => void draft.takeTheirs()} onMerge={(m) => void draft.merge(m)} />
      ) : null}
      <OthersDrafts kind={SOURCE_KIND} id={source.id} labels={FIELDS} />
      <div className="columns">
        <div>
          <fieldset className="bare" disabled={trashed}>
            <ReadOnlyFields can={trashed ? { allowed: true, reason: null } : canEdit}>
            <section className="panel" aria-labelledby="src-details-h">
              <h2 id="src-details-h">Details</h2>
              <TextField label="Title" value={s.title} onChange={(e) => edit({ title: e.target.value })} onBlur={() => void draft.flush()} error={fieldMessage(err, 'title')} />
              <div className="field-row">
                <SelectField label="Kind" value={s.kind} options={options(SOURCE_KIND_LABELS)} onChange={(e) => edit({ kind: e.target.value as SourceKind }, true)} error={fieldMessage(err, 'kind')} />
                <MarkingField value={s.marking} saved={source.marking} edit="sources.edit" onChange={(marking) => edit({ marking }, true)} error={fieldMessage(err, 'marking')} />
              </div>
              <div className="field-row">
                <TextField label="Author" value={s.author ?? ''} onChange={(e) => edit({ author: e.target.value || null })} error={fieldMessage(err, 'author')} />
                <TextField label="Publisher" value={s.publisher ?? ''} onChange={(e) => edit({ publisher: e.target.value || null })} error={fieldMessage(err, 'publisher')} />
              </div>
              <TextField label="URL" hint="Kept as text; Casefile never loads it." dir="ltr" value={s.url ?? ''} onChange={(e) => edit({ url: e.target.value || null })} error={fieldMessage(err, 'url')} />
              {s.url ? <ExternalUrl url={s.url} /> : null}
              {s.url?.trim() ? <p className="pivots"><PivotLink kind="url" value={s.url}>{t('pivot.url')}</PivotLink></p> : null}
              <div className="field-row">
                <TextField label="Published" hint="2023, 2023-11 or 2023-11-01" value={s.publishedAt ?? ''} onChange={(e) => edit({ publishedAt: e.target.value || null })} error={fieldMessage(err, 'publishedAt')} />
                <TextField label="Accessed or captured" type="datetime-local" value={toLocalInput(s.accessedAt)} onChange={(e) => edit({ accessedAt: fromLocalInput(e.target.value) })} error={fieldMessage(err, 'accessedAt')} />
              </div>
              <p className="muted small">
                Captured by <B>{profiles.name(s.capturedBy ?? source.createdBy)}</B> · added {formatStamp(source.createdAt)}
              </p>
            </section>
            <section className="panel" aria-labelledby="src-grade-h">
              <h2 id="src-grade-h">Admiralty grade</h2>
              <div className="field-row">
                <SelectField label="Reliability of the source" value={s.reliability ?? ''} options={[{ value: '', label: 'Not graded' }, ...Object.entries(RELIABILITY_LABELS).map(([value, label]) => ({ value, label }))]} onChange={(e) => edit({ reliability: (e.target.value || null) as Reliability | null }, true)} error={fieldMessage(err, 'reliability')} />
                <SelectField label="Credibility of the information" value={s.credibility ?? ''} options={[{ value: '', label: 'Not graded' }, ...Object.entries(CREDIBILITY_LABELS).map(([value, label]) => ({ value, label }))]} onChange={(e) => edit({ credibility: (e.target.value || null) as Credibility | null }, true)} error={fieldMessage(err, 'credibility')} />
              </div>
              <TextAreaField label="Rationale" rows={3} value={s.gradeRationale} onChange={(e) => edit({ gradeRationale: e.target.value })} error={fieldMessage(err, 'gradeRationale')} />
              <TextAreaField label="Notes on the source" rows={3} value={s.notes} onChange={(e) => edit({ notes: e.target.value })} error={fieldMessage(err, 'notes')} />
            </section>
            </ReadOnlyFields>
          </fieldset>
          <Attachments ownerType="source" ownerId={source.id} disabled={trashed} offer={{ current: { url: s.url, accessedAt: s.accessedAt }, use: (patch) => edit(patch, true), disabled: trashed || !canEdit.allowed }} />
        </div>
        <div>
          <InCases itemType="source" itemId={source.id} disabled={trashed} />
          <WhereCited sourceId={source.id} />
          <NotesPanel targetType="source" targetId={source.id} />
        </div>
      </div>
    </Page>
  );
}

function WhereCited({ sourceId }: { sourceId: string }) {
  const q = useApiQuery('citations.list', { sourceId });
  const items = q.data ?? [];
  return (
    <section className="panel" aria-labelledby="cited-h">
      <h2 id="cited-h">Where it is cited</h2>
      <ErrorNote message={q.error?.message} />
      {q.data && items.length === 0 ? <p className="muted">Not cited yet.</p> : null}
      <ul className="plain-list">
        {items.map((c) => (
          <li key={c.id}>
            {c.citingType === 'statement' ? <Link to={paths.statement(c.citingId)}><StatementTitle id={c.citingId} /></Link> : <span>Report <CitingReport id={c.citingId} /></span>}
            <span className="muted small"> · footnote {c.position + 1}{c.locator ? <> · <B>{c.locator}</B></> : null}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CitingReport({ id }: { id: string }) {
  const q = useApiQuery('reports.get', { id }, { staleTime: 30_000 });
  return <B>{q.data?.headline ?? ''}</B>;
}
