/**
 * Captured text on screen. Every original goes into its own direction (`dir="auto"`), inline
 * names and tags into <bdi>, so Arabic, Latin hashtags, handles and URLs sit together without
 * reordering the UI around them. Never HTML.
 */
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { findBidiControls } from '../../../shared/text';

/** An inline piece of captured text (a name, a hashtag, a handle). */
export function B({ children, className }: { children: ReactNode; className?: string }) {
  return <bdi className={className}>{children}</bdi>;
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
 * Bidi controls left in the text can reorder whatever follows: each line is isolated (<bdi>
 * per line, which also closes any embedding a line leaves open) so they stay inside it.
 */
function isolate(text: string): ReactNode {
  const lines = text.split('\n');
  return lines.map((line, i) => (
    <Fragment key={i}>
      <bdi>{line}</bdi>
      {i < lines.length - 1 ? '\n' : null}
    </Fragment>
  ));
}

/** The text with every bidi control shown as a visible badge instead of acting on the text. */
export function WithControls({ text }: { text: string }) {
  const controls = findBidiControls(text);
  if (controls.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  controls.forEach((c, i) => {
    if (c.index > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, c.index)}</Fragment>);
    parts.push(
      <span key={`c${i}`} className="bidi-control" title={`U+${c.char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} ${c.name}`}>
        {`⟨${c.name}⟩`}
      </span>,
    );
    at = c.index + 1;
  });
  if (at < text.length) parts.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}

export function bidiCount(text: string | null | undefined): number {
  return text ? findBidiControls(text).length : 0;
}

/** A snippet with highlights, split at the highlight offsets into React nodes: never HTML. */
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
  return <bdi>{parts}</bdi>;
}

export function Chip({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={`chip${className ? ` ${className}` : ''}`}><bdi>{children}</bdi></span>;
}
