import type { Command } from 'commander';
import { SearchType } from '../../../shared/domain';
import { follow } from '../progress';
import { int } from '../input';
import { action, UsageError, type Session } from '../session';
import { err, out, plural, table } from '../output';

const TYPES = SearchType.options;

function types(value: string, previous: SearchType[] = []): SearchType[] {
  const list = value.split(',').map((t) => t.trim()).filter(Boolean);
  for (const t of list) {
    if (!(TYPES as readonly string[]).includes(t)) throw new UsageError(`--type: "${t}" is not one of ${TYPES.join(', ')}`);
  }
  return [...previous, ...(list as SearchType[])];
}

/** The snippet with its highlights marked, for a terminal that cannot show colours. */
function marked(snippet: { text: string; highlights: [number, number][] }): string {
  let outText = '';
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    outText += snippet.text.slice(at, start) + '[' + snippet.text.slice(start, end) + ']';
    at = end;
  }
  return (outText + snippet.text.slice(at)).replace(/\s+/g, ' ').trim();
}

export function registerSearch(program: Command): void {
  program.command('search')
    .description('search every record: words, "exact phrases", prefix*, -excluded, OR, and filters such as type:statement case:ID speaker:NAME lang:ar from:2023-10-01 to:2023-11-30 marking:public tag:X translation:approved (or translation:en, translation:en:draft, translation:any), and pivots mention:HANDLE quran:8:17 url:ADDRESS')
    .argument('<query...>', 'the query (quote it to keep it one argument)')
    .option('--type <types>', `only these kinds of record, comma-separated (${TYPES.join(', ')})`, types)
    .option('--limit <n>', 'how many hits (at most 200)', int(1), 20)
    .option('--offset <n>', 'skip this many hits (to page)', int(0), 0)
    .option('--no-expand', 'do not also search the other names of an actor a query term names')
    .action(action(async (s: Session, words: string[], o: { type?: SearchType[]; limit: number; offset: number; expand: boolean }) => {
      const result = await s.invoke('search.query', {
        as: await s.as(), q: words.join(' '), limit: o.limit, offset: o.offset, expandAliases: o.expand,
        ...(o.type?.length ? { types: o.type } : {}),
      });
      s.emit(result, (r) => {
        for (const e of r.expansions) out(`"${e.term}" also searched as: ${e.names.join(', ')}`);
        if (!r.hits.length) { out('No matches.'); return; }
        table(['TYPE', 'ID', 'TITLE', 'SNIPPET'], r.hits.map((h) => [h.type, h.id, h.title, marked(h.snippet)]), 60);
        const count = (n: number) => (n >= r.cap ? `${r.cap}+` : String(n));
        const facets = Object.entries(r.facets.type).map(([t, n]) => `${count(n)} ${t}`).join(', ');
        out(`${r.capped ? `${r.cap}+` : r.total} match${r.total === 1 && !r.capped ? '' : 'es'} (${facets})${r.total > r.hits.length ? `; showing ${o.offset + 1}-${o.offset + r.hits.length}` : ''}`);
      });
    }));

  program.command('reindex')
    .description('rebuild the search index from the records, and say how long it took; refused while the records disagree with the audit trail')
    .option('--force', 'rebuild anyway, after printing what disagrees')
    .action(action(async (s: Session, o: { force?: boolean }) => {
      const as = await s.as();
      // The Core checks the records against the trail first and refuses while they disagree
      // (desk.reindex): a rebuilt index would hide a record edited outside Casefile from the
      // index check. Not cancellable: the rebuild runs in one synchronous stretch, so Ctrl-C
      // ends the process. The live index changes only in the one short transaction that swaps
      // the rebuilt copy in; a copy left half-built is dropped by the next rebuild.
      const f = follow(s, 'Reindexing', { cancellable: false });
      let r;
      try {
        r = await s.invoke('desk.reindex', { as, force: o.force === true }, f.run);
      } finally {
        f.done();
      }
      if (r.problems.length) {
        err(`${plural(r.problems.length, 'problem')} in ${s.dataDir}:`);
        for (const p of r.problems) err(`  - ${p}`);
        err('Rebuilt anyway (--force): the problems above remain, and "casefile check" keeps reporting them.');
      }
      s.emit(r, (x) => out(`Reindexed ${x.documents} records in ${(x.ms / 1000).toFixed(2)} s${x.worker ? ' (with a worker thread)' : ''}.`));
    }));
}
