import type { MarkingException, ReportNotice } from '../../../../shared/domain';
import type { ApiError } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { MarkingBadge } from '../../components/Badges';
import { Link, recordPath } from '../../app/router';
import { Notices } from './Notices';
import { B } from '../../components/text';

type Restricted = Pick<MarkingException, 'recordType' | 'id' | 'title' | 'marking'>;

/** What a refusal of an export or a publication lists: the notices that stop it, or the records too restricted for its marking. */
export function refusalOf(e: ApiError): { notices: ReportNotice[] } | { restricted: Restricted[] } | null {
  const current = e.body.current as { notices?: ReportNotice[] } | Restricted[] | undefined;
  if (e.code === 'forbidden' && e.body.field === 'allowMarking' && Array.isArray(current)) return { restricted: current };
  if (e.code === 'conflict' && current && !Array.isArray(current) && Array.isArray(current.notices)) return { notices: current.notices };
  return null;
}

/**
 * A refused export or publication, with the Core's list of what stands in the way. Records
 * more restricted than the report's marking may be let through explicitly ("Export anyway"),
 * which the Core writes to the audit trail; a profile that may not decide that sees why.
 */
export function RefusalDialog({ refusal, what, onClose, anyway }: {
  refusal: { error: ApiError } | null;
  /** "Exporting as Markdown", "Publishing version 2". */
  what: string;
  onClose(): void;
  anyway?: { label: string; run(): void; blocked: string | null };
}) {
  const listed = refusal ? refusalOf(refusal.error) : null;
  return (
    <Dialog isOpen={refusal !== null} onClose={onClose} title={`${what} was refused`} role="alertdialog" className="refusal-dialog">
      {listed && 'notices' in listed ? (
        <>
          <p>Nothing went out. Put these right first:</p>
          <Notices notices={listed.notices} label="What stands in the way" />
        </>
      ) : null}
      {listed && 'restricted' in listed ? (
        <>
          <p>
            The report would carry {listed.restricted.length === 1 ? 'a record' : `${listed.restricted.length} records`} more
            restricted than its own marking. Change the markings, or let {listed.restricted.length === 1 ? 'it' : 'them'} through
            for this export only: that is written to the audit trail with the records it let through.
          </p>
          <ul className="plain-list restricted-list" aria-label="More restricted than the report">
            {listed.restricted.map((r) => {
              const to = recordPath(r.recordType, r.id);
              return (
                <li key={`${r.recordType}:${r.id}`}>
                  <MarkingBadge marking={r.marking} /> {r.recordType === 'source' ? 'Source' : 'Statement'}{' '}
                  {to ? <Link to={to}><B>{r.title}</B></Link> : <B>{r.title}</B>}
                </li>
              );
            })}
          </ul>
          {anyway?.blocked ? <p className="field-hint why" id="refusal-why">{anyway.blocked}</p> : null}
        </>
      ) : null}
      {!listed && refusal ? <p className="error" role="alert" dir="auto">{refusal.error.message}</p> : null}
      <div className="dialog-actions">
        <button type="button" className={listed && 'restricted' in listed && anyway ? 'quiet' : undefined} onClick={onClose} autoFocus>
          {listed && 'restricted' in listed && anyway ? 'Cancel' : 'Close'}
        </button>
        {listed && 'restricted' in listed && anyway ? (
          <button type="button" className="danger" disabled={!!anyway.blocked} aria-describedby={anyway.blocked ? 'refusal-why' : undefined} onClick={anyway.run}>
            {anyway.label}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
