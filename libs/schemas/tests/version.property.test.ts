// recordVersionKey: string order = (instant at full precision, then stream position) order.
import fc from 'fast-check';
import { SchemaViolationError } from '../src/errors';
import { compareInstants, parseIsoTimestamp } from '../src/iso-time';
import { instantKey, recordVersionKey } from '../src/version';
import { isoTimestampArb } from './helpers/arbitraries';
import { makePost } from './helpers/post-factory';

const sequenceArb = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 129n - 1n }), fc.integer({ min: 0, max: 3 }))
  .map(([n, zeros]) => '0'.repeat(zeros) + n.toString())
  .filter((s) => s.length <= 129);
const subArb = fc.option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined });
const versionArb = fc.record({ at: isoTimestampArb, seq: sequenceArb, sub: subArb });
type Version = { at: { text: string }; seq: string; sub: number | undefined };

function expectedOrder(a: Version, b: Version): number {
  const [ia, ib] = [parseIsoTimestamp(a.at.text), parseIsoTimestamp(b.at.text)];
  if (ia === undefined || ib === undefined) throw new Error('arbitrary made an invalid timestamp');
  const byTime = Math.sign(compareInstants(ia, ib));
  if (byTime !== 0) return byTime;
  const [sa, sb] = [BigInt(a.seq), BigInt(b.seq)];
  if (sa !== sb) return sa < sb ? -1 : 1;
  return Math.sign((a.sub ?? -1) - (b.sub ?? -1));
}

const keyOf = (v: Version) =>
  recordVersionKey(makePost({ createdAt: '0001-01-01T00:00:00Z', editedAt: v.at.text }), {
    sequenceNumber: v.seq,
    ...(v.sub === undefined ? {} : { subSequenceNumber: v.sub }),
  });

describe('recordVersionKey', () => {
  it('orders as strings exactly as (instant, sequence number, sub-record) order, at any precision and offset', () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        const [ka, kb] = [keyOf(a), keyOf(b)];
        expect(ka === kb ? 0 : ka < kb ? -1 : 1).toBe(expectedOrder(a, b));
      }),
      { numRuns: 2_000 },
    );
  });

  it('orders two versions of one instant written with different offsets and fraction lengths by position', () => {
    // prepare: the same instant three ways, and the defect's pair 0.000600 vs 0.000500
    const post = (editedAt: string) => makePost({ createdAt: '2025-01-01T00:00:00Z', editedAt });
    const same = ['2025-01-01T01:00:00.5+01:00', '2025-01-01T00:00:00.500000000Z', '2024-12-31T23:30:00.50-00:30'];
    // act
    const keys = same.map((t, i) => recordVersionKey(post(t), { sequenceNumber: String(10 + i) }));
    // assess
    expect([...keys].sort()).toEqual(keys);
    expect(keys[0]?.slice(0, 30)).toBe(keys[2]?.slice(0, 30));
    const newer = recordVersionKey(post('2025-01-01T00:00:00.000600+00:00'), { sequenceNumber: '1' });
    const older = recordVersionKey(post('2025-01-01T00:00:00.000500+00:00'), { sequenceNumber: '2' });
    expect(newer > older).toBe(true);
  });

  it('names the field it cannot order', () => {
    const post = makePost({});
    expect(() => recordVersionKey(post, { sequenceNumber: '12a' })).toThrow(SchemaViolationError);
    expect(() => recordVersionKey(post, { sequenceNumber: '12a' })).toThrow(/lineage\.sequenceNumber/);
    expect(() => recordVersionKey(post, { sequenceNumber: '1', subSequenceNumber: -1 })).toThrow(
      /lineage\.subSequenceNumber/,
    );
    expect(() => recordVersionKey(makePost({ editedAt: 'soon' }), { sequenceNumber: '1' })).toThrow(/editedAt/);
    expect(() => instantKey('yesterday', 'post.createdAt')).toThrow(/post\.createdAt: expected ISO 8601/);
  });
});
