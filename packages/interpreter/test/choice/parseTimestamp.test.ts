import { parseTimestamp } from '../../src/choice/index.js';

describe('parseTimestamp', () => {
  it.each<[string, number]>([
    ['2016-03-14T01:59:00Z', Date.UTC(2016, 2, 14, 1, 59, 0)],
    ['1970-01-01T00:00:00Z', 0],
    ['1969-12-31T23:59:59Z', -1000],
    ['2016-03-14T01:59:00.123Z', Date.UTC(2016, 2, 14, 1, 59, 0, 123)],
    ['2016-03-14T01:59:00.1Z', Date.UTC(2016, 2, 14, 1, 59, 0, 100)],
    ['2016-03-14T01:59:00.123456789123Z', Date.UTC(2016, 2, 14, 1, 59, 0, 123)],
    ['2016-03-14T03:59:00+02:00', Date.UTC(2016, 2, 14, 1, 59, 0)],
    ['2016-03-13T20:29:00-05:30', Date.UTC(2016, 2, 14, 1, 59, 0)],
    ['2024-02-29T12:00:00Z', Date.UTC(2024, 1, 29, 12)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['0001-01-01T00:00:00Z', -62135596800000],
    ['9999-12-31T23:59:59Z', 253402300799000],
  ])('parses %s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    ['no T separator', '2016-12-05 21:29:29Z'],
    ['no offset', '2016-12-05T21:29:29'],
    ['hour 25', '2016-12-05T25:29:29Z'],
    ['day first', '05-12-2016T21:29:29Z'],
    ['date only', '2016-12-05'],
    ['month 13', '2016-13-05T21:29:29Z'],
    ['day 0', '2016-12-00T21:29:29Z'],
    ['30 February', '2016-02-30T21:29:29Z'],
    ['29 February of a common year', '2023-02-29T21:29:29Z'],
    ['29 February 1900', '1900-02-29T00:00:00Z'],
    ['minute 60', '2016-12-05T21:60:29Z'],
    ['second 60', '2016-12-05T21:29:60Z'],
    ['no seconds', '2016-12-05T21:29Z'],
    ['empty fraction', '2016-12-05T21:29:29.Z'],
    ['offset without colon', '2016-12-05T21:29:29+0200'],
    ['offset hours only', '2016-12-05T21:29:29+02'],
    ['offset beyond 18 hours', '2016-12-05T21:29:29+19:00'],
    ['offset minute 60', '2016-12-05T21:29:29+01:60'],
    ['surrounding space', ' 2016-12-05T21:29:29Z'],
    ['trailing text', '2016-12-05T21:29:29Zx'],
    ['two-digit year', '16-12-05T21:29:29Z'],
    ['non-ASCII digits', '٢٠١٦-12-05T21:29:29Z'],
    ['empty string', ''],
  ])('rejects %s', (_name, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
