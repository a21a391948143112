import type { ReportImportPlan } from '../domain/reportImport';
import { escapeMarkdownText } from './escape';

/**
 * The body an import plan stores: its paragraphs, and the dropped lines the user chose to
 * keep, in the order of the published text, one paragraph per block. References still name
 * the plan's keys (the Core rewrites them to the new records' ids). The Core and the preview
 * dialog both build it here, so what the user sees is what is saved.
 */
export function importedBody(plan: Pick<ReportImportPlan, 'paragraphs' | 'dropped'>, keepDropped: readonly number[] = []): string {
  const kept = plan.dropped.filter((d) => d.keepable && keepDropped.includes(d.at)).map((d) => ({ at: d.at, markdown: escapeMarkdownText(d.text) }));
  return [...plan.paragraphs, ...kept].sort((a, b) => a.at - b.at).map((x) => x.markdown).join('\n\n');
}
