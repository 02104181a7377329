// The chaos verdicts are pure comparisons; each must name what is wrong, and pass only when nothing is.
import { checkCaughtUp, checkPosts, checkQuarantine, checkRedriven, checkTrends } from './chaos-checks';

describe('checkPosts', () => {
  it('passes exactly the acknowledged ids at their newest version', () => {
    expect(
      checkPosts(
        new Map([
          ['a', 2],
          ['b', 1],
        ]),
        [
          { postId: 'a', versionMs: 2 },
          { postId: 'b', versionMs: 1 },
        ],
        new Set(),
      ),
    ).toEqual([]);
  });

  it('names missing, unacknowledged, repeated and stale posts; a given-up post may be stored', () => {
    // act
    const out = checkPosts(
      new Map([
        ['a', 2],
        ['b', 1],
        ['c', 5],
      ]),
      [
        { postId: 'a', versionMs: 1 },
        { postId: 'b', versionMs: 1 },
        { postId: 'b', versionMs: 1 },
        { postId: 'x', versionMs: 1 },
        { postId: 'g', versionMs: 1 },
      ],
      new Set(['g']),
    );
    // assess
    expect(out).toEqual([
      'posts: 1 acknowledged posts are not stored: c',
      'posts: 1 stored posts were never acknowledged: x',
      'posts: 1 posts are stored more than once: b',
      'posts: 1 posts are not at their newest acknowledged version: a (stored 1970-01-01T00:00:00.001Z, newest 1970-01-01T00:00:00.002Z)',
    ]);
  });
});

describe('checkQuarantine', () => {
  const expected = new Map([
    ['s/1/0', 'not-json'],
    ['s/2', 'corrupt-aggregate'],
  ]);
  const hashes = new Map([
    ['s/1/0', 'h1'],
    ['s/2', 'h2'],
    ['s/9/3', 'h1'],
    ['s/9/4', 'h7'],
  ]);

  it('passes the ledger poison and copies of it with the same bytes and reason, counting the copies', () => {
    const q = [
      { key: 's/1/0', reason: 'not-json' },
      { key: 's/2', reason: 'corrupt-aggregate' },
      { key: 's/9/3', reason: 'not-json' },
    ];
    expect(checkQuarantine(expected, q, hashes)).toEqual({ mismatches: [], copies: 1 });
  });

  it('fails a copy with another reason, unknown bytes, a missing entry, a repeat and a wrong reason', () => {
    // act
    const q = [
      { key: 's/1/0', reason: 'too-large' },
      { key: 's/1/0', reason: 'too-large' },
      { key: 's/9/3', reason: 'schema-violation' },
      { key: 's/9/4', reason: 'not-json' },
    ];
    const { mismatches, copies } = checkQuarantine(expected, q, hashes);
    // assess
    expect(copies).toBe(0);
    expect(mismatches).toEqual([
      'quarantine: 1 poison records are not quarantined: s/2',
      'quarantine: 2 quarantined records are not acknowledged poison nor copies of it: s/9/3, s/9/4',
      'quarantine: 1 records are quarantined more than once: s/1/0',
      'quarantine: 1 records have the wrong reason: s/1/0 (too-large, expected not-json)',
    ]);
  });
});

describe('checkTrends, checkCaughtUp, checkRedriven', () => {
  it('names windows with the wrong count, including windows only one side has', () => {
    expect(
      checkTrends(
        new Map([
          ['w1', 3],
          ['w2', 1],
        ]),
        new Map([
          ['w1', 3],
          ['w2', 1],
        ]),
      ),
    ).toEqual([]);
    expect(
      checkTrends(
        new Map([['w1', 3]]),
        new Map([
          ['w1', 4],
          ['w3', 1],
        ]),
      ),
    ).toEqual([
      'trends: 2 of 2 windows have the wrong post count: w1: counted 4, expected 3, w3: counted 1, expected 0',
    ]);
  });

  it('needs every mapping at every shard end with no open window', () => {
    const ends = new Map([
      ['s0', '9'],
      ['s1', '7'],
    ]);
    expect(checkCaughtUp(ends, { consumer: { s0: { sequenceNumber: '9' }, s1: { sequenceNumber: '7' } } })).toEqual([]);
    expect(
      checkCaughtUp(ends, { aggregator: { s0: { sequenceNumber: '9', window: {} }, s1: { sequenceNumber: '6' } } }),
    ).toEqual([
      'caught up: aggregator s0 still holds an open window',
      'caught up: aggregator s1 is at 6, the shard ends at 7',
    ]);
  });

  it('needs every on-failure batch redriven', () => {
    expect(checkRedriven(['r1', 'r2'], new Set(['r1', 'r2']))).toEqual([]);
    expect(checkRedriven(['r1', 'r2'], new Set(['r1']))).toEqual([
      'redrive: 1 of 2 on-failure batches were not redriven: r2',
    ]);
  });
});
