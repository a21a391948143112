import type { ReactNode } from 'react';

/** A screen: its heading (where focus lands on arrival), actions, then content. */
export function Page({ title, actions, children, className, before }: {
  title: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; before?: ReactNode;
}) {
  return (
    <div className={`page${className ? ` ${className}` : ''}`}>
      {before}
      <div className="page-head">
        <h1 tabIndex={-1} className="page-title">{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <p className="muted" role="status">Loading {what}…</p>;
}
