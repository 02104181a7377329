import { BatchFailureTracker, InvalidSequenceNumberError, compareSequenceNumbers } from '../../src';

const BIG = '49590338271490256608559692538361571095921575989136588898';
const BIG_PLUS_ONE = '49590338271490256608559692538361571095921575989136588899';

describe('BatchFailureTracker', () => {
  it.each([
    { name: 'nothing failed', marks: [] as string[], expected: [] },
    { name: 'one failure', marks: ['42'], expected: [{ itemIdentifier: '42' }] },
    { name: 'lowest of several, any order', marks: ['300', '100', '200'], expected: [{ itemIdentifier: '100' }] },
    { name: 'numeric, not lexicographic order', marks: ['9', '10'], expected: [{ itemIdentifier: '9' }] },
    {
      name: 'numeric across lengths (string order would pick "100")',
      marks: ['100', '99'],
      expected: [{ itemIdentifier: '99' }],
    },
    { name: 'beyond 2^53 (Number would tie)', marks: [BIG_PLUS_ONE, BIG], expected: [{ itemIdentifier: BIG }] },
    { name: 'same record marked twice', marks: ['7', '7'], expected: [{ itemIdentifier: '7' }] },
    {
      name: '129 digits',
      marks: ['9'.repeat(129), '1' + '0'.repeat(128)],
      expected: [{ itemIdentifier: '1' + '0'.repeat(128) }],
    },
  ])('$name', ({ marks, expected }) => {
    // prepare
    const tracker = new BatchFailureTracker();
    // act
    for (const seq of marks) tracker.markFailed(seq);
    // assess
    expect(tracker.response()).toEqual({ batchItemFailures: expected });
    expect(tracker.hasFailures).toBe(marks.length > 0);
    expect(tracker.failedCount).toBe(new Set(marks).size);
  });

  it.each(['', 'abc', '-1', '1.5', ' 1', '1'.repeat(130)])('refuses the malformed sequence number %j', (bad) => {
    // prepare
    const tracker = new BatchFailureTracker();
    // act / assess
    expect(() => tracker.markFailed(bad)).toThrow(InvalidSequenceNumberError);
    expect(tracker.response()).toEqual({ batchItemFailures: [] });
  });

  it.each([
    { marks: ['100'], seq: '99', retried: false },
    { marks: ['100'], seq: '100', retried: true },
    { marks: ['100'], seq: '1000', retried: true },
    { marks: [], seq: '1', retried: false },
  ])(
    'willRetry($seq) after failures $marks is $retried (Lambda re-delivers from the lowest on)',
    ({ marks, seq, retried }) => {
      // prepare
      const tracker = new BatchFailureTracker();
      for (const m of marks) tracker.markFailed(m);
      // act / assess
      expect(tracker.willRetry(seq)).toBe(retried);
    },
  );
});

describe('compareSequenceNumbers', () => {
  it.each([
    ['9', '10', -1],
    ['10', '9', 1],
    [BIG, BIG, 0],
    [BIG, BIG_PLUS_ONE, -1],
  ] as const)('%s vs %s → %d', (a, b, sign) => {
    expect(Math.sign(compareSequenceNumbers(a, b))).toBe(sign);
  });
});
