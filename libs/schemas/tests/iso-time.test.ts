import { formatUtcKey, parseIsoTimestamp } from '../src/iso-time';

const key = (text: string) => {
  const instant = parseIsoTimestamp(text);
  return instant === undefined ? undefined : formatUtcKey(instant);
};

describe('parseIsoTimestamp / formatUtcKey', () => {
  it.each([
    ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000000000Z'],
    ['2024-02-29T23:30:00-01:00', '2024-03-01T00:30:00.000000000Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000000000Z'],
    ['0099-03-01T00:00:00.1Z', '0099-03-01T00:00:00.100000000Z'],
    ['9999-12-31T23:59:59.999999999Z', '9999-12-31T23:59:59.999999999Z'],
    ['2000-01-01T05:30:00.000000001+05:30', '2000-01-01T00:00:00.000000001Z'],
  ])('%s → %s', (text, expected) => {
    expect(key(text)).toBe(expected);
  });

  it.each([
    ['before year 0000 once in UTC', '0000-01-01T00:00:00+00:01'],
    ['after year 9999 once in UTC', '9999-12-31T23:59:59-00:01'],
    ['an offset hour past 23', '2024-01-01T00:00:00+24:00'],
    ['an offset minute past 59', '2024-01-01T00:00:00+01:60'],
    ['trailing text', '2024-01-01T00:00:00Zabc'],
    ['a non-digit', '2024-0a-01T00:00:00Z'],
    ['a year 1900 is not leap', '1900-02-29T00:00:00Z'],
  ])('rejects %s', (_label, text) => {
    expect(parseIsoTimestamp(text)).toBeUndefined();
  });

  it('accepts 2000-02-29 (divisible by 400)', () => {
    expect(key('2000-02-29T00:00:00Z')).toBe('2000-02-29T00:00:00.000000000Z');
  });
});
