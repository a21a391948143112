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
import { useTranslation } from 'react-i18next';

/** Suggestions for the platform field: stored values, the same whatever language the interface is in (search filters on them). */
const PLATFORMS = ['X', 'Telegram', 'YouTube', 'Facebook', 'Instagram', 'TikTok', 'Website', 'Television', 'Radio'];

// Pivots beside the fields: the search for every record that shares the value.
export function StatementPage({ id }: { id: string }) {
  const q = useApiQuery('statements.get', { id });
  const { t } = useTranslation('statements');
  if (q.error) return <Page title={t('statement')}><ErrorNote message={q.error.message} /></Page>;
  if (!q.data) return <Page title={t('statement')}><Loading what={t('loading')} /></Page>;
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
  const { t } = useTranslation('statements');

  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'i') { e.preventDefault(); setInspect((x) => !x); }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);

  const fields: ConflictField[] = [
    { key: 'originalText', label: t('field.original'), text: true }, { key: 'publishedWording', label: t('field.publishedWording'), text: true },
    { key: 'summary', label: t('field.summary'), text: true }, { key: 'speakerId', label: t('field.speaker'), show: (v) => actors.name(v as string | null) },
    { key: 'onBehalfOfId', label: t('field.onBehalfOf'), show: (v) => actors.name(v as string | null) }, { key: 'saidAt', label: t('field.date') },
    { key: 'datePrecision', label: t('field.datePrecision') }, { key: 'timezone', label: t('field.timezone') }, { key: 'platform', label: t('field.platform'), text: true },
    { key: 'handle', label: t('field.handle'), text: true }, { key: 'url', label: t('field.url'), text: true }, { key: 'language', label: t('field.language') },
    { key: 'publishedWordingLanguage', label: t('field.wordingLanguage') }, { key: 'reliability', label: t('field.reliability') },
    { key: 'credibility', label: t('field.credibility') }, { key: 'marking', label: t('field.marking') },
  ];

  const suggestedLanguage = useMemo(() => detectLanguage(s.originalText), [s.originalText]);
  const dateHint = s.saidAt ? formatHijri(s.saidAt, s.datePrecision) : '';
  const saidAtError = fieldMessage(err, 'saidAt') ?? (draft.view.held.includes('saidAt') ? t('dateFormat') : null);

  return (
    <Page
      className="statement-page"
      before={<MarkingBanner marking={s.marking} />}
      title={<B>{statementTitle(s)}</B>}
      actions={
        <>
          {canEdit.allowed || draft.view.dirty ? <SaveStatus view={draft.view} onRetry={() => void draft.flush()} /> : null}
          <button type="button" className="secondary" aria-pressed={inspect} onClick={() => setInspect((x) => !x)} aria-keyshortcuts="Control+I">
            {t('inspect')}
          </button>
          <TrashStatement statement={statement} />
        </>
      }
    >
      {trashed ? <p className="notice" role="note">{t('inTrash')}</p> : null}
      {!trashed && !canEdit.allowed && canEdit.reason ? <ReadOnlyNote reason={canEdit.reason} /> : null}
      {draft.view.state.kind === 'conflict' ? (
        <ConflictView
          view={draft.view} fields={fields} onKeepMine={() => void draft.keepMine()} onTakeTheirs={() => void draft.takeTheirs()}
          onMerge={(m) => void draft.merge(m)}
        />
      ) : null}
      <OthersDrafts kind={STATEMENT_KIND} id={statement.id} labels={fields} />
      <div className="editor-grid">
        <fieldset className="bare editor-main" disabled={trashed} aria-label={t('textGroup')}>
          <ReadOnlyFields can={canEdit} note={false}>
          <section className="panel" aria-labelledby="st-text-h">
            <h2 id="st-text-h">{t('text')}</h2>
            <OriginalText draft={draft} inspect={inspect} error={fieldMessage(err, 'originalText') ?? fieldMessage(err, 'originalStatus')} />
            {s.originalText == null ? (
              <div className="field-row">
                <TextAreaField
                  className="grow" label={t('field.publishedWording')} hint={t('publishedHint')}
                  rows={4} value={s.publishedWording ?? ''} onChange={(e) => edit({ publishedWording: e.target.value || null })}
                  error={fieldMessage(err, 'publishedWording')}
                />
                <LanguageField label={t('field.wordingLanguage')} value={s.publishedWordingLanguage} onChange={(v) => edit({ publishedWordingLanguage: v })} error={fieldMessage(err, 'publishedWordingLanguage')} />
              </div>
            ) : null}
            {inspect && s.publishedWording ? (
              <div className="inspect-view" role="region" aria-label={t('publishedInspect')} dir="auto"><WithControls text={s.publishedWording} /></div>
            ) : null}
            <Entities texts={[s.originalText, s.publishedWording]} />
            <TextAreaField label={t('field.summary')} rows={3} value={s.summary} onChange={(e) => edit({ summary: e.target.value })} onBlur={() => void draft.flush()} error={fieldMessage(err, 'summary')} />
          </section>
          </ReadOnlyFields>
          <TranslationPane statement={statement} />
          <Citations statementId={statement.id} disabled={trashed} />
          <Attachments ownerType="statement" ownerId={statement.id} disabled={trashed} />
          <InCases itemType="statement" itemId={statement.id} disabled={trashed} />
          <RelatedStatements statementId={statement.id} disabled={trashed} />
          <NotesPanel targetType="statement" targetId={statement.id} />
        </fieldset>
        <fieldset className="bare editor-side" disabled={trashed} aria-label={t('details')}>
          <ReadOnlyFields can={canEdit} note={false}>
          <section className="panel" aria-labelledby="st-who-h">
            <h2 id="st-who-h">{t('who')}</h2>
            <ActorPicker label={t('speaker')} value={s.speakerId} onChange={(v) => edit({ speakerId: v }, true)} error={fieldMessage(err, 'speakerId')} />
            <ActorPicker label={t('onBehalfOfOrg')} value={s.onBehalfOfId} onChange={(v) => edit({ onBehalfOfId: v }, true)} error={fieldMessage(err, 'onBehalfOfId')} />
            {s.speakerId || s.onBehalfOfId ? (
              <p className="pivots">
                {s.speakerId ? <PivotLink kind="speaker" value={s.speakerId}>{t('pivot.bySpeaker')}</PivotLink> : null}
                {s.onBehalfOfId ? <PivotLink kind="speaker" value={s.onBehalfOfId}>{t('pivot.byOrganization')}</PivotLink> : null}
              </p>
            ) : null}
          </section>
          <section className="panel" aria-labelledby="st-when-h">
            <h2 id="st-when-h">{t('whenWhere')}</h2>
            <TextField
              label={t('field.date')} value={s.saidAt ?? ''} hint={dateHint ? t('hijri', { date: dateHint }) : t('dateHint')}
              onChange={(e) => { const v = e.target.value; edit({ saidAt: v || null, ...(v && /^\d{4}(-\d{2}){0,2}(T.*)?$/.test(v) ? { datePrecision: precisionOf(v) } : {}) }); }}
              error={saidAtError}
            />
            <div className="field-row">
              <SelectField label={t('field.datePrecision')} value={s.datePrecision} options={options(PRECISION_LABELS)} onChange={(e) => edit({ datePrecision: e.target.value as DatePrecision }, true)} error={fieldMessage(err, 'datePrecision')} />
              <TextField label={t('field.timezone')} value={s.timezone ?? ''} placeholder={t('timezonePlaceholder')} onChange={(e) => edit({ timezone: e.target.value || null })} error={fieldMessage(err, 'timezone')} />
            </div>
            <TextField label={t('field.platform')} value={s.platform ?? ''} list="platforms" onChange={(e) => edit({ platform: e.target.value || null })} error={fieldMessage(err, 'platform')} />
            <datalist id="platforms">{PLATFORMS.map((p) => <option key={p} value={p} />)}</datalist>
            <TextField label={t('accountOrHandle')} value={s.handle ?? ''} onChange={(e) => edit({ handle: e.target.value || null })} error={fieldMessage(err, 'handle')} />
            {s.handle?.replace(/^@+/, '').trim() ? <p className="pivots"><PivotLink kind="mention" value={s.handle}>{t('pivot.handle')}</PivotLink></p> : null}
            <TextField label={t('field.url')} hint={t('urlHint')} value={s.url ?? ''} dir="ltr" onChange={(e) => edit({ url: e.target.value || null })} error={fieldMessage(err, 'url')} />
            {s.url ? <ExternalUrl url={s.url} /> : null}
            {s.url?.trim() ? <p className="pivots"><PivotLink kind="url" value={s.url}>{t('pivot.url')}</PivotLink></p> : null}
            <LanguageField
              label={t('originalLanguage')} value={s.language} onChange={(v) => edit({ language: v })} error={fieldMessage(err, 'language')}
              suggested={suggestedLanguage}
            />
          </section>
          <section className="panel" aria-labelledby="st-grade-h">
            <h2 id="st-grade-h">{t('gradeMarking')}</h2>
            <SelectField label={t('reliabilityOfSource')} value={s.reliability ?? ''} options={[{ value: '', label: t('notGraded') }, ...Object.entries(RELIABILITY_LABELS).map(([value, label]) => ({ value, label }))]} onChange={(e) => edit({ reliability: (e.target.value || null) as Reliability | null }, true)} error={fieldMessage(err, 'reliability')} />
            <SelectField label={t('credibilityOfInfo')} value={s.credibility ?? ''} options={[{ value: '', label: t('notGraded') }, ...Object.entries(CREDIBILITY_LABELS).map(([value, label]) => ({ value, label }))]} onChange={(e) => edit({ credibility: (e.target.value || null) as Credibility | null }, true)} error={fieldMessage(err, 'credibility')} />
            <MarkingField value={s.marking} saved={statement.marking} edit="statements.edit" onChange={(marking) => edit({ marking }, true)} error={fieldMessage(err, 'marking')} />
          </section>
          <p className="muted small">{t('captured', { when: formatStamp(statement.createdAt), rev: String(draft.view.base.rev) })}</p>
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
  const { t } = useTranslation('statements');
  const hint = !suggested ? null : value === suggested
    ? t('languageRecognised')
    : value === null
      ? <>{t('languageLooks', { language: languageLabel(suggested) })}<button type="button" className="quiet small" onClick={() => onChange(suggested)}>{t('languageSet', { language: languageLabel(suggested) })}</button></>
      : null;
  return (
    <SelectField
      label={label} value={value ?? ''} error={error} hint={hint}
      options={[{ value: '', label: t('unknown') }, ...LANGUAGES.map((l) => ({ value: l.tag, label: l.label })), ...(value && !known ? [{ value, label: value }] : [])]}
      onChange={(e) => onChange(e.target.value || null)}
    />
  );
}

function TrashStatement({ statement }: { statement: Statement }) {
  const trashRecord = useTrash();
  const can = useCan('statements.trash');
  const [error, setError] = useState<ApiError | null>(null);
  const { t } = useTranslation('statements');
  const trash = async () => {
    setError(null);
    try {
      await trashRecord(STATEMENT_KIND, statement as unknown as Rec, 'statements.trash', t('trashWhat'));
      if (window.history.length > 1) window.history.back(); else navigate(paths.cases());
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => void trash()} disabled={!!statement.deletedAt || !can.allowed} title={can.reason ?? undefined}>{t('trash')}</button>
      {error ? <ErrorNote message={error.message} /> : null}
    </>
  );
}
