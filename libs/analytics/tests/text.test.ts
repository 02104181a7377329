import { dedupe, normaliseHashtag, normaliseLanguage } from '../src/text';

describe('normaliseHashtag', () => {
  it.each([
    ['AWS', 'aws'],
    ['Café', 'café'],
    ['CAFE\u0301', 'café'],
    ['İstanbul', 'i\u0307stanbul'],
    ['ΣΟΦΙΑ', 'σοφια'],
    ['日本語', '日本語'],
  ])('%s → %s', (tag, expected) => {
    // act
    const normal = normaliseHashtag(tag);
    // assess
    expect(normal).toBe(expected);
    expect(normal).toBe(normal.normalize('NFC'));
  });
});

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
