import { parsePartial } from '../../components/format';

export type Zoom = 'year' | 'month' | 'week' | 'day';
export const ZOOMS: readonly Zoom[] = ['year', 'month', 'week', 'day'];
export const ZOOM_LABELS: Record<Zoom, string> = { year: 'Years', month: 'Months', week: 'Weeks', day: 'Days' };

export interface TimelineItem {
  kind: 'statement' | 'source' | 'event';
  id: string;
  title: string;
  date: string;
  /** The record's date precision: a statement known only to the month sits in its month. */
  precision: 'year' | 'month' | 'day' | 'minute';
}

export interface Bucket { key: string; start: Date; items: TimelineItem[] }

const DAY = 86_400_000;

export function bucketStart(d: Date, zoom: Zoom): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (zoom) {
    case 'year': return new Date(Date.UTC(y, 0, 1));
    case 'month': return new Date(Date.UTC(y, m, 1));
    case 'week': {
      const day = new Date(Date.UTC(y, m, d.getUTCDate()));
      const dow = (day.getUTCDay() + 6) % 7; // Monday first
      return new Date(day.getTime() - dow * DAY);
    }
    case 'day': return new Date(Date.UTC(y, m, d.getUTCDate()));
  }
}

export function nextStart(d: Date, zoom: Zoom): Date {
  switch (zoom) {
    case 'year': return new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
    case 'month': return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    case 'week': return new Date(d.getTime() + 7 * DAY);
    case 'day': return new Date(d.getTime() + DAY);
  }
}

const MAX_COLUMNS = 400;

/**
 * Items in columns along one axis. Between the first and last item every column is shown, so
 * distance means time; past MAX_COLUMNS only the columns with items are, with gaps marked.
 */
export function bucketize(items: TimelineItem[], zoom: Zoom): { buckets: (Bucket | { gap: number; key: string })[]; undated: TimelineItem[] } {
  const undated: TimelineItem[] = [];
  const map = new Map<number, Bucket>();
  for (const it of items) {
    const d = parsePartial(it.date);
    if (!d) { undated.push(it); continue; }
    const start = bucketStart(d, zoom);
    const t = start.getTime();
    let b = map.get(t);
    if (!b) map.set(t, (b = { key: start.toISOString(), start, items: [] }));
    b.items.push(it);
  }
  const filled = [...map.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const b of filled) b.items.sort((x, y) => x.date.localeCompare(y.date));
  if (filled.length === 0) return { buckets: [], undated };
  const all: Bucket[] = [];
  for (let s = filled[0]!.start; s.getTime() <= filled[filled.length - 1]!.start.getTime() && all.length <= MAX_COLUMNS; s = nextStart(s, zoom)) {
    all.push(map.get(s.getTime()) ?? { key: s.toISOString(), start: s, items: [] });
  }
  if (all.length <= MAX_COLUMNS) return { buckets: all, undated };
  const out: (Bucket | { gap: number; key: string })[] = [];
  filled.forEach((b, i) => {
    const prev = filled[i - 1];
    if (prev) {
      let n = 0;
      for (let s = nextStart(prev.start, zoom); s.getTime() < b.start.getTime() && n < 100_000; s = nextStart(s, zoom)) n++;
      if (n > 0) out.push({ gap: n, key: `gap-${b.key}` });
    }
    out.push(b);
  });
  return { buckets: out, undated };
}
