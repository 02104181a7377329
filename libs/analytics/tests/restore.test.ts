import { toWindowAggregate } from '../src/aggregate';
import { InvalidWindowStateError } from '../src/errors';
import { STATE_JSON_BYTES_BOUND } from '../src/limits';
import { restoreWindowState } from '../src/restore';
import type { WindowState } from '../src/window-state';
import {
  emptyWindowState,
  foldPost,
  isPostSeen,
  serialiseWindowState,
  windowStateJsonBytes,
} from '../src/window-state';
import { foldAll, input, key, plain } from './helpers/fold-helpers';

// The longest JSON form a double takes (24 characters).
const LONG_FLOAT = -2.2250738585072014e-308;
const roundTrip = (state: WindowState): unknown => JSON.parse(JSON.stringify(state));
/** A serialised state that folded these post ids. */
const seenState = (ids: readonly string[]): WindowState =>
  serialiseWindowState(foldAll(ids.map((postId) => input([], { postId }))));

describe('restoreWindowState', () => {
  it.each([undefined, null, {}])('gives an empty state for %j (first invoke of a window)', (raw) => {
    expect(restoreWindowState(raw, { hashtagCapacity: 7 })).toEqual(emptyWindowState({ hashtagCapacity: 7 }));
  });

  it('folding across JSON round trips gives the same row as folding at once', () => {
    // prepare: K = 3 with evictions, state round-tripped through JSON every two posts
    const inputs = ['a', 'b', 'c', 'd', 'a', 'a', 'e', 'b', 'c', 'a', 'f', 'd'].map((t, i) =>
      input([t], { sentimentScore: i }),
    );
    let state = emptyWindowState({ hashtagCapacity: 3 });
    // act
    inputs.forEach((item, i) => {
      if (i % 2 === 0) state = restoreWindowState(roundTrip(state));
      foldPost(state, item);
    });
    // assess
    const expected = toWindowAggregate(foldAll(inputs, { hashtagCapacity: 3 }), key('s', 0));
    expect(plain(toWindowAggregate(state, key('s', 0)))).toEqual(plain(expected));
  });

  it('accepts a state without duplicates and seenPostIds (written before dedupe): empty seen-set from then on', () => {
    // prepare: a state of the previous version, 2 posts folded
    const {
      duplicates: _d,
      seenPostIds: _s,
      ...legacy
    } = serialiseWindowState(foldAll([input(['a'], { postId: 'old' }), input(['b'])]));
    // act
    const state = restoreWindowState(roundTrip(legacy as WindowState));
    foldPost(state, input(['c'], { postId: 'new' }));
    foldPost(state, input(['c'], { postId: 'new' }));
    foldPost(state, input(['a'], { postId: 'old' }));
    // assess: "old" was folded before the seen-set existed, so it counts again (once)
    expect(state).toMatchObject({ postCount: 4, duplicates: 1 });
    expect(isPostSeen(state, 'old')).toBe(true);
  });

  it('carries the seen-set: an id folded before the round trip is a duplicate after it', () => {
    // prepare
    const state = serialiseWindowState(foldAll([input(['a'], { postId: 'p1' })]));
    // act
    const restored = restoreWindowState(roundTrip(state));
    foldPost(restored, input(['a'], { postId: 'p1' }));
    // assess
    expect(restored).toMatchObject({ postCount: 1, duplicates: 1, hashtagOccurrences: 1 });
  });

  it('rebuilds the heap when the order was lost', () => {
    // prepare: reverse the parallel arrays (a JSON round trip keeps order, but a state need not rely on it)
    const state = foldAll([input(['a']), input(['a']), input(['b']), input(['c'])], { hashtagCapacity: 3 });
    const raw = {
      ...state,
      tags: [...state.tags].reverse(),
      counts: [...state.counts].reverse(),
      errors: [...state.errors].reverse(),
      tagSentiment: [...state.tagSentiment].reverse(),
    };
    // act
    const restored = restoreWindowState(raw);
    foldPost(restored, input(['d']));
    // assess: "d" must evict a count-1 tag, never "a"
    expect(restored.tags).toContain('a');
    expect(restored.counts[0]).toBe(Math.min(...restored.counts));
  });

  it.each([
    ['a string', 'state', '$: expected object, got "state"'],
    ['a wrong format', { format: 2 }, 'format: expected 1, got 2'],
    ['a negative count', { ...emptyWindowState(), postCount: -1 }, 'postCount: expected an integer from 0'],
    [
      'arrays of different lengths',
      { ...emptyWindowState(), tags: ['a'], counts: [] },
      'counts: expected an array of 1 numbers',
    ],
    [
      'a repeated tag',
      { ...emptyWindowState(), tags: ['a', 'a'], counts: [1, 1], errors: [0, 0], tagSentiment: [0, 0] },
      'tags[1]: unexpected or repeated key "a"',
    ],
    [
      'an error not below its count',
      { ...emptyWindowState(), tags: ['a'], counts: [1], errors: [1], tagSentiment: [0] },
      'errors[0]: unexpected value 1',
    ],
    [
      'a polluting tag',
      { ...emptyWindowState(), tags: ['constructor'], counts: [1], errors: [0], tagSentiment: [0] },
      'tags[0]',
    ],
    [
      'too many tags',
      { ...emptyWindowState({ hashtagCapacity: 1 }), tags: ['a', 'b'] },
      'tags: expected an array of at most 1 strings',
    ],
    [
      'a non-finite sum',
      { ...emptyWindowState(), sentimentSum: 'NaN' },
      'sentimentSum: expected a finite number, got "NaN"',
    ],
    ['negative duplicates', { ...emptyWindowState(), duplicates: -1 }, 'duplicates: expected an integer from 0'],
    [
      'fractional duplicates',
      { ...emptyWindowState(), duplicates: 1.5 },
      'duplicates: expected an integer from 0 to 9007199254740991, got 1.5',
    ],
    [
      'a seen-set that is not a string',
      { ...emptyWindowState(), seenPostIds: ['AQE='] },
      'seenPostIds: expected a base64 string, got array',
    ],
    [
      'a null seen-set',
      { ...emptyWindowState(), seenPostIds: null },
      'seenPostIds: expected a base64 string, got null',
    ],
    [
      'a seen-set that is not base64',
      { ...emptyWindowState(), postCount: 1, seenPostIds: 'not base64!' },
      'seenPostIds: expected canonical base64',
    ],
    [
      'a truncated seen-set',
      { ...emptyWindowState(), postCount: 1, seenPostIds: Buffer.from([0x01, 0x81]).toString('base64') },
      'seenPostIds: truncated varint at byte 1',
    ],
    [
      'more seen ids than posts',
      { ...seenState(['a', 'b', 'c']), postCount: 2 },
      'seenPostIds: holds 3 ids, more than postCount 2',
    ],
  ])('rejects %s, naming the field', (_label, raw, message) => {
    // act
    const act = () => restoreWindowState(raw);
    // assess
    expect(act).toThrow(InvalidWindowStateError);
    expect(act).toThrow(message);
  });

  it('the worst state it accepts is within the JSON bound', () => {
    // prepare: 1,500 tags of 100 UTF-8 bytes, maximal counts and long floats, 100 long language keys
    const K = 1_500;
    const tags = Array.from({ length: K }, (_, i) => `${'日'.repeat(32)}${String(i).padStart(4, '0')}`);
    const raw = {
      ...emptyWindowState({ hashtagCapacity: K }),
      postCount: Number.MAX_SAFE_INTEGER,
      sentimentSum: LONG_FLOAT,
      tags,
      counts: tags.map(() => Number.MAX_SAFE_INTEGER),
      errors: tags.map(() => Number.MAX_SAFE_INTEGER - 1),
      tagSentiment: tags.map(() => LONG_FLOAT),
      languageKeys: Array.from({ length: 100 }, (_, i) => `en-${String(i).padStart(8, '0')}-abcdefgh-abcdefgh-ab`),
      languageCounts: Array.from({ length: 100 }, () => Number.MAX_SAFE_INTEGER),
      firstArrivalAt: LONG_FLOAT,
      lastArrivalAt: LONG_FLOAT,
    };
    // act
    const bytes = windowStateJsonBytes(restoreWindowState(raw));
    // assess
    expect(Buffer.byteLength(tags[0] ?? '')).toBe(100);
    expect(bytes).toBeGreaterThan(200_000);
    expect(bytes).toBeLessThanOrEqual(STATE_JSON_BYTES_BOUND);
  });
});
