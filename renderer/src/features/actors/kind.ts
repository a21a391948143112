import type { DraftKind } from '../../data/drafts';

export const ACTOR_KIND: DraftKind = { method: 'actors.update' };
