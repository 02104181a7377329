// The one hashtag normal form (enrichment, trend fold, drill-down index, report requests).
import fc from 'fast-check';
import { isIndexableHashtag, MAX_HASHTAG_BYTES, normaliseHashtag } from '../src/hashtag';

describe('normaliseHashtag', () => {
  it.each([
    ['AWS', 'aws'],
    ['#AWS', 'aws'],
    ['＃AWS', 'aws'],
    ['##AWS', '#aws'],
    ['Café', 'café'],
    ['CAFE\u0301', 'café'],
    ['#cafe\u0301', 'café'],
    ['İstanbul', 'i\u0307stanbul'],
    ['ΣΟΦΙΑ', 'σοφια'],
    ['日本語', '日本語'],
    ['\u212B', 'å'],
  ])('%s → %s', (tag, expected) => {
    // act
    const normal = normaliseHashtag(tag);
    // assess
    expect(normal).toBe(expected);
    expect(normal).toBe(normal.normalize('NFC'));
  });

  it('is idempotent and its output is NFC, for any Unicode input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (tag) => {
        const once = normaliseHashtag(tag);
        expect(once.normalize('NFC')).toBe(once);
        // One leading '#' is stripped per call, so compare on a tag that does not start with one.
        const bare = once.replace(/^[#\uFF03]+/, '');
        expect(normaliseHashtag(bare)).toBe(bare);
      }),
      { numRuns: 3_000 },
    );
  });

  it('maps NFC, NFD, upper and lower case spellings and a leading # to one tag', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (raw) => {
        const tag = raw.replace(/^[#\uFF03]+/, '');
        const forms = [tag, tag.normalize('NFD'), tag.normalize('NFC'), `#${tag}`, `#${tag.normalize('NFD')}`];
        const normal = new Set(forms.map(normaliseHashtag));
        expect(normal.size).toBe(1);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('isIndexableHashtag', () => {
  it('accepts non-empty tags up to MAX_HASHTAG_BYTES bytes of UTF-8', () => {
    expect(isIndexableHashtag('')).toBe(false);
    expect(isIndexableHashtag('a'.repeat(MAX_HASHTAG_BYTES))).toBe(true);
    expect(isIndexableHashtag('a'.repeat(MAX_HASHTAG_BYTES + 1))).toBe(false);
    expect(isIndexableHashtag('é'.repeat(MAX_HASHTAG_BYTES / 2))).toBe(true);
    expect(isIndexableHashtag(`${'é'.repeat(MAX_HASHTAG_BYTES / 2)}a`)).toBe(false);
    expect(isIndexableHashtag('a'.repeat(2045))).toBe(false);
  });
});
