import { useId, useState } from 'react';
import type { ImportActorRef, Marking, ReportImportPlan } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, SelectField, options } from '../../components/Field';
import { formatBytes, formatGregorian } from '../../components/format';
import { ACTOR_KIND_LABELS, MARKING_LABELS, SOURCE_KIND_LABELS, languageLabel } from '../../components/labels';
import { B, Captured } from '../../components/text';
import { isolate } from '../../../../shared/text/isolate';
import { useToast } from '../../components/toast';
import { useApiMutation } from '../../data/query';
import { navigate, paths } from '../../app/router';

const ROLE_WORDS = { speaker: 'speaker', on_behalf_of: 'on whose behalf', mentioned: 'mentioned' } as const;

/**
 * What importing a published report would create, before anything is written: the report, the
 * quoted statement with its published wording, one source per footnote, the actors it matched
 * and those it would create (only if ticked), and the lines it leaves out (each may be kept).
 * Import applies it in one transaction; Cancel writes nothing.
 */
export function ImportDialog({ plan, onClose }: { plan: ReportImportPlan | null; onClose(): void }) {
  return (
    <Dialog isOpen={plan !== null} onClose={onClose} title="Import a published report" className="import-dialog" dismissable={false}>
      {plan ? <ImportPreview plan={plan} onClose={onClose} /> : null}
    </Dialog>
  );
}

function ImportPreview({ plan, onClose }: { plan: ReportImportPlan; onClose(): void }) {
  const ids = useId();
  const { notify } = useToast();
  const [create, setCreate] = useState<ReadonlySet<string>>(new Set());
  const [keep, setKeep] = useState<ReadonlySet<number>>(new Set());
  const [marking, setMarking] = useState<Marking>(plan.report.marking);
  const apply = useApiMutation('reports.importApply', {
    onSuccess: (out) => {
      onClose();
      const parts = [`a draft report`, ...(out.statement ? ['a statement with its published wording'] : []), `${out.sources.length} ${out.sources.length === 1 ? 'source' : 'sources'}`];
      if (out.actorsCreated.length) parts.push(`${out.actorsCreated.length} new ${out.actorsCreated.length === 1 ? 'actor' : 'actors'}`);
      notify({ message: `Imported “${isolate(out.report.headline)}”: ${parts.join(', ')}.` });
      navigate(paths.report(out.report.id));
    },
  });
  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean): ReadonlySet<T> => {
    const next = new Set(set);
    if (on) next.add(value); else next.delete(value);
    return next;
  };
  const actorName = (ref: ImportActorRef | null) => {
    if (!ref) return <span className="muted">not named</span>;
    const proposed = ref.proposedKey ? plan.actors.proposed.find((a) => a.key === ref.proposedKey) : null;
    const how = ref.actorId ? 'an actor on this desk' : proposed ? (create.has(proposed.key) ? 'a new actor, created' : 'not created unless ticked below: no actor is named') : 'a name only';
    return <><B>{ref.name}</B> <span className="muted small">({how})</span></>;
  };
  const st = plan.statement;
  const { report } = plan;

  return (
    <div className="import-preview">
      <p className="notice" role="note">
        Nothing is written until you press Import. Read from <B>{plan.input.fileName || 'the file'}</B> ({plan.input.format === 'html' ? 'a saved web page' : 'text'}, {formatBytes(plan.input.bytes)}).
      </p>
      {plan.warnings.length || plan.sameHeadlineReports.length ? (
        <ul className="notices plain-list" aria-label="Worth a look">
          {plan.sameHeadlineReports.map((r) => <li key={r.id} className="notice-item warn">This case already has a report with this headline: <B>{r.headline}</B>.</li>)}
          {plan.warnings.map((w, i) => <li key={i} className="notice-item warn" dir="auto">{w}</li>)}
        </ul>
      ) : null}

      <section aria-labelledby={`${ids}-report`} className="import-section">
        <h3 id={`${ids}-report`}>Report (a draft)</h3>
        <dl className="facts">
          <div><dt>Headline</dt><dd><B>{report.headline}</B></dd></div>
          <div><dt>Dateline</dt><dd><B>{[report.datelinePlace, report.datelineDate ? formatGregorian(report.datelineDate, 'day') : report.datelineText].filter(Boolean).join(', ') || '—'}</B></dd></div>
          {report.lead ? <div><dt>Lead</dt><dd dir="auto">{report.lead}</dd></div> : null}
          <div><dt>Body</dt><dd>{plan.paragraphs.length} {plan.paragraphs.length === 1 ? 'paragraph' : 'paragraphs'}{keep.size ? `, and ${keep.size} kept ${keep.size === 1 ? 'line' : 'lines'}` : ''}</dd></div>
        </dl>
        <SelectField
          label="Marking of everything it creates" hint={report.markingReason} value={marking}
          onChange={(e) => setMarking(e.target.value as Marking)} options={options(MARKING_LABELS)}
        />
        <details className="import-body">
          <summary>The body paragraphs</summary>
          {plan.paragraphs.map((p) => <Captured key={p.at} text={p.text} className="import-paragraph" />)}
        </details>
      </section>

      {st ? (
        <section aria-labelledby={`${ids}-statement`} className="import-section">
          <h3 id={`${ids}-statement`}>Statement, with its published wording</h3>
          <p className="muted small">The original was not captured: the wording is kept exactly as published{st.publishedWordingLanguage ? ` (${languageLabel(st.publishedWordingLanguage)})` : ''}, bracketed insertions included.</p>
          <blockquote className="import-wording" aria-label="Published wording"><Captured text={st.publishedWording} /></blockquote>
          <dl className="facts">
            <div><dt>Speaker</dt><dd>{actorName(st.speaker)}</dd></div>
            <div><dt>On behalf of</dt><dd>{actorName(st.onBehalfOf)}</dd></div>
            <div><dt>Said</dt><dd>{st.saidAt ? formatGregorian(st.saidAt, st.datePrecision) : '—'}{st.platform ? <> on <B>{st.platform}</B></> : null}</dd></div>
            {st.hashtags.length ? <div><dt>Hashtags</dt><dd>{st.hashtags.map((h) => <B key={h} className="chip">{h}</B>)}</dd></div> : null}
            {st.scriptureRefs.length ? <div><dt>Scripture</dt><dd>{st.scriptureRefs.map((r, i) => <B key={i} className="chip">{r.text}</B>)}</dd></div> : null}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby={`${ids}-sources`} className="import-section">
        <h3 id={`${ids}-sources`}>Sources, one per footnote</h3>
        <ol className="plain-list import-sources" aria-label="Sources to create">
          {plan.sources.map((s) => (
            <li key={s.key}>
              <span className="fn-number">{s.footnote === null ? 'The report itself' : `[${s.footnote}]`}</span>{' '}
              <B className="pick-title">{s.title}</B>{' '}
              <span className="muted small">{SOURCE_KIND_LABELS[s.kind]}{s.publishedAt ? `, ${formatGregorian(s.publishedAt)}` : ''}</span>
              {s.guessed.length ? <p className="field-hint warning">Guessed from the sentence citing it (no footnote list): {s.guessed.join(', ')}. Check it after the import.</p> : null}
              {s.footnoteText ? <p className="small" dir="auto">{s.footnoteText}</p> : s.context ? <p className="small muted" dir="auto">{s.context}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby={`${ids}-actors`} className="import-section">
        <h3 id={`${ids}-actors`}>Actors</h3>
        {plan.actors.matched.length ? (
          <ul className="plain-list" aria-label="Actors on this desk it names">
            {plan.actors.matched.map((a) => (
              <li key={a.actorId}>
                <B>{a.name}</B> <span className="muted small">({ACTOR_KIND_LABELS[a.kind]}, {a.roles.map((r) => ROLE_WORDS[r]).join(', ') || 'named'}; found as {a.matchedAs.map((m, i) => <B key={i}>{i ? ', ' : ''}{m}</B>)}{a.fuzzy ? ', a close spelling' : ''})</span>
              </li>
            ))}
          </ul>
        ) : <p className="muted">It names no actor on this desk.</p>}
        {plan.actors.proposed.length ? (
          <fieldset className="bare import-actors">
            <legend className="small">New actors (created only if ticked)</legend>
            {plan.actors.proposed.map((a) => (
              <label key={a.key} className="check">
                <input type="checkbox" checked={create.has(a.key)} onChange={(e) => setCreate((s) => toggle(s, a.key, e.target.checked))} />
                <span>Create <B>{a.name}</B> ({ACTOR_KIND_LABELS[a.kind]})</span>
                <span className="muted small actor-reason" dir="auto">{a.reason}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
      </section>

      <section aria-labelledby={`${ids}-dropped`} className="import-section">
        <h3 id={`${ids}-dropped`}>Left out</h3>
        {plan.dropped.length ? (
          <ul className="plain-list import-dropped" aria-label="Lines left out">
            {plan.dropped.map((d) => (
              <li key={d.at}>
                <label className="check">
                  <input type="checkbox" checked={keep.has(d.at)} disabled={!d.keepable} onChange={(e) => setKeep((s) => toggle(s, d.at, e.target.checked))} aria-label={`Keep “${short(d.text)}”`} />
                  <span><q dir="auto">{d.text}</q> <span className="muted small">{d.reason}{d.keepable ? '' : ' (cannot be kept)'}</span></span>
                </label>
              </li>
            ))}
          </ul>
        ) : <p className="muted">Nothing is left out.</p>}
      </section>

      <ErrorNote message={apply.error?.message} />
      <div className="dialog-actions">
        {/* No autofocus down here: the dialog takes the focus and opens at its top, the report first. */}
        <button type="button" className="quiet" onClick={onClose}>Cancel</button>
        <button
          type="button" disabled={apply.isPending}
          onClick={() => apply.mutate({ plan, choices: { createActors: [...create], keepDropped: [...keep], marking } })}
        >
          {apply.isPending ? 'Importing…' : 'Import'}
        </button>
      </div>
    </div>
  );
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}
