import { useState } from 'react';
import type { AuditEntry, Case } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { RECORD_TYPE_LABELS } from '../../components/labels';
import { formatStamp } from '../../components/format';
import { useProfiles } from '../../data/lookups';
import { useApiQuery } from '../../data/query';

const PAGE = 100;

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v.length > 300 ? `${v.slice(0, 300)}…` : v;
  return JSON.stringify(v);
}

function describe(e: AuditEntry): string {
  const [type, verb] = e.action.split('.');
  const what = RECORD_TYPE_LABELS[type ?? ''] ?? type;
  const words: Record<string, string> = {
    create: 'created', update: 'changed', trash: 'moved to the trash', restore: 'restored', close: 'closed', archive: 'archived',
    status: 'changed the status of', add_item: 'added to', remove_item: 'removed from', correct_original: 'corrected the original of',
    relate: 'related', unrelate: 'unrelated', link: 'linked', unlink: 'unlinked', purge: 'deleted for good',
    add: 'added', remove: 'removed', reorder: 'reordered', correct: 'corrected', verify: 'verified',
  };
  return `${words[verb ?? ''] ?? verb ?? e.action} ${what?.toLowerCase() ?? ''}`.trim();
}

/** Who did what in this case, newest first, from the audit trail. */
export function CaseActivity({ c }: { c: Case }) {
  const [before, setBefore] = useState<number[]>([]);
  return (
    <div className="tab-content">
      <ol className="activity" aria-label="Activity">
        <ActivityPage caseId={c.id} beforeSeq={undefined} onOlder={(seq) => setBefore([seq])} showOlder={before.length === 0} />
        {before.map((seq, i) => (
          <ActivityPage key={seq} caseId={c.id} beforeSeq={seq} onOlder={(s) => setBefore((b) => [...b, s])} showOlder={i === before.length - 1} />
        ))}
      </ol>
    </div>
  );
}

function ActivityPage({ caseId, beforeSeq, onOlder, showOlder }: { caseId: string; beforeSeq: number | undefined; onOlder(seq: number): void; showOlder: boolean }) {
  const q = useApiQuery('audit.list', { caseId, limit: PAGE, ...(beforeSeq ? { beforeSeq } : {}) });
  const profiles = useProfiles();
  if (q.error) return <li><ErrorNote message={q.error.message} /></li>;
  if (!q.data) return <li className="muted">Loading activity…</li>;
  const entries = q.data;
  const last = entries[entries.length - 1];
  return (
    <>
      {entries.map((e) => (
        <li key={e.seq} className="activity-entry">
          <div className="activity-head">
            <span className="avatar small" aria-hidden="true"><bdi>{profiles.byId.get(e.actorId ?? '')?.initials ?? '·'}</bdi></span>
            <span><bdi>{profiles.name(e.actorId)}</bdi> {describe(e)}</span>
            <time className="muted small" dateTime={e.at}>{formatStamp(e.at)}</time>
          </div>
          {Object.keys(e.changes).length > 0 && !e.action.endsWith('.create') ? (
            <details className="activity-changes">
              <summary>{Object.keys(e.changes).length} {Object.keys(e.changes).length === 1 ? 'field' : 'fields'}</summary>
              <dl>
                {Object.entries(e.changes).map(([field, [from, to]]) => (
                  <div key={field} className="change">
                    <dt>{field}</dt>
                    <dd><span className="before" dir="auto">{show(from)}</span> → <span className="after" dir="auto">{show(to)}</span></dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : null}
        </li>
      ))}
      {entries.length === 0 && !beforeSeq ? <li className="muted">Nothing recorded yet.</li> : null}
      {showOlder && entries.length === PAGE && last ? (
        <li><button type="button" className="secondary" onClick={() => onOlder(last.seq)}>Show older</button></li>
      ) : null}
    </>
  );
}
