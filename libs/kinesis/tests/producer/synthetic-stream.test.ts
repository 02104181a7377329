// The synthetic social stream: valid posts pass the schema codec, each poison kind fails it
// with its own reason, and a seed reproduces the stream.
import { decodePost, isPoisonRecordError } from '@streamlens/schemas';
import { SyntheticSocialStream, parseSpikes, rateAt, recordsBetween, type SyntheticRecord } from '../../src/index';

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

function generate(stream: SyntheticSocialStream, n: number, stepMs = 10): SyntheticRecord[] {
  return Array.from({ length: n }, (_, i) => stream.next(T0 + i * stepMs));
}

describe('SyntheticSocialStream', () => {
  it('produces posts that decode with the schema codec, keyed by postId, in many languages and scripts', () => {
    // prepare
    const stream = new SyntheticSocialStream({ seed: 3 });

    // act
    const records = generate(stream, 3000);

    // assess
    for (const r of records) {
      const post = decodePost(r.data);
      expect(r.partitionKey).toBe(post.postId);
    }
    const langs = new Set(records.map((r) => r.post?.lang));
    expect(langs.size).toBeGreaterThanOrEqual(10);
    expect(records.some((r) => /\p{Extended_Pictographic}/u.test(r.post?.text ?? ''))).toBe(true);
    const lengths = records.map((r) => r.post?.text.length ?? 0).sort((a, b) => a - b);
    expect(lengths[1500]).toBeGreaterThan(60);
    expect(lengths[1500]).toBeLessThan(300);
    expect(records.some((r) => r.post?.editedAt !== undefined)).toBe(true);
  });

  it('draws hashtags Zipf-like and makes a tail hashtag trend during a burst', () => {
    // prepare: bursts of 10 s every 60 s; records 1 ms apart so the first 10 s are a burst
    const stream = new SyntheticSocialStream({
      seed: 5,
      trending: { everyMs: 60_000, durationMs: 10_000, share: 0.3 },
    });
    const trending = stream.trendingAt(T0) as string;

    // act
    const inBurst = generate(stream, 5000, 1);
    const after = Array.from({ length: 5000 }, (_, i) => stream.next(T0 + 20_000 + i));

    // assess
    const share = (rs: SyntheticRecord[], tag: string) =>
      rs.filter((r) => r.post?.text.includes(`#${tag} `) || r.post?.text.endsWith(`#${tag}`)).length / rs.length;
    expect(trending).toMatch(/^topic\d+$/);
    expect(share(inBurst, trending)).toBeGreaterThan(0.25);
    expect(share(after, trending)).toBeLessThan(0.01);
    expect(share(after, 'ai')).toBeGreaterThan(share(after, 'travel'));
  });

  it('emits each poison kind at its rate, each failing decodePost with its own reason', () => {
    // prepare
    const rates = {
      'not-utf8': 0.02,
      'not-json': 0.02,
      'schema-violation': 0.02,
      'unknown-version': 0.02,
      'too-large': 0.002,
    } as const;
    const stream = new SyntheticSocialStream({ seed: 9, poisonRates: rates, tooLargeBytes: 300_000 });

    // act
    const records = generate(stream, 5000);

    // assess
    for (const [kind, rate] of Object.entries(rates)) {
      const poison = records.filter((r) => r.poison === kind);
      expect(poison.length).toBeGreaterThan(rate * 5000 * 0.4);
      expect(poison.length).toBeLessThan(rate * 5000 * 2);
      for (const r of poison) {
        let reason: string | undefined;
        try {
          decodePost(r.data, { maxBytes: 256 * 1024 });
        } catch (err) {
          reason = isPoisonRecordError(err) ? err.reason : 'not poison';
        }
        expect(reason).toBe(kind);
      }
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = generate(new SyntheticSocialStream({ seed: 11, poisonRates: { 'not-json': 0.1 } }), 200);
    const b = generate(new SyntheticSocialStream({ seed: 11, poisonRates: { 'not-json': 0.1 } }), 200);
    const c = generate(new SyntheticSocialStream({ seed: 12, poisonRates: { 'not-json': 0.1 } }), 200);
    expect(b.map((r) => Buffer.from(r.data).toString('hex'))).toEqual(
      a.map((r) => Buffer.from(r.data).toString('hex')),
    );
    expect(c.map((r) => r.partitionKey)).not.toEqual(a.map((r) => r.partitionKey));
  });
});

describe('rate spikes', () => {
  it('multiplies the base rate inside a spike and parses the flag syntax', () => {
    const spikes = parseSpikes('10:5:4,40:3:10');
    expect(rateAt(12, 1000, spikes)).toBe(4000);
    expect(rateAt(15, 1000, spikes)).toBe(1000);
    expect(rateAt(41, 1000, spikes)).toBe(10_000);
    expect(recordsBetween(9.5, 10.5, 1000, spikes)).toBeCloseTo(500 + 2000);
    expect(recordsBetween(0, 60, 1000, spikes)).toBeCloseTo(60_000 + 5 * 3000 + 3 * 9000);
    expect(() => parseSpikes('10:5')).toThrow(/spike "10:5" must be at:duration:factor/);
  });
});
