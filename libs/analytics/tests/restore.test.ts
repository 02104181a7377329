import { toWindowAggregate } from '../src/aggregate';
import { InvalidWindowStateError } from '../src/errors';
import { STATE_JSON_BYTES_BOUND } from '../src/limits';
import { restoreWindowState } from '../src/restore';
import type { WindowState } from '../src/window-state';
import { emptyWindowState, foldPost, windowStateJsonBytes } from '../src/window-state';
import { foldAll, input, key, plain } from './helpers/fold-helpers';

// The longest JSON form a double takes (24 characters).
const LONG_FLOAT = -2.2250738585072014e-308;
const roundTrip = (state: WindowState): unknown => JSON.parse(JSON.stringify(state));

describe('restoreWindowState', () => {
  it.each([undefined, null, {}])('gives an empty state for %j (first invoke of a window)', (raw) => {
    expect(restoreWindowState(raw, { hashtagCapacity: 7 })).toEqual(emptyWindowState({ hashtagCapacity: 7 }));
  });

  it('folding across JSON round trips gives the same row as folding at once', () => {
    // prepare: K = 3 with evictions, state round-tripped through JSON every two posts
    const inputs = ['a', 'b', 'c', 'd', 'a', 'a', 'e', 'b', 'c', 'a', 'f', 'd'].map((t, i) => input([t], { sentimentScore: i }));
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

  it('rebuilds the heap when the order was lost', () => {
    // prepare: reverse the parallel arrays (a JSON round trip keeps order, but a state need not rely on it)
    const state = foldAll([input(['a']), input(['a']), input(['b']), input(['c'])], { hashtagCapacity: 3 });
    const raw = { ...state, tags: [...state.tags].reverse(), counts: [...state.counts].reverse(), errors: [...state.errors].reverse(), tagSentiment: [...state.tagSentiment].reverse() };
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
    ['arrays of different lengths', { ...emptyWindowState(), tags: ['a'], counts: [] }, 'counts: expected an array of 1 numbers'],
    ['a repeated tag', { ...emptyWindowState(), tags: ['a', 'a'], counts: [1, 1], errors: [0, 0], tagSentiment: [0, 0] }, 'tags[1]: unexpected or repeated key "a"'],
    ['an error not below its count', { ...emptyWindowState(), tags: ['a'], counts: [1], errors: [1], tagSentiment: [0] }, 'errors[0]: unexpected value 1'],
    ['a polluting tag', { ...emptyWindowState(), tags: ['constructor'], counts: [1], errors: [0], tagSentiment: [0] }, 'tags[0]'],
    ['too many tags', { ...emptyWindowState({ hashtagCapacity: 1 }), tags: ['a', 'b'] }, 'tags: expected an array of at most 1 strings'],
    ['a non-finite sum', { ...emptyWindowState(), sentimentSum: 'NaN' }, 'sentimentSum: expected a finite number, got "NaN"'],
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
