import { z } from 'zod';

/** The kinds of record full-text search finds (`type:` in a query, `types` of search.query). */
export const SearchType = z.enum(['statement', 'source', 'note', 'report', 'case', 'actor']);
export type SearchType = z.infer<typeof SearchType>;

/** What the quick switcher (search.suggest) offers: names from the small name index. */
export const SuggestKind = z.enum(['actor', 'case', 'tag', 'handle']);
export type SuggestKind = z.infer<typeof SuggestKind>;
