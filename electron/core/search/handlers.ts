import { handlerGroup } from '../services/types';
import { search } from './search';
import { suggest } from './names';
import { ensureIndex } from './indexWriter';

export const searchHandlers = handlerGroup({
  'search.query': (s, _a, input) => search(s.db, input.q, {
    types: input.types, limit: input.limit, offset: input.offset, expandAliases: input.expandAliases,
  }),
  'search.suggest': (s, _a, input) => {
    ensureIndex(s.db);
    const items = suggest(s.db, input.q, input.limit, input.kinds);
    return { items: items.map((i) => ({ kind: i.kind, id: i.id, label: i.label, names: i.names, score: i.score })) };
  },
});
