import type { Marking, ReportImportPlan } from '../../../../shared/domain';

/**
 * The one place where an import plan meets the Report record's fields: the input of
 * `reports.create`. The dateline's place and date go to their own fields, so the report
 * renders its dateline as any other does. A dateline whose date could not be read keeps its
 * published words as the place, so nothing the page said is lost.
 */
export function reportCreateInput(r: ReportImportPlan['report'], body: string, marking: Marking, caseId: string): Record<string, unknown> {
  const dateline = r.datelinePlace ?? (r.datelineDate ? '' : r.datelineText);
  return { headline: r.headline, dateline, datelineDate: r.datelineDate, lead: r.lead, body, marking, caseIds: [caseId] };
}
