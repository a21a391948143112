import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { QaFinding, TranslationSegment } from '../../../../shared/domain';
import { toApiError } from '../../api/client';
import { ErrorNote } from '../../components/Field';
import { formatStamp } from '../../components/format';
import { B } from '../../components/text';
import { useProfiles } from '../../data/lookups';
import { useApiQuery, useCaller } from '../../data/query';

/**
 * The QA findings of the latest revision, per segment, as the Core computes them (the same rules
 * refuse a submission). Each can be overridden with a reason, which the Core keeps and audits.
 */
export function QaPanel({ translationId, segments, canOverride, onGoTo }: {
  translationId: string; segments: readonly TranslationSegment[]; canOverride: boolean; onGoTo(segmentId: string): void;
}) {
  const { t } = useTranslation('translations');
  const q = useApiQuery('translations.qa', { id: translationId });
  const findings = q.data?.findings ?? [];
  const open = findings.filter((f) => f.override === null).length;
  const position = (id: string) => segments.findIndex((s) => s.id === id) + 1;
  const bySegment = new Map<string, QaFinding[]>();
  for (const f of findings) bySegment.set(f.segmentId, [...(bySegment.get(f.segmentId) ?? []), f]);
  return (
    <section className="panel qa-panel" aria-labelledby="qa-h">
      <h3 id="qa-h">{t('qa.title')}</h3>
      <ErrorNote message={q.error?.message} />
      {q.isPending ? <p className="muted small" role="status">{t('qa.loading')}</p> : null}
      {q.data ? (
        <p className={`small${open ? ' qa-open' : ' muted'}`} role="status">
          {findings.length === 0 ? t('qa.clean') : open ? t('qa.open', { count: open }) : t('qa.allOverridden')}
        </p>
      ) : null}
      {[...bySegment.entries()].map(([segId, list]) => (
        <div key={segId} className="qa-segment">
          <h4 className="small"><button type="button" className="link-button" onClick={() => onGoTo(segId)}>{t('qa.segment', { n: position(segId) })}</button></h4>
          <ul className="plain-list">
            {list.map((f) => (
              <QaItem key={`${f.check}|${f.subject}`} finding={f} translationId={translationId} position={position(segId)} canOverride={canOverride} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function QaItem({ finding: f, translationId, position, canOverride }: { finding: QaFinding; translationId: string; position: number; canOverride: boolean }) {
  const { t } = useTranslation('translations');
  const run = useCaller();
  const profiles = useProfiles();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await run('translations.overrideQa', { id: translationId, segmentId: f.segmentId, check: f.check, subject: f.subject, reason });
      setOpen(false);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`qa-item${f.override ? ' is-overridden' : ''}`}>
      <span className={`badge qa-check qa-${f.check}`}>{t(`qa.check.${f.check}`)}</span>{' '}
      <span dir="auto">{f.message}</span>
      {f.override ? (
        <p className="small muted qa-override">
          <Trans t={t} i18nKey="qa.overridden" values={{ reason: f.override.reason }} components={{ b: <B /> }} />
          {f.override.by ? <Trans t={t} i18nKey="qa.overriddenBy" values={{ name: profiles.name(f.override.by) }} components={{ b: <B /> }} /> : null} · {formatStamp(f.override.at)}
        </p>
      ) : null}
      {!f.override && canOverride && !open ? (
        <button type="button" className="quiet small" onClick={() => setOpen(true)} aria-label={t('qa.overrideLabel', { n: position, message: f.message })}>{t('qa.override')}</button>
      ) : null}
      {open ? (
        <div className="qa-override-form" role="group" aria-label={t('qa.overrideLabel', { n: position, message: f.message })}>
          <label htmlFor={id} className="small">{t('qa.reason')}</label>
          <input id={id} dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('qa.reasonHint')} autoFocus />
          <div className="actions">
            <button type="button" className="small" disabled={busy || !reason.trim()} onClick={() => void save()}>{t('qa.letStand')}</button>
            <button type="button" className="quiet small" onClick={() => setOpen(false)}>{t('qa.cancel')}</button>
          </div>
          <ErrorNote message={error} />
        </div>
      ) : null}
    </li>
  );
}
