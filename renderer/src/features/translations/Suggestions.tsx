import type { MemoryMatch } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { formatStamp } from '../../components/format';
import { useProfiles } from '../../data/lookups';
import { useApiQuery } from '../../data/query';
import { Link, paths } from '../../app/router';
import { StatementTitle } from '../../components/StatementTitle';
import { B } from '../../components/text';
import { Trans, useTranslation } from 'react-i18next';
import { formatPercent } from '../../components/format';

/**
 * Translation memory for one segment: exact and fuzzy matches from approved work (similarity in
 * percent, computed by the Core on folded text), each with where it was approved. A click puts
 * the suggestion into the segment.
 */
export function Suggestions({ source, sourceLang, targetLang, position, statementId, onUse, disabled }: {
  source: string;
  sourceLang: string | null;
  targetLang: string;
  position: number;
  statementId: string;
  onUse(m: MemoryMatch): void;
  disabled: boolean;
}) {
  const profiles = useProfiles();
  const args = sourceLang && source.trim() ? { source, sourceLang, targetLang } : null;
  const q = useApiQuery('translations.suggest', args, { staleTime: 30_000 });
  const { t } = useTranslation('translations');
  const n = String(position);
  const label = t('tm.label', { n });
  return (
    <section className="tm" aria-label={label}>
      <h3 className="tm-title">{t('tm.title', { n })}</h3>
      {!sourceLang ? <p className="muted small">{t('tm.setLanguage')}</p> : null}
      <ErrorNote message={q.error?.message} />
      {q.isPending && args ? <p className="muted small" role="status">{t('tm.looking')}</p> : null}
      {q.data && q.data.matches.length === 0 ? <p className="muted small">{t('tm.none')}</p> : null}
      {q.data && q.data.matches.length > 0 ? (
        <ul className="plain-list tm-list">
          {q.data.matches.map((m) => (
            <li key={`${m.from.revisionId}-${m.from.segmentId}-${m.target}`} className="tm-match">
              <div className="tm-head small">
                <span className={`badge tm-kind tm-${m.kind}`}>{t(m.kind === 'exact' ? 'tm.exact' : 'tm.fuzzy', { score: formatPercent(m.score / 100) })}</span>
                <span className="muted">
                  {m.from.statementId === statementId ? t('tm.fromThis') : <>{t('tm.from')}<Link to={paths.statement(m.from.statementId)}><StatementTitle id={m.from.statementId} /></Link></>}
                  {t('tm.revision', { n: String(m.from.revisionNumber) })}
                  {t('tm.approved')}{m.from.approvedBy ? <Trans t={t} i18nKey="tm.approvedBy" values={{ name: profiles.name(m.from.approvedBy) }} components={{ b: <B /> }} /> : null}{formatStamp(m.from.approvedAt)}
                  {m.uses > 1 ? t('tm.uses', { count: m.uses }) : ''}
                </span>
              </div>
              <div className="tm-source original-text" dir="auto" lang={m.sourceLang}>{m.source}</div>
              <div className="tm-target" dir="auto" lang={m.targetLang}>{m.target}</div>
              <button type="button" className="secondary small" disabled={disabled} onClick={() => onUse(m)} aria-label={t('tm.useAria', { kind: t(`tm.kind.${m.kind}`), score: formatPercent(m.score / 100), target: m.target })}>
                {t('tm.use')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
