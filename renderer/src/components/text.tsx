/**
 * Captured text on screen. Every original goes into its own direction (`dir="auto"`), inline
 * names and tags into <bdi>, so Arabic, Latin hashtags, handles and URLs sit together without
 * reordering the UI around them. Never HTML.
 */
import { Fragment, useMemo } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import { balanceBidi, findHiddenCharacters } from '../../../shared/text';
import { paragraphRuns } from '../../../shared/text/direction';
import { i18n } from '../i18n/instance';

/**
 * Text as it goes inside a <bdi>: balanced, so a stray PDI in it cannot close the <bdi> early
 * (shared/text/isolate.ts). A catalogue sentence (<Trans>) hands its <b>{{name}}</b> over as an array.
 */
const inside = (children: ReactNode): ReactNode => (typeof children === 'string'
  ? balanceBidi(children)
  : Array.isArray(children) ? children.map((c: ReactNode) => (typeof c === 'string' ? balanceBidi(c) : c)) : children);

/** An inline piece of captured text (a name, a hashtag, a handle, a title in a sentence), isolated from what is around it. */
export function B({ children, ...rest }: ComponentProps<'bdi'>) {
  return <bdi {...rest}>{inside(children)}</bdi>;
}

/** A block of captured text, wrapped in its own direction. */
export function Captured({ text, className, inspect = false }: { text: string; className?: string; inspect?: boolean }) {
  return (
    <div className={`captured${className ? ` ${className}` : ''}`} dir="auto">
      {inspect ? <WithControls text={text} /> : isolate(text)}
    </div>
  );
}

/**
 * Each line is its own block with its own direction (`dir="auto"`), as a line of plain text is
 * its own paragraph: an Arabic line reads and aligns right to left, a Latin one left to right,
 * and a bidi control a line leaves open ends with its block. (Not an inline <bdi> per line: the
 * automatic direction of the container skips <bdi> children, so it fell back to left to right
 * and every Arabic original was laid out as a left-to-right paragraph.) Inside a line, hashtags,
 * handles, links and scripture references are isolated (see Paragraphs). The newline stays in
 * the text, at the end of its line, so the text content is exactly the original.
 */
function isolate(text: string): ReactNode {
  return <Paragraphs text={text} className="captured-line" />;
}

/**
 * Plain text as paragraphs, one per line, each with its own direction, and in each the detected
 * hashtags, handles, links and scripture references (and, with `quotations`, quoted passages) in
 * their own <bdi>, so "#طوفان_الأقصى #Al_Aqsa_Flood" keeps its "#" in front and an English
 * comment opening with an Arabic quotation stays left to right (shared/text/direction.ts).
 * Text nodes and elements only, never HTML; the text content is exactly `text`.
 */
export function Paragraphs({ text, className, quotations = false }: { text: string; className?: string; quotations?: boolean }) {
  // Finding entities folds the text and runs the scripture patterns: once per text, not per render.
  const paragraphs = useMemo(() => text.split('\n').map((line) => paragraphRuns(line, { quotations })), [text, quotations]);
  const lines = paragraphs.length;
  return (
    <>
      {paragraphs.map((p, i) => {
        return (
          <div key={i} dir={p.dir} className={className}>
            {p.runs.map((r, k) => (r.isolate
              ? <bdi key={k} dir={r.isolate.dir} className={`isolated isolated-${r.isolate.kind}`}>{r.text}</bdi>
              : <Fragment key={k}>{r.text}</Fragment>))}
            {i < lines - 1 ? '\n' : null}
          </div>
        );
      })}
    </>
  );
}

/** What a person wrote (a comment, a translator's note): paragraphs with their own directions, quotations isolated. */
export function Written({ text, className }: { text: string; className?: string }) {
  return <div className={`written${className ? ` ${className}` : ''}`}><Paragraphs text={text} quotations /></div>;
}

/** The text with every bidi control and invisible character shown as a visible badge instead of acting on the text. */
export function WithControls({ text }: { text: string }) {
  const controls = findHiddenCharacters(text);
  if (controls.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  controls.forEach((c, i) => {
    if (c.index > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, c.index)}</Fragment>);
    parts.push(
      <span key={`c${i}`} className={c.kind === 'direction' ? 'bidi-control' : 'bidi-control invisible-char'} title={`U+${c.char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} ${c.name}`}>
        {`⟨${c.name}⟩`}
      </span>,
    );
    at = c.index + 1;
  });
  if (at < text.length) parts.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}

/** How many direction controls and invisible characters a text holds, for "Turn on Inspect to see them". */
export function hiddenCounts(text: string | null | undefined): { direction: number; invisible: number } {
  const found = text ? findHiddenCharacters(text) : [];
  return { direction: found.filter((c) => c.kind === 'direction').length, invisible: found.filter((c) => c.kind === 'invisible').length };
}

/** "4 hidden direction characters and 1 invisible character", or null when there are none. */
export function hiddenSummary(text: string | null | undefined): string | null {
  const { direction, invisible } = hiddenCounts(text);
  const t = i18n.getFixedT(null, 'common');
  const parts = [
    direction ? t('hidden.direction', { count: direction }) : '',
    invisible ? t('hidden.invisible', { count: invisible }) : '',
  ].filter(Boolean);
  return parts.length === 2 ? t('hidden.and', { first: parts[0], second: parts[1] }) : parts[0] ?? null;
}

/** A snippet with highlights, split at the highlight offsets into React nodes: never HTML. Put it in a `dir="auto"` block. */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly (readonly [number, number])[] }) {
  const sorted = [...highlights]
    .filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && e > s && s >= 0)
    .sort((a, b) => a[0] - b[0]);
  const parts: ReactNode[] = [];
  let at = 0;
  sorted.forEach(([s, e], i) => {
    const start = Math.max(s, at);
    const end = Math.min(e, text.length);
    if (end <= start) return;
    if (start > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, start)}</Fragment>);
    parts.push(<mark key={`m${i}`}>{text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < text.length) parts.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  // No <bdi> of its own: it goes into a `dir="auto"` block, whose direction comes from this text
  // (a <bdi> child would be skipped and leave an Arabic snippet laid out left to right).
  return <>{parts}</>;
}

export function Chip({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={`chip${className ? ` ${className}` : ''}`}><bdi>{inside(children)}</bdi></span>;
}
