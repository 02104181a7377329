// Unit: when buffered records become a batch.
import { assembleBatch, type AssemblyRules, type BufferedRecord } from '../src/batch-assembler';
import type { StreamRecord } from '../src/stream-record';

function buffered(
  count: number,
  options: { bytes?: number; at?: number; arrival?: (i: number) => number } = {},
): BufferedRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    record: {
      sequenceNumber: String(i + 1),
      arrivalMs: options.arrival?.(i) ?? 0,
      eventBytes: options.bytes ?? 100,
    } as StreamRecord,
    bufferedAtMs: options.at ?? 0,
  }));
}

const RULES: AssemblyRules = {
  batchSize: 10,
  maxPayloadBytes: 6 * 1024 * 1024,
  envelopeBytes: 14,
  batchingWindowMs: 0,
  nowMs: 0,
  flush: false,
};

describe('assembleBatch', () => {
  it.each([
    ['nothing buffered: wait for records', buffered(0), {}, { waitMs: undefined }],
    ['window 0: send what there is', buffered(3), {}, { take: 3 }],
    ['batch size caps the batch', buffered(25), {}, { take: 10 }],
    [
      'batching window not elapsed: wait the rest',
      buffered(3, { at: 1000 }),
      { batchingWindowMs: 500, nowMs: 1200 },
      { waitMs: 300 },
    ],
    ['batching window elapsed: send', buffered(3, { at: 1000 }), { batchingWindowMs: 500, nowMs: 1500 }, { take: 3 }],
    [
      'full batch: send before the window',
      buffered(10, { at: 1000 }),
      { batchingWindowMs: 500, nowMs: 1001 },
      { take: 10 },
    ],
    [
      'shard ended: flush before the window',
      buffered(2, { at: 1000 }),
      { batchingWindowMs: 500, nowMs: 1001, flush: true },
      { take: 2 },
    ],
    // 14 + 4×1,000,000 + 3 commas ≤ 4,000,017; a fifth record would pass 4,500,000
    [
      'payload cap cuts the batch (and sends at once)',
      buffered(6, { bytes: 1_000_000, at: 1000 }),
      { maxPayloadBytes: 4_500_000, batchingWindowMs: 500, nowMs: 1001 },
      { take: 4 },
    ],
    [
      'payload cap counts the envelope and commas',
      buffered(2, { bytes: 1000 }),
      { maxPayloadBytes: 2014, envelopeBytes: 14 },
      { take: 1 },
    ],
    ['a record over the cap alone still goes alone', buffered(2, { bytes: 9_000_000 }), {}, { take: 1 }],
    [
      'a batch never spans two tumbling windows',
      buffered(5, { arrival: (i) => (i < 2 ? 100 : 1100) }),
      { windowKey: (r: StreamRecord) => Math.floor(r.arrivalMs / 1000) },
      { take: 2 },
    ],
  ] as [string, BufferedRecord[], Partial<AssemblyRules>, object][])('%s', (_name, buffer, rules, expected) => {
    // act
    const result = assembleBatch(buffer, { ...RULES, ...rules });
    // assess
    expect(result).toEqual(expected);
  });
});
