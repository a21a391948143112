/**
 * A long list that only renders what is in view (10,000 statements scroll like 10). One tab
 * stop: arrows, Page Up/Down, Home/End move the active row, Enter opens it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column { key: string; label: string }

interface Props {
  label: string;
  count: number;
  rowHeight: number;
  columns: readonly Column[];
  /** One node per column for row `index`; null while that row is still loading. */
  renderRow(index: number): ReactNode[] | null;
  onActivate?(index: number): void;
  /** The rows in view changed (to load the pages they are on). */
  onRange?(start: number, end: number): void;
  /** The active row changed (actions in a toolbar act on it). */
  onActiveChange?(index: number): void;
  className?: string;
  empty?: ReactNode;
}

export function VirtualGrid({ label, count, rowHeight, columns, renderRow, onActivate, onRange, onActiveChange, className, empty }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const ids = useId();
  const { t } = useTranslation('common');
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 800, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => { onRange?.(first, last); }, [first, last, onRange]);
  useEffect(() => { if (active >= count && count > 0) setActive(count - 1); }, [active, count]);
  useEffect(() => { onActiveChange?.(active); }, [active, onActiveChange]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== gridRef.current || count === 0) return;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight || 600) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1), ArrowUp: () => move(active - 1),
      PageDown: () => move(active + pageRows), PageUp: () => move(active - pageRows),
      Home: () => move(0), End: () => move(count - 1),
      Enter: () => onActivate?.(active),
    };
    const run = keys[e.key];
    if (run) { e.preventDefault(); run(); }
  };

  const cols = columns.length;
  return (
    <div
      ref={gridRef} role="grid" aria-label={label} aria-rowcount={count + 1} aria-colcount={cols}
      tabIndex={0} onKeyDown={keyDown} className={`vgrid${className ? ` ${className}` : ''}`}
      aria-activedescendant={count > 0 && active >= first && active <= last ? `${ids}-r${active}` : undefined}
    >
      <div role="rowgroup" className="vgrid-head">
        <div role="row" aria-rowindex={1} className="vgrid-row">
          {columns.map((c) => <div role="columnheader" key={c.key} className={`cell cell-${c.key}`}>{c.label}</div>)}
        </div>
      </div>
      <div ref={scrollRef} className="vgrid-body" role="rowgroup">
        {count === 0 && empty ? <div className="vgrid-empty" role="row"><div role="gridcell">{empty}</div></div> : null}
        <div className="vgrid-space" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi) => {
            const cells = renderRow(vi.index);
            return (
              <div
                key={vi.key} id={`${ids}-r${vi.index}`} role="row" aria-rowindex={vi.index + 2}
                aria-selected={vi.index === active} data-index={vi.index}
                className={`vgrid-row${vi.index === active ? ' is-active' : ''}`}
                style={{ height: rowHeight, transform: `translateY(${vi.start}px)` }}
                onClick={() => { setActive(vi.index); }}
                onDoubleClick={() => onActivate?.(vi.index)}
              >
                {cells
                  ? cells.map((cell, i) => <div role="gridcell" key={columns[i]?.key ?? i} className={`cell cell-${columns[i]?.key ?? i}`}>{cell}</div>)
                  : <div role="gridcell" className="cell cell-loading" aria-colspan={cols}>{t('loadingRow')}</div>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
