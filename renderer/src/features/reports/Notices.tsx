import type { ReportNotice } from '../../../../shared/domain';
import { Link, paths } from '../../app/router';
import { translationPaths } from '../translations';

const SEVERITY: Readonly<Record<ReportNotice['severity'], string>> = {
  blocks: 'Stops export and publishing',
  override: 'Needs an explicit allowance to export',
  info: 'Note',
};

/** The record a notice is about, as a link to its page. */
export function NoticeLink({ n }: { n: Pick<ReportNotice, 'recordType' | 'recordId' | 'kind'> }) {
  if (!n.recordId || !n.recordType) return null;
  // An unknown record has no page to go to.
  if (n.kind === 'unknown_source' || n.kind === 'unknown_statement') return null;
  if (n.recordType === 'source') return <Link to={paths.source(n.recordId)}>Open the source</Link>;
  if (n.recordType === 'statement') return <Link to={paths.statement(n.recordId)}>Open the statement</Link>;
  return <Link to={translationPaths.history(n.recordId)}>Open the translation</Link>;
}

/**
 * What stands between the draft and an export, in the Core's words, each naming its record with
 * a link to it; `onShow` selects the reference in the body when the notice points at one.
 */
export function Notices({ notices, label, onShow }: {
  notices: readonly ReportNotice[]; label: string; onShow?(start: number, end: number): void;
}) {
  if (notices.length === 0) return <p className="muted small" role="status">Nothing stands in the way of an export.</p>;
  return (
    <ul className="notices plain-list" aria-label={label}>
      {notices.map((n, i) => (
        <li key={i} className={`notice-item sev-${n.severity}`}>
          <span className="sev-label">{SEVERITY[n.severity]}:</span>{' '}
          <span dir="auto">{n.message}</span>
          <span className="notice-actions">
            <NoticeLink n={n} />
            {onShow && n.start !== undefined && n.end !== undefined ? (
              <button type="button" className="quiet small" onClick={() => onShow(n.start!, n.end!)}>Show in the body</button>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
