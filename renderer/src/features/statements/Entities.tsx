import { useMemo } from 'react';
import { extractAll, pivotQuery, type PivotKind } from '../../../../shared/text';
import { Chip } from '../../components/text';
import { Link, paths } from '../../app/router';
import { useTranslation } from 'react-i18next';

interface Item { label: string; kind: PivotKind; value: string }

/**
 * Hashtags, mentions, scripture references and links found in the texts, as they are typed. Each
 * is a pivot: a link to the search for every record that shares it (a link is never loaded).
 */
export function Entities({ texts }: { texts: (string | null | undefined)[] }) {
  const { t } = useTranslation('statements');
  const found = useMemo(() => {
    const all = texts.filter((x): x is string => !!x).map(extractAll);
    const uniq = (xs: Item[]) => [...new Map(xs.map((x) => [x.label, x])).values()];
    return {
      hashtags: uniq(all.flatMap((e) => e.hashtags.map((h): Item => ({ label: h.startsWith('#') ? h : `#${h}`, kind: 'tag', value: h })))),
      mentions: uniq(all.flatMap((e) => e.mentions.map((m): Item => ({ label: m.startsWith('@') ? m : `@${m}`, kind: 'mention', value: m })))),
      scripture: uniq(all.flatMap((e) => e.scriptureRefs.map((r): Item => ({
        label: t('entities.quran', { ref: `${r.chapter}:${r.verse}${r.verseEnd ? `–${r.verseEnd}` : ''}`, text: r.text.replace(/^[[(﴿]+|[\])﴾]+$/gu, '') }),
        kind: 'quran', value: `${r.chapter}:${r.verse}${r.verseEnd ? `-${r.verseEnd}` : ''}`,
      })))),
      links: uniq(all.flatMap((e) => e.links.map((l): Item => ({ label: l, kind: 'url', value: l })))),
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
            {g.items.map((x) => (
              <li key={x.label}>
                <Link to={paths.search(pivotQuery(x.kind, x.value))} className="pivot" title={t('entities.pivotHint')}>
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
