import type { DraftKind } from '../../data/drafts';

export const SOURCE_KIND: DraftKind = { method: 'sources.update' };
