// A case's sources as CSL-JSON for reference managers (Zotero) and citation processors: the
// same mapping the report footnotes use (csl.ts), plus the archived copies this desk holds.
import type { Source } from '../../../shared/domain';
import { getRecord } from '../db/repos/records';
import { mustGet } from '../services/entity';
import type { CoreState } from '../services/state';
import { sourceToCsl, type CslItem } from './csl';

export function exportCsl(s: CoreState, caseId: string): { json: string; fileName: string; items: number } {
  const c = mustGet(s, 'case', caseId);
  const ids = s.db.prepare(`SELECT item_id FROM case_items WHERE case_id = ? AND item_type = 'source'
    UNION SELECT ci.source_id FROM citations ci JOIN case_items i ON i.item_type = ci.citing_type AND i.item_id = ci.citing_id WHERE i.case_id = ?
    ORDER BY 1`).pluck().all(caseId, caseId) as string[];
  const items: (CslItem & { archive?: string; archive_location?: string })[] = [];
  for (const id of ids) {
    const src = getRecord(s.db, 'source', id) as Source | undefined;
    if (!src || src.deletedAt) continue;
    const item: CslItem & { archive?: string; archive_location?: string } = sourceToCsl(src);
    const copies = s.db.prepare("SELECT original_name, sha256 FROM attachments WHERE owner_type = 'source' AND owner_id = ? AND deleted_at IS NULL ORDER BY captured_at, id")
      .all(id) as { original_name: string; sha256: string }[];
    if (copies.length) {
      item.archive = 'Casefile';
      item.archive_location = copies.map((f) => `${f.original_name} (SHA-256 ${f.sha256})`).join('; ');
    }
    items.push(item);
  }
  return { json: `${JSON.stringify(items, null, 2)}\n`, fileName: `case-${c.id}.csl.json`, items: items.length };
}
