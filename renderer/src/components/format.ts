/**
 * Dates and numbers for people, in the interface language (Intl only: never by hand). Gregorian
 * with the Hijri (Umm al-Qura) date beside it where it helps. Display only: stored values and
 * what the user types into search stay as they are (ASCII digits, ISO dates).
 */
import type { DatePrecision } from '../../../shared/domain';
import { i18n } from '../i18n/instance';

type Formats = {
  gregorian: Record<DatePrecision, Intl.DateTimeFormat>;
  hijri: Record<'year' | 'month' | 'day', Intl.DateTimeFormat>;
  stamp: Intl.DateTimeFormat;
  number: Intl.NumberFormat;
  decimal: Intl.NumberFormat;
  percent: Intl.NumberFormat;
};

function build(language: string): Formats {
  // en-GB: day before month, as the desk writes dates; ar: Arabic month names and the digits the locale uses.
  const g = language === 'ar' ? 'ar-u-ca-gregory' : 'en-GB';
  const h = `${language === 'ar' ? 'ar' : 'en'}-u-ca-islamic-umalqura`;
  return {
    gregorian: {
      year: new Intl.DateTimeFormat(g, { year: 'numeric', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(g, { year: 'numeric', month: 'long', timeZone: 'UTC' }),
      day: new Intl.DateTimeFormat(g, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }),
      minute: new Intl.DateTimeFormat(g, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }),
    },
    hijri: {
      year: new Intl.DateTimeFormat(h, { year: 'numeric', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(h, { year: 'numeric', month: 'long', timeZone: 'UTC' }),
      day: new Intl.DateTimeFormat(h, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
    },
    stamp: new Intl.DateTimeFormat(g, { dateStyle: 'medium', timeStyle: 'short' }),
    number: new Intl.NumberFormat(language === 'ar' ? 'ar' : 'en-GB'),
    decimal: new Intl.NumberFormat(language === 'ar' ? 'ar' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    percent: new Intl.NumberFormat(language === 'ar' ? 'ar' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }),
  };
}

// Building a DateTimeFormat is slow next to using one: one set per language, made on first use.
const cache = new Map<string, Formats>();
function formats(): Formats {
  const language = i18n.language === 'ar' ? 'ar' : 'en';
  let f = cache.get(language);
  if (!f) { f = build(language); cache.set(language, f); }
  return f;
}

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
  return formats().gregorian[precision ?? precisionOf(value)].format(d);
}

export function formatHijri(value: string | null | undefined, precision?: DatePrecision): string {
  const d = parsePartial(value);
  if (!d || !value) return '';
  const p = precision ?? precisionOf(value);
  // A Gregorian year or month straddles two Hijri ones: name the Hijri date of its start.
  return formats().hijri[p === 'minute' ? 'day' : p].format(d);
}

export function formatStamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formats().stamp.format(d);
}

/** A count or other whole number, grouped as the interface language groups digits. */
export function formatNumber(n: number): string {
  return formats().number.format(n);
}

/** A share (0..1) as a whole percentage. */
export function formatPercent(share: number): string {
  return formats().percent.format(Math.floor(share * 100) / 100);
}

export function formatBytes(n: number): string {
  const t = i18n.getFixedT(null, 'common');
  if (n < 1024) return t('bytes.b', { value: formatNumber(n) });
  if (n < 1024 * 1024) return t('bytes.kb', { value: formats().decimal.format(n / 1024) });
  return t('bytes.mb', { value: formats().decimal.format(n / 1024 / 1024) });
}
