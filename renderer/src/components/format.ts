/** Dates for people: Gregorian with the Hijri (Umm al-Qura) date beside it where it helps. */
import type { DatePrecision } from '../../../shared/domain';

const gregorian = {
  year: new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'UTC' }),
  month: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', timeZone: 'UTC' }),
  day: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }),
  minute: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }),
};
const hijri = {
  year: new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { year: 'numeric', timeZone: 'UTC' }),
  month: new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { year: 'numeric', month: 'long', timeZone: 'UTC' }),
  day: new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
};
const stamp = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** A partial date (2023, 2023-11, 2023-11-01, or a timestamp) as a Date at its start, or null. */
export function parsePartial(value: string | null | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return null;
  if (value.length > 10) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const d = new Date(Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function precisionOf(value: string): DatePrecision {
  if (value.length <= 4) return 'year';
  if (value.length <= 7) return 'month';
  if (value.length <= 10) return 'day';
  return 'minute';
}

export function formatGregorian(value: string | null | undefined, precision?: DatePrecision): string {
  const d = parsePartial(value);
  if (!d || !value) return '';
  return gregorian[precision ?? precisionOf(value)].format(d);
}

export function formatHijri(value: string | null | undefined, precision?: DatePrecision): string {
  const d = parsePartial(value);
  if (!d || !value) return '';
  const p = precision ?? precisionOf(value);
  // A Gregorian year or month straddles two Hijri ones: name the Hijri date of its start.
  return hijri[p === 'minute' ? 'day' : p].format(d);
}

export function formatStamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : stamp.format(d);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
