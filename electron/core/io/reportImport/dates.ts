// Dates as English-language reports write them: "November 1, 2023", "Nov. 1, 2023",
// "1 November 2023", "October 23" (the year from the dateline), "2023-11-01".

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAMES = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const MONTH_DAY = new RegExp(`\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'gi');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_NAMES})\\.?(?:,?\\s+(\\d{4})\\b)?`, 'gi');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

export interface FoundDate {
  /** ISO date, 2023-11-01. */
  iso: string;
  /** Whether the year was written (else it was taken from the reference date). */
  hasYear: boolean;
  start: number;
  end: number;
}

function monthIndex(name: string): number {
  const n = name.toLowerCase().replace('.', '');
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3)));
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 0 || m > 11 || d < 1) return null;
  const days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Every full date in the text, in order. A date without a year takes the year of `ref`
 * (the dateline), or the year before when its month lies after the dateline's.
 */
export function findDates(text: string, ref: string | null = null): FoundDate[] {
  const refY = ref ? Number(ref.slice(0, 4)) : null;
  const refM = ref ? Number(ref.slice(5, 7)) - 1 : null;
  const out: FoundDate[] = [];
  const add = (start: number, end: number, y: string | undefined, m: number, d: number) => {
    let year = y ? Number(y) : refY;
    if (year === null) return;
    if (!y && refM !== null && m > refM) year -= 1;
    const v = iso(year, m, d);
    if (v && !out.some((o) => start < o.end && o.start < end)) out.push({ iso: v, hasYear: !!y, start, end });
  };
  // "may 5" in lower case is a verb and a number, not a date: month names are capitalised.
  const named = (w: string) => w !== w.toLowerCase();
  for (const m of text.matchAll(MONTH_DAY)) if (named(m[1] as string)) add(m.index, m.index + m[0].length, m[3], monthIndex(m[1] as string), Number(m[2]));
  for (const m of text.matchAll(DAY_MONTH)) if (named(m[2] as string)) add(m.index, m.index + m[0].length, m[3], monthIndex(m[2] as string), Number(m[1]));
  for (const m of text.matchAll(ISO)) add(m.index, m.index + m[0].length, m[1], Number(m[2]) - 1, Number(m[3]));
  return out.sort((a, b) => a.start - b.start);
}

/** 2023-11-01 -> November 1, 2023 */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const month = MONTHS[m - 1] as string;
  return `${month.charAt(0).toUpperCase()}${month.slice(1)} ${d}, ${y}`;
}

const WEEKDAY = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?/gi;

/**
 * A line that is a dateline: a date with its year, alone or after a place and a separator
 * ("Baghdad, November 1, 2023", "BAGHDAD — Nov. 1, 2023"), with or without the weekday.
 */
export function parseDateline(line: string): { date: string; place: string | null } | null {
  if (line.length > 100) return null;
  const dates = findDates(line);
  if (dates.length !== 1 || !(dates[0] as FoundDate).hasYear) return null;
  const d = dates[0] as FoundDate;
  const after = line.slice(d.end).replace(WEEKDAY, '').replace(/[\s.]+/g, '');
  if (after !== '') return null;
  const before = line.slice(0, d.start).replace(WEEKDAY, '').replace(/[\s,:|—–-]+$/u, '').trim();
  if (before === '') return { date: d.iso, place: null };
  if (before.length > 60 || /\d/.test(before) || before.split(/\s+/).length > 5) return null;
  return { date: d.iso, place: before };
}
