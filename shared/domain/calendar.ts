/**
 * Real dates and real time zones. A pattern alone lets 2023-13-45 through, and a stored
 * impossible date is then shown with a Hijri date of some other month; every door (the app,
 * the CLI, `casefile call`, imports) parses with the domain schemas, so the check lives here.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2023, 2023-11, 2023-11-01, 2023-11-01T14:30Z, 2023-11-01T14:30:05.123+03:00 (the shape PartialDate accepts). */
const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2})))?)?)?$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * What is impossible about a date of the PartialDate shape ("there is no month 13"), or null
 * when it is a real date (or not of that shape at all: the pattern says what is wrong then).
 */
export function partialDateProblem(value: string): string | null {
  const m = PARTIAL.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, oh, om] = m;
  const year = Number(y);
  if (mo !== undefined) {
    const month = Number(mo);
    if (month < 1 || month > 12) return `there is no month ${mo} (months are 01 to 12)`;
    if (d !== undefined) {
      const day = Number(d);
      const days = daysInMonth(year, month);
      if (day < 1 || day > days) return `${MONTHS[month - 1]} ${y} has no day ${d} (it has ${days} days)`;
    }
  }
  if (h !== undefined && Number(h) > 23) return `there is no hour ${h} (hours are 00 to 23)`;
  if (mi !== undefined && Number(mi) > 59) return `there is no minute ${mi} (minutes are 00 to 59)`;
  if (s !== undefined && Number(s) > 59) return `there is no second ${s} (seconds are 00 to 59)`;
  if (oh !== undefined && (Number(oh) > 14 || Number(om) > 59)) return `${value.slice(-6)} is not a UTC offset (offsets run from -12:00 to +14:00)`;
  return null;
}

let zones: Set<string> | null = null;
/** The IANA names this runtime knows (Intl.supportedValuesOf), plus UTC, which it lists under no name of its own. */
function knownZones(): Set<string> {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return zones;
}

// IANA names are Area/Location (or a few single words such as UTC and EST5EDT), each part
// starting with a capital: "asia/baghdad" and "+03:00" are not names, even where Intl accepts them.
const IANA_SHAPE = /^[A-Z][A-Za-z0-9_+-]*(?:\/[A-Z][A-Za-z0-9_+-]*)*$/;

function canonicalZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * True for an IANA time zone name the runtime lists (not the Etc/GMT±N zones, whose signs
 * read backwards, nor bare offsets). A listed name is one; so is an IANA alias that
 * resolves to a listed zone (Asia/Kolkata and Asia/Calcutta name one zone, and Node and
 * Chromium list different ones of the two), so a name is accepted alike on both sides.
 */
export function isTimeZoneName(name: string): boolean {
  if (!IANA_SHAPE.test(name)) return false;
  const known = knownZones();
  if (known.has(name)) return true;
  const canonical = canonicalZone(name);
  return canonical !== null && known.has(canonical);
}

/** Why a time zone is refused, with the right spelling when only the case was wrong. */
export function timeZoneProblem(name: string): string | null {
  if (isTimeZoneName(name)) return null;
  const lower = name.trim().toLowerCase();
  const near = [...knownZones()].find((z) => z.toLowerCase() === lower);
  const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
  return `"${shown}" is not a time zone Casefile knows: ${near ? `did you mean ${near}?` : 'use an IANA name such as Asia/Baghdad, Asia/Tehran or UTC'}`;
}
