import { InvalidAnalyticsArgumentError } from '../src/errors';
import { MAX_HASHTAG_CAPACITY } from '../src/limits';
import { restoreWindowState } from '../src/restore';
import {
  countDuplicates,
  countPoison,
  emptyWindowState,
  foldPost,
  isPostSeen,
  serialiseWindowState,
  toFoldInput,
  windowStateJsonBytes,
} from '../src/window-state';
import { aggregateOf, foldAll, input, plain } from './helpers/fold-helpers';

describe('foldPost', () => {
  it('counts posts, hashtags, sentiment, languages and arrival times', () => {
    // prepare
    const inputs = [
      input(['aws', 'news'], { sentimentScore: 3, language: 'en', arrivedAt: 2_000 }),
      input(['aws'], { sentimentScore: -1, language: 'pt-BR', arrivedAt: 1_000 }),
      input([], { sentimentScore: 0, language: 'en', arrivedAt: 3_000 }),
    ];
    // act
    const row = plain(aggregateOf(inputs));
    // assess
    expect(row).toMatchObject({
      postCount: 3,
      hashtags: { aws: 2, news: 1 },
      otherHashtagCount: 0,
      sentimentSum: 2,
      sentimentCount: 3,
      languages: { en: 2, 'pt-BR': 1 },
      firstArrivalAt: 1_000,
      lastArrivalAt: 3_000,
      hashtagErrorBound: 0,
      hashtagSentimentSums: { aws: 2, news: 3 },
    });
  });

  it('mutates and returns the same state', () => {
    // prepare
    const state = emptyWindowState();
    // act
    const returned = foldPost(state, input(['a']));
    // assess
    expect(returned).toBe(state);
    expect(state.postCount).toBe(1);
  });

  it('counts a tag repeated within one post once', () => {
    // prepare: a short list (linear scan) and a long one (Set)
    const long = [...Array.from({ length: 20 }, (_, i) => `t${i}`), 't0', 't1'];
    // act
    const row = plain(aggregateOf([input(['a', 'a', 'b', 'a']), input(long)]));
    // assess
    expect(row.hashtags['a']).toBe(1);
    expect(row.hashtags['t0']).toBe(1);
    expect(Object.values(row.hashtags).reduce((x, y) => x + y, 0)).toBe(22);
  });

  it('counts untrackable tags (too long, empty, prototype keys) only as "other"', () => {
    // prepare
    const tooLong = 'x'.repeat(101);
    const fits = 'é'.repeat(50); // 100 bytes of UTF-8
    // act
    const row = plain(aggregateOf([input([tooLong, '', '__proto__', 'constructor', 'prototype', fits, 'ok'])]));
    // assess
    expect(Object.keys(row.hashtags).sort()).toEqual([fits, 'ok'].sort());
    expect(row.otherHashtagCount).toBe(5);
  });

  it('puts languages beyond the capacity under "other" and malformed ones under "und"', () => {
    // prepare: capacity 3 = two languages + "other"
    const inputs = ['en', 'de', 'fr', 'ja', 'en', 'not a tag'].map((language) => input([], { language }));
    // act
    const row = plain(aggregateOf(inputs, { languageCapacity: 3 }));
    // assess
    expect(row.languages).toEqual({ en: 2, de: 1, other: 3 });
  });

  it('treats a non-finite sentiment as 0 and clamps huge ones', () => {
    // act
    const state = foldAll([input(['a'], { sentimentScore: Number.NaN }), input(['a'], { sentimentScore: 1e300 })]);
    // assess
    expect(state.sentimentSum).toBe(1e6);
    expect(state.sentimentCount).toBe(2);
  });

  it('ignores a non-finite arrival time', () => {
    expect(foldAll([input([], { arrivedAt: Number.NaN })]).firstArrivalAt).toBeNull();
  });

  it('evicts the smallest counter once K tags are tracked (Space-Saving)', () => {
    // prepare: K = 2; "a" is frequent, then "b" and "c" compete for the second counter
    const inputs = [input(['a']), input(['a']), input(['a']), input(['b']), input(['c'])];
    // act
    const state = foldAll(inputs, { hashtagCapacity: 2 });
    const row = plain(aggregateOf(inputs, { hashtagCapacity: 2 }));
    // assess: "c" took b's counter (count 2, error 1): guaranteed 1; bound = min count 2
    expect(state.evictions).toBe(1);
    expect(row.hashtags).toEqual({ a: 3, c: 1 });
    expect(row.otherHashtagCount).toBe(1);
    expect(row.hashtagErrorBound).toBe(2);
  });
});

describe('foldPost dedupe by post id', () => {
  it('folds the first record of an id; later records (retries, newer versions) only count as duplicates', () => {
    // prepare
    const first = input(['aws'], { postId: 'p1', sentimentScore: 3, language: 'en', arrivedAt: 2_000 });
    const newer = input(['kinesis'], { postId: 'p1', sentimentScore: -4, language: 'ja', arrivedAt: 1_000 });
    const other = input([], { postId: 'p2', arrivedAt: 3_000 });
    // act
    const state = foldAll([first, first, newer, other, other]);
    // assess
    expect(state).toMatchObject({
      postCount: 2,
      duplicates: 3,
      sentimentSum: 3,
      sentimentCount: 2,
      hashtagOccurrences: 1,
      firstArrivalAt: 2_000,
      lastArrivalAt: 3_000,
    });
    expect(plain(aggregateOf([first, first, newer, other, other])).hashtags).toEqual({ aws: 1 });
  });

  it('tells ids apart exactly as strings: case, whitespace and Unicode forms are distinct ids', () => {
    // prepare
    const ids = ['p1', 'P1', 'p1 ', 'café', 'cafe\u0301', '', '日本'];
    // act
    const state = foldAll(ids.map((postId) => input([], { postId })));
    // assess
    expect(state.postCount).toBe(ids.length);
    expect(state.duplicates).toBe(0);
  });

  it('isPostSeen answers without folding; countDuplicates counts a skip made by the caller', () => {
    // prepare
    const state = foldAll([input([], { postId: 'seen' })]);
    // act
    const answers = [isPostSeen(state, 'seen'), isPostSeen(state, 'unseen'), isPostSeen(state, 'unseen')];
    countDuplicates(countDuplicates(state), 2);
    // assess
    expect(answers).toEqual([true, false, false]);
    expect(state).toMatchObject({ postCount: 1, duplicates: 3 });
  });

  it('rejects a negative or fractional duplicate count', () => {
    expect(() => countDuplicates(emptyWindowState(), -1)).toThrow(InvalidAnalyticsArgumentError);
    expect(() => countDuplicates(emptyWindowState(), 0.5)).toThrow(
      'countDuplicates: count must be a non-negative integer, got 0.5',
    );
  });
});

describe('serialiseWindowState', () => {
  it('writes the ids folded since the restore into seenPostIds and returns the same object', () => {
    // prepare
    const state = emptyWindowState();
    foldPost(state, input([], { postId: 'a' }));
    const before = state.seenPostIds;
    // act
    const out = serialiseWindowState(state);
    // assess
    expect(out).toBe(state);
    expect(before).toBe('');
    expect(out.seenPostIds).not.toBe('');
    expect(isPostSeen(restoreWindowState(JSON.parse(JSON.stringify(out))), 'a')).toBe(true);
  });

  it('keeps the same string when nothing new was folded (only duplicates)', () => {
    // prepare
    const state = serialiseWindowState(foldAll([input([], { postId: 'a' })]));
    const encoded = state.seenPostIds;
    // act
    foldPost(state, input(['x'], { postId: 'a' }));
    // assess
    expect(serialiseWindowState(state).seenPostIds).toBe(encoded);
    expect(state.duplicates).toBe(1);
  });

  it('windowStateJsonBytes counts the ids not yet written', () => {
    // prepare
    const state = emptyWindowState();
    const empty = windowStateJsonBytes(state);
    for (let i = 0; i < 100; i += 1) foldPost(state, input([], { postId: `p${i}` }));
    // act
    const bytes = windowStateJsonBytes(state);
    // assess
    expect(bytes).toBe(Buffer.byteLength(JSON.stringify(serialiseWindowState(state))));
    expect(bytes - empty).toBeGreaterThan(500); // ≥ 5 bytes per id
  });
});

describe('countPoison', () => {
  it('adds to the poison count', () => {
    // act
    const state = countPoison(countPoison(emptyWindowState()), 4);
    // assess
    expect(state.poisonCount).toBe(5);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => countPoison(emptyWindowState(), -1)).toThrow(InvalidAnalyticsArgumentError);
    expect(() => countPoison(emptyWindowState(), 1.5)).toThrow('non-negative integer');
  });
});

describe('emptyWindowState', () => {
  it.each([
    [{ hashtagCapacity: 0 }, 'hashtagCapacity must be an integer from 1 to 1500, got 0'],
    [{ hashtagCapacity: MAX_HASHTAG_CAPACITY + 1 }, 'hashtagCapacity must be an integer from 1 to 1500'],
    [{ languageCapacity: 1 }, 'languageCapacity must be an integer from 2 to 100'],
  ])('rejects %j', (options, message) => {
    expect(() => emptyWindowState(options)).toThrow(message);
  });
});

describe('toFoldInput', () => {
  it('takes post id, hashtags, AFINN score, language and arrival time of an enriched post', () => {
    // act
    const fold = toFoldInput({
      post: { postId: 'p-1' },
      hashtags: ['a'],
      sentiment: { score: -2 },
      language: 'en',
      lineage: { arrivedAt: 5 },
    });
    // assess
    expect(fold).toEqual({ postId: 'p-1', hashtags: ['a'], sentimentScore: -2, language: 'en', arrivedAt: 5 });
  });
});
