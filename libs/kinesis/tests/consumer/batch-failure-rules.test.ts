// The checkpoint rule as a consumer meets it: failures arrive in processing order, which is not
// sequence order (records of several partition keys, retried writes finishing late), and every
// answer of the tracker — the response, willRetry, the lowest failure — must follow the LOWEST
// failure marked so far. Reporting a higher one makes Lambda checkpoint past a record that was
// never stored: that record is lost.
import { BatchFailureTracker, InvalidSequenceNumberError } from '../../src';

const SEQ = (n: number) => `4959033827149025660855969253836157109592157598913658${String(n).padStart(4, '0')}`;

describe('BatchFailureTracker with failures out of sequence order', () => {
  it('moves the reported failure down as lower failures arrive, never up', () => {
    // prepare
    const tracker = new BatchFailureTracker();
    const reported: (string | undefined)[] = [];
    // act: failures marked in the order a consumer might find them
    for (const n of [500, 900, 200, 300, 100, 700]) {
      tracker.markFailed(SEQ(n));
      reported.push(tracker.lowestFailure);
    }
    // assess
    expect(reported).toEqual([SEQ(500), SEQ(500), SEQ(200), SEQ(200), SEQ(100), SEQ(100)]);
    expect(tracker.response()).toEqual({ batchItemFailures: [{ itemIdentifier: SEQ(100) }] });
    expect(tracker.failedCount).toBe(6);
  });

  it('answers willRetry from the lowest failure so far: a record before it is final, one at or after it comes back', () => {
    // prepare
    const tracker = new BatchFailureTracker();
    tracker.markFailed(SEQ(500));
    // act / assess: before a lower failure, 300 is done; after it, 300 will be re-delivered
    expect([tracker.willRetry(SEQ(300)), tracker.willRetry(SEQ(500)), tracker.willRetry(SEQ(501))]).toEqual([
      false,
      true,
      true,
    ]);
    tracker.markFailed(SEQ(200));
    expect([tracker.willRetry(SEQ(199)), tracker.willRetry(SEQ(200)), tracker.willRetry(SEQ(300))]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('reports nothing and retries nothing on a clean batch', () => {
    // prepare
    const tracker = new BatchFailureTracker();
    // act / assess
    expect(tracker.hasFailures).toBe(false);
    expect(tracker.lowestFailure).toBeUndefined();
    expect(tracker.willRetry(SEQ(1))).toBe(false);
    expect(tracker.response()).toEqual({ batchItemFailures: [] });
  });

  it('counts the sub-records of one aggregate as one failed record', () => {
    // prepare
    const tracker = new BatchFailureTracker();
    // act: three user records of the aggregate at SEQ(7) fail, and one plain record
    for (const seq of [SEQ(7), SEQ(7), SEQ(8), SEQ(7)]) tracker.markFailed(seq);
    // assess
    expect(tracker.failedCount).toBe(2);
    expect(tracker.hasFailures).toBe(true);
  });

  it.each([
    { name: 'a number', value: 4959033827149026, shown: '4959033827149026' },
    { name: 'undefined', value: undefined, shown: 'undefined' },
    { name: 'a bigint', value: 7n, shown: '7n' },
    { name: 'an empty string', value: '', shown: '""' },
  ])('refuses a sequence number that is $name, naming it, and keeps its state', ({ value, shown }) => {
    // prepare
    const tracker = new BatchFailureTracker();
    tracker.markFailed(SEQ(5));
    // act
    let thrown: unknown;
    try {
      tracker.markFailed(value as unknown as string);
    } catch (err) {
      thrown = err;
    }
    // assess
    expect(thrown).toBeInstanceOf(InvalidSequenceNumberError);
    expect((thrown as InvalidSequenceNumberError).sequenceNumber).toBe(value);
    expect((thrown as Error).message).toBe(`sequence number must be 1–129 decimal digits, got ${shown}`);
    expect(tracker.response()).toEqual({ batchItemFailures: [{ itemIdentifier: SEQ(5) }] });
    expect(tracker.failedCount).toBe(1);
    expect(() => tracker.willRetry(value as unknown as string)).toThrow(InvalidSequenceNumberError);
  });
});
