import { pivotQuery, type PivotKind } from '../../../shared/text';
import { Link, paths } from '../app/router';

/** A pivot beside a field: a link to the search for every record that shares this value. */
export function PivotLink({ kind, value, children }: { kind: PivotKind; value: string; children: string }) {
  return <Link to={paths.search(pivotQuery(kind, value))} className="pivot small">{children}</Link>;
}
