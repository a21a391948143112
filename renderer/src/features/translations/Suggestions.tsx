import type { MemoryMatch } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { formatStamp } from '../../components/format';
import { useProfiles } from '../../data/lookups';
import { useApiQuery } from '../../data/query';
import { Link, paths } from '../../app/router';
import { StatementTitle } from '../../components/StatementTitle';
import { B } from '../../components/text';

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
  const label = `Translation memory for segment ${position}`;
  return (
    <section className="tm" aria-label={label}>
      <h3 className="tm-title">Translation memory · segment {position}</h3>
      {!sourceLang ? <p className="muted small">Set the language of the original to get suggestions from approved translations.</p> : null}
      <ErrorNote message={q.error?.message} />
      {q.isPending && args ? <p className="muted small" role="status">Looking for approved translations…</p> : null}
      {q.data && q.data.matches.length === 0 ? <p className="muted small">No approved translation of a similar sentence yet.</p> : null}
      {q.data && q.data.matches.length > 0 ? (
        <ul className="plain-list tm-list">
          {q.data.matches.map((m) => (
            <li key={`${m.from.revisionId}-${m.from.segmentId}-${m.target}`} className="tm-match">
              <div className="tm-head small">
                <span className={`badge tm-kind tm-${m.kind}`}>{m.kind === 'exact' ? 'Exact' : 'Fuzzy'} {m.score}%</span>
                <span className="muted">
                  from {m.from.statementId === statementId ? 'this statement' : <Link to={paths.statement(m.from.statementId)}><StatementTitle id={m.from.statementId} /></Link>}, revision {m.from.revisionNumber}
                  {' '}· approved {m.from.approvedBy ? <>by <B>{profiles.name(m.from.approvedBy)}</B> </> : null}{formatStamp(m.from.approvedAt)}
                  {m.uses > 1 ? ` · approved ${m.uses} times` : ''}
                </span>
              </div>
              <div className="tm-source original-text" dir="auto" lang={m.sourceLang}>{m.source}</div>
              <div className="tm-target" dir="auto" lang={m.targetLang}>{m.target}</div>
              <button type="button" className="secondary small" disabled={disabled} onClick={() => onUse(m)} aria-label={`Use the ${m.kind} match (${m.score}%): ${m.target}`}>
                Use this translation
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
