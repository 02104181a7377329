import { dedupe, normaliseLanguage } from '../src/text';

describe('normaliseLanguage', () => {
  it.each([
    ['en', 'en'],
    ['EN-us', 'en-US'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['de-CH-1901', 'de-CH-1901'],
    [undefined, 'und'],
    ['', 'und'],
    ['english', 'und'],
    ['constructor', 'und'],
    [`en-${'a'.repeat(40)}`, 'und'],
  ])('%s → %s', (tag, expected) => {
    expect(normaliseLanguage(tag)).toBe(expected);
  });
});

describe('dedupe', () => {
  it('keeps the first of each key, in order', () => {
    expect(dedupe(['b', 'A', 'a', 'b', 'c'], (s) => s.toLowerCase())).toEqual(['b', 'A', 'c']);
  });
});
