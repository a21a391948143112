import { useMemo } from 'react';
import { extractAll } from '../../../../shared/text';
import { Chip } from '../../components/text';

/** Hashtags, mentions, scripture references and links found in the texts, as they are typed. */
export function Entities({ texts }: { texts: (string | null | undefined)[] }) {
  const found = useMemo(() => {
    const all = texts.filter((t): t is string => !!t).map(extractAll);
    const uniq = (xs: string[]) => [...new Set(xs)];
    return {
      hashtags: uniq(all.flatMap((e) => e.hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`)))),
      mentions: uniq(all.flatMap((e) => e.mentions.map((m) => (m.startsWith('@') ? m : `@${m}`)))),
      scripture: uniq(all.flatMap((e) => e.scriptureRefs.map((r) => `Quran ${r.chapter}:${r.verse}${r.verseEnd ? `–${r.verseEnd}` : ''} · ${r.text.replace(/^[[(﴿]+|[\])﴾]+$/gu, '')}`))),
      links: uniq(all.flatMap((e) => e.links)),
    };
  }, [texts]);
  const groups = [
    { label: 'Hashtags', items: found.hashtags, cls: 'chip-hashtag' },
    { label: 'Mentions', items: found.mentions, cls: 'chip-mention' },
    { label: 'Scripture references', items: found.scripture, cls: 'chip-scripture' },
    { label: 'Links (not loaded)', items: found.links, cls: 'chip-link' },
  ].filter((g) => g.items.length);
  if (!groups.length) return <p className="muted small">No hashtags, mentions, scripture references or links detected.</p>;
  return (
    <div className="entities">
      {groups.map((g) => (
        <div key={g.label} className="entity-group">
          <span className="entity-label">{g.label}</span>
          <ul className="chips" aria-label={g.label}>
            {g.items.map((x) => <li key={x}><Chip className={g.cls}>{x}</Chip></li>)}
          </ul>
        </div>
      ))}
    </div>
  );
}
