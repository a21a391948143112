import { useEffect, useMemo, useState } from 'react';
import type { DatePrecision, Statement } from '../../../../shared/domain';
import { detectLanguage } from '../../../../shared/text/language';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { MarkingBanner } from '../../components/Badges';
import { ConflictView } from '../../components/ConflictView';
import type { ConflictField } from '../../components/ConflictView';
import { ExternalUrl } from '../../components/ExternalUrl';
import { OthersDrafts } from '../../components/ParkedEdits';
import { MarkingField } from '../../components/MarkingField';
import { B, WithControls } from '../../components/text';
import { ErrorNote, ReadOnlyFields, ReadOnlyNote, SelectField, TextAreaField, TextField, options } from '../../components/Field';
import { Loading, Page } from '../../components/Page';
import { SaveStatus } from '../../components/SaveStatus';
import { fieldMessage } from '../../components/errors';
import { formatHijri, formatStamp, precisionOf } from '../../components/format';
import { CREDIBILITY_LABELS, LANGUAGES, PRECISION_LABELS, RELIABILITY_LABELS, languageLabel } from '../../components/labels';
import type { Rec } from '../../data/drafts';
import { useCan } from '../../data/permissions';
import { useApiQuery } from '../../data/query';
import { useDraft } from '../../data/useDraft';
import { useTrash } from '../../data/useTrash';
import { navigate, paths } from '../../app/router';
import { ActorPicker, useActorNames } from '../actors';
import { InCases } from '../../components/InCases';
import { NotesPanel } from '../notes';
import { TranslationPane } from '../translations';
import { Attachments } from '../sources';
import { Citations } from './Citations';
import { Entities } from './Entities';
import { PivotLink } from '../../components/PivotLink';
import { STATEMENT_KIND } from './kind';
import { OriginalText } from './OriginalText';
import { RelatedStatements } from './Related';
import { statementTitle } from '../../../../shared/domain';

// Pivots beside the fields: the search for every record that shares the value.
const pivotText = {
  bySpeaker: 'Everything by this speaker',
  byOrganization: 'Everything on behalf of this organization',
  handle: 'Everything posted by or mentioning this handle',
  url: 'Everything linking this address',
};

export function StatementPage({ id }: { id: string }) {
  const q = useApiQuery('statements.get', { id });
  if (q.error) return <Page title="Statement"><ErrorNote message={q.error.message} /></Page>;
  if (!q.data) return <Page title="Statement"><Loading what="the statement" /></Page>;
  return <StatementEditor statement={q.data} />;
}

type Reliability = keyof typeof RELIABILITY_LABELS;
type Credibility = keyof typeof CREDIBILITY_LABELS;

export function StatementEditor({ statement }: { statement: Statement }) {
  const draft = useDraft(STATEMENT_KIND, statement as unknown as Rec & Statement);
  const s = draft.view.value as unknown as Statement;
  const err = draft.view.state.kind === 'error' ? draft.view.state.error : null;
  const [inspect, setInspect] = useState(false);
  const actors = useActorNames();
  const trashed = !!statement.deletedAt;
  const canEdit = useCan('statements.edit');
  const edit = (patch: Partial<Statement>, now = false) => void draft.edit(patch, { now });

  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'i') { e.preventDefault(); setInspect((x) => !x); }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);

  const fields: ConflictField[] = [
    { key: 'originalText', label: 'Original', text: true }, { key: 'publishedWording', label: 'Published wording', text: true },
    { key: 'summary', label: 'Summary', text: true }, { key: 'speakerId', label: 'Speaker', show: (v) => actors.name(v as string | null) },
    { key: 'onBehalfOfId', label: 'On behalf of', show: (v) => actors.name(v as string | null) }, { key: 'saidAt', label: 'Date' },
    { key: 'datePrecision', label: 'Date precision' }, { key: 'timezone', label: 'Time zone' }, { key: 'platform', label: 'Platform', text: true },
    { key: 'handle', label: 'Handle', text: true }, { key: 'url', label: 'URL', text: true }, { key: 'language', label: 'Language' },
    { key: 'publishedWordingLanguage', label: 'Wording language' }, { key: 'reliability', label: 'Reliability' },
    { key: 'credibility', label: 'Credibility' }, { key: 'marking', label: 'Marking' },
  ];

  const suggestedLanguage = useMemo(() => detectLanguage(s.originalText), [s.originalText]);
  const dateHint = s.saidAt ? formatHijri(s.saidAt, s.datePrecision) : '';
  const saidAtError = fieldMessage(err, 'saidAt') ?? (draft.view.held.includes('saidAt') ? 'Use a date like 2023, 2023-11, 2023-11-01 or 2023-11-01T14:30Z.' : null);

  return (
    <Page
      className="statement-page"
      before={<MarkingBanner marking={s.marking} />}
      title={<B>{statementTitle(s)}</B>}
      actions={
        <>
          {canEdit.allowed || draft.view.dirty ? <SaveStatus view={draft.view} onRetry={() => void draft.flush()} /> : null}
          <button type="button" className="secondary" aria-pressed={inspect} onClick={() => setInspect((x) => !x)} aria-keyshortcuts="Control+I">
            Inspect
          </button>
          <TrashStatement statement={statement} />
        </>
      }
    >
      {trashed ? <p className="notice" role="note">This statement is in the trash. Restore it from the Trash to change it.</p> : null}
      {!trashed && !canEdit.allowed && canEdit.reason ? <ReadOnlyNote reason={canEdit.reason} /> : null}
      {draft.view.state.kind === 'conflict' ? (
        <ConflictView
          view={draft.view} fields={fields} onKeepMine={() => void draft.keepMine()} onTakeTheirs={() => void draft.takeTheirs()}
          onMerge={(m) => void draft.merge(m)}
        />
      ) : null}
      <OthersDrafts kind={STATEMENT_KIND} id={statement.id} labels={fields} />
      <div className="editor-grid">
        <fieldset className="bare editor-main" disabled={trashed} aria-label="Statement text">
          <ReadOnlyFields can={canEdit} note={false}>
          <section className="panel" aria-labelledby="st-text-h">
            <h2 id="st-text-h">Text</h2>
            <OriginalText draft={draft} inspect={inspect} error={fieldMessage(err, 'originalText') ?? fieldMessage(err, 'originalStatus')} />
            {s.originalText == null ? (
              <div className="field-row">
                <TextAreaField
                  className="grow" label="Published wording" hint="When the original was not captured: the wording as published elsewhere (e.g. an English quotation)."
                  rows={4} value={s.publishedWording ?? ''} onChange={(e) => edit({ publishedWording: e.target.value || null })}
                  error={fieldMessage(err, 'publishedWording')}
                />
                <LanguageField label="Wording language" value={s.publishedWordingLanguage} onChange={(v) => edit({ publishedWordingLanguage: v })} error={fieldMessage(err, 'publishedWordingLanguage')} />
              </div>
            ) : null}
            {inspect && s.publishedWording ? (
              <div className="inspect-view" role="region" aria-label="Published wording with hidden characters shown" dir="auto"><WithControls text={s.publishedWording} /></div>
            ) : null}
            <Entities texts={[s.originalText, s.publishedWording]} />
            <TextAreaField label="Summary" rows={3} value={s.summary} onChange={(e) => edit({ summary: e.target.value })} onBlur={() => void draft.flush()} error={fieldMessage(err, 'summary')} />
          </section>
          </ReadOnlyFields>
          <TranslationPane statement={statement} />
          <Citations statementId={statement.id} disabled={trashed} />
          <Attachments ownerType="statement" ownerId={statement.id} disabled={trashed} />
          <InCases itemType="statement" itemId={statement.id} disabled={trashed} />
          <RelatedStatements statementId={statement.id} disabled={trashed} />
          <NotesPanel targetType="statement" targetId={statement.id} />
        </fieldset>
        <fieldset className="bare editor-side" disabled={trashed} aria-label="Statement details">
          <ReadOnlyFields can={canEdit} note={false}>
          <section className="panel" aria-labelledby="st-who-h">
            <h2 id="st-who-h">Who</h2>
            <ActorPicker label="Speaker" value={s.speakerId} onChange={(v) => edit({ speakerId: v }, true)} error={fieldMessage(err, 'speakerId')} />
            <ActorPicker label="On behalf of (organization)" value={s.onBehalfOfId} onChange={(v) => edit({ onBehalfOfId: v }, true)} error={fieldMessage(err, 'onBehalfOfId')} />
            {s.speakerId || s.onBehalfOfId ? (
              <p className="pivots">
                {s.speakerId ? <PivotLink kind="speaker" value={s.speakerId}>{pivotText.bySpeaker}</PivotLink> : null}
                {s.onBehalfOfId ? <PivotLink kind="speaker" value={s.onBehalfOfId}>{pivotText.byOrganization}</PivotLink> : null}
              </p>
            ) : null}
          </section>
          <section className="panel" aria-labelledby="st-when-h">
            <h2 id="st-when-h">When and where</h2>
            <TextField
              label="Date" value={s.saidAt ?? ''} hint={dateHint ? `Hijri: ${dateHint}` : '2023, 2023-11, 2023-11-01 or 2023-11-01T14:30Z'}
              onChange={(e) => { const v = e.target.value; edit({ saidAt: v || null, ...(v && /^\d{4}(-\d{2}){0,2}(T.*)?$/.test(v) ? { datePrecision: precisionOf(v) } : {}) }); }}
              error={saidAtError}
            />
            <div className="field-row">
              <SelectField label="Date precision" value={s.datePrecision} options={options(PRECISION_LABELS)} onChange={(e) => edit({ datePrecision: e.target.value as DatePrecision }, true)} error={fieldMessage(err, 'datePrecision')} />
              <TextField label="Time zone" value={s.timezone ?? ''} placeholder="Asia/Baghdad" onChange={(e) => edit({ timezone: e.target.value || null })} error={fieldMessage(err, 'timezone')} />
            </div>
            <TextField label="Platform" value={s.platform ?? ''} list="platforms" onChange={(e) => edit({ platform: e.target.value || null })} error={fieldMessage(err, 'platform')} />
            <datalist id="platforms">{['X', 'Telegram', 'YouTube', 'Facebook', 'Instagram', 'TikTok', 'Website', 'Television', 'Radio'].map((p) => <option key={p} value={p} />)}</datalist>
            <TextField label="Account or handle" value={s.handle ?? ''} onChange={(e) => edit({ handle: e.target.value || null })} error={fieldMessage(err, 'handle')} />
            {s.handle?.replace(/^@+/, '').trim() ? <p className="pivots"><PivotLink kind="mention" value={s.handle}>{pivotText.handle}</PivotLink></p> : null}
            <TextField label="URL" hint="Kept as text and never loaded." value={s.url ?? ''} dir="ltr" onChange={(e) => edit({ url: e.target.value || null })} error={fieldMessage(err, 'url')} />
            {s.url ? <ExternalUrl url={s.url} /> : null}
            {s.url?.trim() ? <p className="pivots"><PivotLink kind="url" value={s.url}>{pivotText.url}</PivotLink></p> : null}
            <LanguageField
              label="Language of the original" value={s.language} onChange={(v) => edit({ language: v })} error={fieldMessage(err, 'language')}
              suggested={suggestedLanguage}
            />
          </section>
          <section className="panel" aria-labelledby="st-grade-h">
            <h2 id="st-grade-h">Grade and marking</h2>
            <SelectField label="Reliability of the source" value={s.reliability ?? ''} options={[{ value: '', label: 'Not graded' }, ...Object.entries(RELIABILITY_LABELS).map(([value, label]) => ({ value, label }))]} onChange={(e) => edit({ reliability: (e.target.value || null) as Reliability | null }, true)} error={fieldMessage(err, 'reliability')} />
            <SelectField label="Credibility of the information" value={s.credibility ?? ''} options={[{ value: '', label: 'Not graded' }, ...Object.entries(CREDIBILITY_LABELS).map(([value, label]) => ({ value, label }))]} onChange={(e) => edit({ credibility: (e.target.value || null) as Credibility | null }, true)} error={fieldMessage(err, 'credibility')} />
            <MarkingField value={s.marking} saved={statement.marking} edit="statements.edit" onChange={(marking) => edit({ marking }, true)} error={fieldMessage(err, 'marking')} />
          </section>
          <p className="muted small">Captured {formatStamp(statement.createdAt)} · revision {draft.view.base.rev}</p>
          </ReadOnlyFields>
        </fieldset>
      </div>
    </Page>
  );
}

/** `suggested`: the language the original's script says (shared/text/language.ts), offered while none is set. */
function LanguageField({ label, value, onChange, error, suggested = null }: {
  label: string; value: string | null; onChange(v: string | null): void; error: string | null; suggested?: string | null;
}) {
  const known = LANGUAGES.some((l) => l.tag === value);
  const hint = !suggested ? null : value === suggested
    ? 'Recognised from the script of the original; change it if it is wrong.'
    : value === null
      ? <>The original looks {languageLabel(suggested)}. <button type="button" className="quiet small" onClick={() => onChange(suggested)}>Set {languageLabel(suggested)}</button></>
      : null;
  return (
    <SelectField
      label={label} value={value ?? ''} error={error} hint={hint}
      options={[{ value: '', label: 'Unknown' }, ...LANGUAGES.map((l) => ({ value: l.tag, label: l.label })), ...(value && !known ? [{ value, label: value }] : [])]}
      onChange={(e) => onChange(e.target.value || null)}
    />
  );
}

function TrashStatement({ statement }: { statement: Statement }) {
  const trashRecord = useTrash();
  const can = useCan('statements.trash');
  const [error, setError] = useState<ApiError | null>(null);
  const trash = async () => {
    setError(null);
    try {
      await trashRecord(STATEMENT_KIND, statement as unknown as Rec, 'statements.trash', 'the statement');
      if (window.history.length > 1) window.history.back(); else navigate(paths.cases());
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => void trash()} disabled={!!statement.deletedAt || !can.allowed} title={can.reason ?? undefined}>Move to trash</button>
      {error ? <ErrorNote message={error.message} /> : null}
    </>
  );
}
