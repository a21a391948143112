import { useState } from 'react';
import type { Case, Marking } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/client';
import { ConflictView } from '../../components/ConflictView';
import type { ConflictField } from '../../components/ConflictView';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, ReadOnlyFields, SelectField, TextAreaField, TextField, options } from '../../components/Field';
import { OthersDrafts } from '../../components/ParkedEdits';
import { SaveStatus } from '../../components/SaveStatus';
import { fieldMessage } from '../../components/errors';
import { MARKING_LABELS, PRIORITY_LABELS, ROLE_LABELS, type Priority } from '../../components/labels';
import { formatStamp } from '../../components/format';
import type { Rec } from '../../data/drafts';
import { useProfiles } from '../../data/lookups';
import { useCan } from '../../data/permissions';
import { useApiQuery } from '../../data/query';
import { useDraft } from '../../data/useDraft';
import { CASE_KIND } from './kind';
import { useCaseActions } from './useCaseActions';
import { B } from '../../components/text';
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatNumber } from '../../components/format';

function fields(name: (id: string) => string, t: TFunction<'cases'>): ConflictField[] {
  return [
    { key: 'title', label: t('field.title'), text: true }, { key: 'summary', label: t('field.summary'), text: true },
    { key: 'tags', label: t('field.tags') }, { key: 'priority', label: t('field.priority') }, { key: 'marking', label: t('field.marking') },
    { key: 'dueDate', label: t('field.dueDate') }, { key: 'status', label: t('field.status') },
    { key: 'assignees', label: t('field.assigned'), show: (v) => (v as string[]).map(name).join(', ') || t('nobody') },
  ];
}

export function CaseOverview({ c }: { c: Case }) {
  const draft = useDraft(CASE_KIND, c as unknown as Rec & Case);
  const v = draft.view.value as unknown as Case;
  const err = draft.view.state.kind === 'error' ? draft.view.state.error : null;
  const items = useApiQuery('cases.items', { caseId: c.id });
  const events = useApiQuery('events.list', { caseId: c.id });
  // The newest entry of the case's activity: a change to anything in the case changes the case.
  const lastChange = useApiQuery('audit.list', { caseId: c.id, limit: 1 }).data?.[0];
  const count = (type: string) => items.data?.filter((i) => i.itemType === type).length ?? 0;
  const { t } = useTranslation('cases');
  const readOnly = !!c.deletedAt;
  const profiles = useProfiles();
  const canEdit = useCan('cases.edit');
  const canOrganize = useCan('cases.organize');
  const ALLOWED = { allowed: true, reason: null };

  if (draft.view.state.kind === 'conflict') {
    return (
      <ConflictView view={draft.view} fields={fields(profiles.name, t)} onKeepMine={() => void draft.keepMine()}
        onTakeTheirs={() => void draft.takeTheirs()} onMerge={(m) => void draft.merge(m)} />
    );
  }

  return (
    <div className="overview-grid">
      <OthersDrafts kind={CASE_KIND} id={c.id} labels={fields(profiles.name, t)} />
      <section className="panel" aria-labelledby="case-details-h">
        <div className="panel-head">
          <h2 id="case-details-h">{t('details')}</h2>
          {canEdit.allowed || canOrganize.allowed || draft.view.dirty ? <SaveStatus view={draft.view} onRetry={() => void draft.flush()} /> : null}
        </div>
        <fieldset disabled={readOnly} className="bare">
          <ReadOnlyFields can={readOnly ? ALLOWED : canEdit}>
          <TextField label={t('field.title')} value={v.title} onChange={(e) => void draft.edit({ title: e.target.value })} onBlur={() => void draft.flush()} error={fieldMessage(err, 'title')} />
          <TextAreaField label={t('field.summary')} rows={5} value={v.summary} onChange={(e) => void draft.edit({ summary: e.target.value })} onBlur={() => void draft.flush()} error={fieldMessage(err, 'summary')} />
          <TagsField value={v.tags} onChange={(tags) => void draft.edit({ tags })} error={fieldMessage(err, 'tags')} />
          </ReadOnlyFields>
          <ReadOnlyFields can={readOnly ? ALLOWED : canOrganize} note={false}>
          <div className="field-row">
            <SelectField label={t('field.priority')} value={v.priority} options={options(PRIORITY_LABELS)} onChange={(e) => void draft.edit({ priority: e.target.value as Priority }, { now: true })} error={fieldMessage(err, 'priority')} />
            <SelectField label={t('field.marking')} value={v.marking} options={options(MARKING_LABELS)} onChange={(e) => void draft.edit({ marking: e.target.value as Marking }, { now: true })} error={fieldMessage(err, 'marking')} />
            <TextField label={t('field.dueDate')} type="date" value={v.dueDate ?? ''} onChange={(e) => void draft.edit({ dueDate: e.target.value || null })} error={fieldMessage(err, 'dueDate')} />
          </div>
          </ReadOnlyFields>
        </fieldset>
      </section>
      <div className="overview-side">
        <section className="panel" aria-labelledby="case-counts-h">
          <h2 id="case-counts-h">{t('inThisCase')}</h2>
          <dl className="counts">
            <div><dt>{t('count.statements')}</dt><dd>{formatNumber(count('statement'))}</dd></div>
            <div><dt>{t('count.sources')}</dt><dd>{formatNumber(count('source'))}</dd></div>
            <div><dt>{t('count.reports')}</dt><dd>{formatNumber(count('report'))}</dd></div>
            <div><dt>{t('count.events')}</dt><dd>{formatNumber(events.data?.length ?? 0)}</dd></div>
          </dl>
          <p className="muted small">
            {t('opened', { opened: formatStamp(c.createdAt), changed: formatStamp(lastChange?.at ?? c.updatedAt) })}
            {lastChange?.actorId ? <Trans t={t} i18nKey="changedBy" values={{ name: profiles.name(lastChange.actorId) }} components={{ b: <B /> }} /> : null}
          </p>
        </section>
        <Members c={c} readOnly={readOnly} />
      </div>
    </div>
  );
}

function TagsField({ value, onChange, error }: { value: string[]; onChange(tags: string[]): void; error: string | null }) {
  const [text, setText] = useState(value.join(', '));
  const [focused, setFocused] = useState(false);
  const shown = focused ? text : value.join(', ');
  const { t } = useTranslation('cases');
  return (
    <TextField
      label={t('field.tags')} hint={t('tagsHint')} value={shown} error={error}
      onFocus={() => { setText(value.join(', ')); setFocused(true); }}
      onBlur={() => setFocused(false)}
      onChange={(e) => { setText(e.target.value); onChange(e.target.value.split(',').map((tag) => tag.trim()).filter(Boolean)); }}
    />
  );
}

function Members({ c, readOnly }: { c: Case; readOnly: boolean }) {
  const profiles = useProfiles();
  const actions = useCaseActions();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(c.assignees);
  const [error, setError] = useState<ApiError | null>(null);
  const can = useCan('cases.organize');
  const { t } = useTranslation('cases');
  const save = () => {
    setError(null);
    actions.assign(c, chosen).then(() => setOpen(false), (e: unknown) => setError(toApiError(e)));
  };
  return (
    <section className="panel" aria-labelledby="case-members-h">
      <div className="panel-head">
        <h2 id="case-members-h">{t('members')}</h2>
        <button type="button" className="secondary small" disabled={readOnly || !can.allowed} title={can.reason ?? undefined} onClick={() => { setChosen(c.assignees); setError(null); setOpen(true); }}>{t('assign')}</button>
      </div>
      {c.assignees.length === 0 ? <p className="muted">{t('nobodyAssigned')}</p> : (
        <ul className="plain-list">
          {c.assignees.map((id) => {
            const p = profiles.byId.get(id);
            return (
              <li key={id} className="member">
                <span className="avatar" aria-hidden="true"><B>{p?.initials ?? '?'}</B></span>
                <B>{p?.name ?? t('unknownProfile')}</B>
                <span className="muted small">{p?.roles.map((r) => ROLE_LABELS[r]).join(', ')}</span>
              </li>
            );
          })}
        </ul>
      )}
      <Dialog isOpen={open} onClose={() => setOpen(false)} title={t('assignTitle')}>
        <fieldset className="bare">
          <legend className="visually-hidden">{t('people')}</legend>
          {/* Nobody is given work who can no longer act; a deactivated assignee can still be taken off. */}
          {profiles.list.filter((p) => !p.deactivatedAt || c.assignees.includes(p.id)).map((p) => (
            <label key={p.id} className="check">
              <input
                type="checkbox" checked={chosen.includes(p.id)}
                onChange={(e) => setChosen((cur) => (e.target.checked ? [...cur, p.id] : cur.filter((x) => x !== p.id)))}
              />
              <B>{p.name}</B> <span className="muted small">{p.roles.map((r) => ROLE_LABELS[r]).join(', ')}</span>
            </label>
          ))}
        </fieldset>
        <ErrorNote message={error?.message} />
        <div className="dialog-actions">
          <button type="button" className="quiet" onClick={() => setOpen(false)}>{t('cancel')}</button>
          <button type="button" onClick={save}>{t('saveAssignment')}</button>
        </div>
      </Dialog>
    </section>
  );
}
