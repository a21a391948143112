import { useMemo } from 'react';
import type { MouseEvent } from 'react';
import { renderMarkdown } from './renderMarkdown';
import { useOpenExternal } from './ExternalUrl';

/** Sanitized markdown. The only place the app puts HTML into the DOM. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  const open = useOpenExternal();
  const click = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as HTMLElement).closest('a');
    if (!a) return;
    e.preventDefault();
    const href = a.getAttribute('data-href');
    if (href && /^https?:/i.test(href)) open.ask(href);
  };
  return (
    <>
      <div
        className={`markdown${className ? ` ${className}` : ''}`} dir="auto" onClick={click}
        // Sanitized above: markdown-it with html:false, then DOMPurify.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {open.dialog}
    </>
  );
}
