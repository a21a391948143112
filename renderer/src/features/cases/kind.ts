import type { DraftKind } from '../../data/drafts';

export const CASE_KIND: DraftKind = { method: 'cases.update' };
