import { useState } from 'react';
import type { Case } from '../../../../shared/domain';
import { ErrorNote } from '../../components/Field';
import { formatStamp } from '../../components/format';
import { useProfiles } from '../../data/lookups';
import { useApiQuery } from '../../data/query';
import { describeEntry, groupActivity, type ActivityItem } from './activity';
import { B } from '../../components/text';

const PAGE = 100;

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v.length > 300 ? `${v.slice(0, 300)}…` : v;
  return JSON.stringify(v);
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
      {groupActivity(entries).map((item) => <ActivityEntry key={item.latest.seq} item={item} name={profiles.name} initials={profiles.byId.get(item.latest.actorId ?? '')?.initials ?? '·'} />)}
      {entries.length === 0 && !beforeSeq ? <li className="muted">Nothing recorded yet.</li> : null}
      {showOlder && entries.length === PAGE && last ? (
        <li><button type="button" className="secondary" onClick={() => onOlder(last.seq)}>Show older</button></li>
      ) : null}
    </>
  );
}

function ActivityEntry({ item, name, initials }: { item: ActivityItem; name(id: string | null): string; initials: string }) {
  const e = item.latest;
  const d = describeEntry(e);
  const fields = Object.keys(item.changes);
  return (
    <li className="activity-entry">
      <div className="activity-head">
        <span className="avatar small" aria-hidden="true"><B>{initials}</B></span>
        <span>
          <B>{name(e.actorId)}</B> {d.verb}{' '}
          {d.title !== null ? <>“<B className="activity-title">{d.title}</B>”</> : <span className="muted">{d.what ? `a ${d.what} that is gone` : 'a record that is gone'}</span>}
          {d.after ? ` ${d.after}` : ''}
          {item.count > 1 ? <span className="activity-count muted"> · {item.count} saves</span> : null}
        </span>
        <time className="muted small" dateTime={e.at}>
          {item.count > 1 && formatStamp(item.earliest.at) !== formatStamp(e.at) ? `${formatStamp(item.earliest.at)} – ` : ''}{formatStamp(e.at)}
        </time>
      </div>
      {fields.length > 0 && !e.action.endsWith('.create') ? (
        <details className="activity-changes">
          <summary>{fields.length} {fields.length === 1 ? 'field' : 'fields'}</summary>
          <dl>
            {Object.entries(item.changes).map(([field, [from, to]]) => (
              <div key={field} className="change">
                <dt>{field}</dt>
                <dd><span className="before" dir="auto">{show(from)}</span> → <span className="after" dir="auto">{show(to)}</span></dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </li>
  );
}
