// Part numbers: 0 for a window closed normally, 1 + first-arrival offset for an early-ended part.
import { MAX_PART } from '../../src/constants';
import { partNumber } from '../../src/part-number';

const W = { startMs: 1_000_000, endMs: 1_030_000 };

describe('partNumber', () => {
  it('is 0 for a part the window closes normally, whatever its arrivals', () => {
    // prepare / act / assess
    expect(partNumber({ firstArrivalAt: W.startMs + 12_345 }, W, false)).toBe(0);
    expect(partNumber({ firstArrivalAt: null }, W, false)).toBe(0);
  });

  it('is 1 + the offset of the earliest arrival (ms) for a part ended early', () => {
    // prepare / act / assess
    expect(partNumber({ firstArrivalAt: W.startMs }, W, true)).toBe(1);
    expect(partNumber({ firstArrivalAt: W.startMs + 12_345 }, W, true)).toBe(12_346);
    expect(partNumber({ firstArrivalAt: W.startMs + 29_999 }, W, true)).toBe(30_000);
  });

  it('clamps arrivals outside the window and handles a part without arrivals', () => {
    // prepare / act / assess
    expect(partNumber({ firstArrivalAt: W.startMs - 500 }, W, true)).toBe(1); // clock skew folded into the open window
    expect(partNumber({ firstArrivalAt: W.endMs + 500 }, W, true)).toBe(30_000);
    expect(partNumber({ firstArrivalAt: null }, W, true)).toBe(1);
  });

  it('stays within the 6-digit key for the longest (900 s) window', () => {
    // prepare
    const longest = { startMs: 0, endMs: 900_000 };
    // act
    const part = partNumber({ firstArrivalAt: 899_999 }, longest, true);
    // assess
    expect(part).toBe(900_000);
    expect(part).toBeLessThanOrEqual(MAX_PART);
    expect(partNumber({ firstArrivalAt: 5_000_000 }, { startMs: 0, endMs: 5_000_000 }, true)).toBe(MAX_PART);
  });
});
