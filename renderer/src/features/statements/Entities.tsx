import { useMemo } from 'react';
import { extractAll } from '../../../../shared/text';
import { Chip } from '../../components/text';
import { useTranslation } from 'react-i18next';

/** Hashtags, mentions, scripture references and links found in the texts, as they are typed. */
export function Entities({ texts }: { texts: (string | null | undefined)[] }) {
  const { t } = useTranslation('statements');
  const found = useMemo(() => {
    const all = texts.filter((x): x is string => !!x).map(extractAll);
    const uniq = (xs: string[]) => [...new Set(xs)];
    return {
      hashtags: uniq(all.flatMap((e) => e.hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`)))),
      mentions: uniq(all.flatMap((e) => e.mentions.map((m) => (m.startsWith('@') ? m : `@${m}`)))),
      scripture: uniq(all.flatMap((e) => e.scriptureRefs.map((r) => t('entities.quran', { ref: `${r.chapter}:${r.verse}${r.verseEnd ? `–${r.verseEnd}` : ''}`, text: r.text.replace(/^[[(﴿]+|[\])﴾]+$/gu, '') })))),
      links: uniq(all.flatMap((e) => e.links)),
    };
  }, [texts, t]);
  const groups = [
    { label: t('entities.hashtags'), items: found.hashtags, cls: 'chip-hashtag' },
    { label: t('entities.mentions'), items: found.mentions, cls: 'chip-mention' },
    { label: t('entities.scripture'), items: found.scripture, cls: 'chip-scripture' },
    { label: t('entities.links'), items: found.links, cls: 'chip-link' },
  ].filter((g) => g.items.length);
  if (!groups.length) return <p className="muted small">{t('entities.none')}</p>;
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
