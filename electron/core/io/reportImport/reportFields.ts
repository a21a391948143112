import type { Marking, ReportImportPlan } from '../../../../shared/domain';
import { longDate } from './dates';

/**
 * The one place where an import plan meets the Report record's fields: the input of
 * `reports.create`. Today's Report has a single `dateline` text; the report record of issue 10
 * (dateline place and date, lead) replaces this function's body, nothing else.
 */
export function reportCreateInput(r: ReportImportPlan['report'], body: string, marking: Marking, caseId: string): Record<string, unknown> {
  const dateline = r.datelineText || [r.datelinePlace, r.datelineDate ? longDate(r.datelineDate) : null].filter(Boolean).join(', ');
  return { headline: r.headline, dateline, body, marking, caseIds: [caseId] };
}
