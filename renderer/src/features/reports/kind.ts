import { IsoDate } from '../../../../shared/domain';
import type { Report } from '../../../../shared/domain';
import type { ConflictField } from '../../components/ConflictView';
import { MARKING_LABELS } from '../../components/labels';
import type { DraftKind } from '../../data/drafts';
import { i18n } from '../../i18n/instance';

/**
 * A report draft saves through reports.update, as every record does (one autosave loop). Held
 * back while it cannot be a report yet: an empty headline, a date that is not a date (the
 * message is shown beside the field instead).
 */
export const REPORT_KIND: DraftKind = {
  method: 'reports.update',
  hold(_base, draft) {
    const held: string[] = [];
    if (typeof draft.headline === 'string' && draft.headline.trim() === '') held.push('headline');
    if (typeof draft.datelineDate === 'string' && !IsoDate.safeParse(draft.datelineDate).success) held.push('datelineDate');
    return held;
  },
};

/** The editable fields, as the editor labels them (conflicts, other profiles' parked edits). */
export const REPORT_FIELDS: ConflictField[] = [
  { key: 'headline', label: 'Headline', text: true },
  { key: 'dateline', label: 'Dateline place', text: true },
  { key: 'datelineDate', label: 'Dateline date' },
  { key: 'showHijri', label: 'Show the Hijri date' },
  { key: 'lead', label: 'Lead', text: true },
  { key: 'body', label: 'Body', text: true },
  { key: 'marking', label: 'Marking', show: (v) => MARKING_LABELS[v as Report['marking']] ?? String(v) },
];

/** Where a report stands, in words: "Draft", "Published v1", "Draft v2 (v1 published)". */
export function reportState(r: Pick<Report, 'version' | 'publishedVersion'>): string {
  const t = i18n.getFixedT(null, 'reports');
  const v = String(r.version);
  if (r.publishedVersion === null) return r.version === 1 ? t('state.draft') : t('state.draftV', { v });
  if (r.publishedVersion === r.version) return t('state.published', { v });
  return t('state.draftOverPublished', { v, published: String(r.publishedVersion) });
}
