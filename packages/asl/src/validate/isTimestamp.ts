const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether `text` is an RFC 3339 date-time with an offset, as AWS reads Wait `Timestamp` and the Choice
 * `Timestamp*` operands: the shape `2016-03-14T01:59:00Z` (fractional seconds optional, `Z` or `±hh:mm`) and
 * real field values (month 01-12, a day the month has, hour 00-23, minute and second 00-59, offset up to 18:00).
 * @internal
 */
export function isTimestamp(text: string): boolean {
  const m = SHAPE.exec(text);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined && (Number(m[7]) > 18 || Number(m[8]) > 59)) return false;
  return true;
}
