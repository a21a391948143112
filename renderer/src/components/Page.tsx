import { useCallback, useRef } from 'react';
import type { ReactNode } from 'react';
import { useArrivalFocus } from './arrival';
import { useTranslation } from 'react-i18next';

/** A screen: its heading (where focus lands on arrival, or its first field after a create), actions, then content. */
export function Page({ title, actions, children, className, before }: {
  title: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; before?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const loading = useCallback(() => !!ref.current?.querySelector(':scope > .page-loading'), []);
  useArrivalFocus(ref, loading);
  return (
    <div ref={ref} className={`page${className ? ` ${className}` : ''}`}>
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
  const { t } = useTranslation('common');
  return <p className="muted page-loading" role="status">{t('loading', { what })}</p>;
}
