import { useMemo } from 'react';
import { extractAll, pivotQuery, type PivotKind } from '../../../../shared/text';
import { Chip } from '../../components/text';
import { Link, paths } from '../../app/router';

const text = {
  hashtags: 'Hashtags',
  mentions: 'Mentions',
  scripture: 'Scripture references',
  links: 'Links (not loaded)',
  none: 'No hashtags, mentions, scripture references or links detected.',
  pivotHint: 'Every record that shares it',
};

interface Item { label: string; kind: PivotKind; value: string }

/**
 * Hashtags, mentions, scripture references and links found in the texts, as they are typed. Each
 * is a pivot: a link to the search for every record that shares it (a link is never loaded).
 */
export function Entities({ texts }: { texts: (string | null | undefined)[] }) {
  const found = useMemo(() => {
    const all = texts.filter((t): t is string => !!t).map(extractAll);
    const uniq = (xs: Item[]) => [...new Map(xs.map((x) => [x.label, x])).values()];
    return {
      hashtags: uniq(all.flatMap((e) => e.hashtags.map((h): Item => ({ label: h.startsWith('#') ? h : `#${h}`, kind: 'tag', value: h })))),
      mentions: uniq(all.flatMap((e) => e.mentions.map((m): Item => ({ label: m.startsWith('@') ? m : `@${m}`, kind: 'mention', value: m })))),
      scripture: uniq(all.flatMap((e) => e.scriptureRefs.map((r): Item => ({
        label: `Quran ${r.chapter}:${r.verse}${r.verseEnd ? `–${r.verseEnd}` : ''} · ${r.text.replace(/^[[(﴿]+|[\])﴾]+$/gu, '')}`,
        kind: 'quran', value: `${r.chapter}:${r.verse}${r.verseEnd ? `-${r.verseEnd}` : ''}`,
      })))),
      links: uniq(all.flatMap((e) => e.links.map((l): Item => ({ label: l, kind: 'url', value: l })))),
    };
  }, [texts]);
  const groups = [
    { label: text.hashtags, items: found.hashtags, cls: 'chip-hashtag' },
    { label: text.mentions, items: found.mentions, cls: 'chip-mention' },
    { label: text.scripture, items: found.scripture, cls: 'chip-scripture' },
    { label: text.links, items: found.links, cls: 'chip-link' },
  ].filter((g) => g.items.length);
  if (!groups.length) return <p className="muted small">{text.none}</p>;
  return (
    <div className="entities">
      {groups.map((g) => (
        <div key={g.label} className="entity-group">
          <span className="entity-label">{g.label}</span>
          <ul className="chips" aria-label={g.label}>
            {g.items.map((x) => (
              <li key={x.label}>
                <Link to={paths.search(pivotQuery(x.kind, x.value))} className="pivot" title={text.pivotHint}>
                  <Chip className={g.cls}>{x.label}</Chip>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
