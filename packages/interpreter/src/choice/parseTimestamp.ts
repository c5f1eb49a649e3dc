// yyyy-mm-ddThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * A parsed timestamp: whole epoch seconds plus nanoseconds, precise enough to compare any two ASL timestamps.
 * @internal
 */
export interface Instant {
  seconds: number;
  nanos: number;
}

/**
 * Parses a timestamp into an {@link Instant}, or `undefined` when the text is not a valid one.
 *
 * @remarks
 * Same grammar as {@link parseTimestamp}; the fraction is kept to the nanosecond (further digits are ignored).
 * @internal
 */
export function parseInstant(text: string): Instant | undefined {
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > monthDays) return undefined;
  let offsetSeconds = 0;
  if (m[8] === undefined) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 18 || offsetMinutes > 59 || (offsetHours === 18 && offsetMinutes > 0)) return undefined;
    offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (m[9] === '-' ? -1 : 1);
  }
  const fraction = m[7];
  const nanos = fraction === undefined ? 0 : Number(fraction.slice(0, 9).padEnd(9, '0'));
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  return { seconds, nanos };
}

/**
 * Parses an ASL timestamp (RFC 3339 / ISO-8601 extended with an offset) into epoch milliseconds.
 *
 * @remarks
 * Accepted: `yyyy-mm-ddThh:mm:ss`, an optional fraction of any number of digits, then `Z` or `±hh:mm`.
 * A date or time out of range (month 13, 30 February, hour 25), a missing `T` or a missing offset gives
 * `undefined`, as AWS rejects them ("... not a valid ISO-8601 extended offset date-time format string").
 * Sub-millisecond digits are truncated.
 */
export function parseTimestamp(text: string): number | undefined {
  const instant = parseInstant(text);
  if (instant === undefined) return undefined;
  return instant.seconds * 1000 + Math.floor(instant.nanos / 1_000_000);
}
