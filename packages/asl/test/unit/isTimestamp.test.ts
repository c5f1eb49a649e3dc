import { isTimestamp } from '../../src/validate/isTimestamp.js';

describe('isTimestamp', () => {
  it.each([
    '2016-03-14T01:59:00Z',
    '2024-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2016-04-30T23:59:59.5-18:00',
    '2016-12-31T00:00:00+05:45',
  ])('accepts %s', (text) => {
    expect(isTimestamp(text)).toBe(true);
  });

  it.each([
    ['2016-13-14T01:59:00Z', 'month 13'],
    ['2016-00-14T01:59:00Z', 'month 0'],
    ['2016-04-31T01:59:00Z', '31 April'],
    ['1900-02-29T01:59:00Z', '29 February of a century that is not a leap year'],
    ['2016-03-00T01:59:00Z', 'day 0'],
    ['2016-03-14T24:00:00Z', 'hour 24'],
    ['2016-03-14T01:60:00Z', 'minute 60'],
    ['2016-03-14T01:59:00+19:00', 'an offset beyond 18 hours'],
    ['2016-03-14T01:59:00+05:60', 'offset minute 60'],
    ['2016-03-14 01:59:00Z', 'a space for T'],
  ])('rejects %s (%s)', (text) => {
    expect(isTimestamp(text)).toBe(false);
  });
});
