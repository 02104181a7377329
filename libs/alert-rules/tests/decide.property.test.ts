// Property: a window's alerts depend only on what its rows add up to — any order, any split of
// a shard's window into parts, any repeated row (redelivery) gives the same alerts — and every
// alert's detail is valid against the published JSON schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import type { WindowAggregate } from '@streamlens/schemas';
import { decideWindow, toAlertDetail } from '../src';
import { LATE, row, thresholds, windowStart, type TagCounts } from './helpers/rows';

const TAGS = ['news', 'cats', 'gig', 'café', '__proto__', 'tail'];
const SHARDS = ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002'];
const WINDOWS = 7;
const T = thresholds({
  baseline: { windows: 5, minWindows: 2 },
  rising: { enabled: true, zScore: 2, minCount: 5, minRatio: 1.5 },
  newEntrant: { enabled: true, topN: 2, minCount: 5 },
  sentimentSwing: { enabled: true, minDelta: 1, minCount: 5, baselineMinCount: 5 },
});

// One shard's counts in one window: tag → [count, average sentiment per post].
const cell = fc.dictionary(
  fc.constantFrom(...TAGS),
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -3, max: 3 })),
  {
    maxKeys: TAGS.length,
  },
);
const dataset = fc.array(fc.array(cell, { minLength: SHARDS.length, maxLength: SHARDS.length }), {
  minLength: WINDOWS,
  maxLength: WINDOWS,
});

function wholeRows(data: Array<Array<Record<string, [number, number]>>>): WindowAggregate[] {
  return data.flatMap((shards, w) =>
    shards.flatMap((tags, s) => {
      const counts: Record<string, readonly [number, number]> = {};
      for (const [tag, [count, avg]] of Object.entries(tags)) if (count > 0) counts[tag] = [count, count * avg];
      return Object.keys(counts).length > 0 ? [row(w, SHARDS[s] as string, counts)] : [];
    }),
  );
}

// Splits a row into part 0 and up to two early-ended parts; every total is cut at random points.
function split(r: WindowAggregate, cuts: readonly number[]): WindowAggregate[] {
  const parts = [0, ...cuts.map((c, i) => 1 + c * 3 + i)];
  const share = (total: number, i: number) => {
    const each = Math.floor(total / parts.length);
    return i === 0 ? total - each * (parts.length - 1) : each;
  };
  return parts.map((part, i) => {
    const tags: Record<string, readonly [number, number]> = {};
    for (const tag of Object.keys(r.hashtags)) {
      tags[tag] = [share(r.hashtags[tag] as number, i), share(r.hashtagSentimentSums?.[tag] as number, i)];
    }
    return { ...row(0, r.shardId, tags as TagCounts, part), windowStart: r.windowStart, windowEnd: r.windowEnd };
  });
}

function stripDecidedAt(rows: readonly WindowAggregate[], i: number) {
  return decideWindow({ windowStart: windowStart(i), rows, thresholds: T, nowMs: LATE });
}

describe('alert decisions (property)', () => {
  it('give the same alerts for any order, split into parts and repetition of the rows', () => {
    let alerts = 0;
    fc.assert(
      fc.property(
        dataset,
        fc.array(fc.array(fc.nat(1000), { maxLength: 2 }), { minLength: 30, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
        fc.integer(),
        (data, cuts, repeats, seed) => {
          // prepare
          const whole = wholeRows(data);
          const parts = whole.flatMap((r, i) => split(r, [...new Set(cuts[i % cuts.length])]));
          const again = repeats.map((k) => parts[k % Math.max(parts.length, 1)]).filter((r) => r !== undefined);
          const shuffled = fc.sample(
            fc.shuffledSubarray([...parts, ...again], { minLength: parts.length + again.length }),
            {
              seed,
              numRuns: 1,
            },
          )[0] as WindowAggregate[];

          for (let i = 0; i < WINDOWS; i++) {
            if (!whole.some((r) => r.windowStart === windowStart(i))) continue;
            // act
            const expected = stripDecidedAt(whole, i);
            const actual = stripDecidedAt(shuffled, i);
            // assess
            expect(actual).toEqual(expected);
            alerts += expected.alerts.length;
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(alerts).toBeGreaterThan(50);
  });

  it('describe every alert with a detail valid against schema/trend-alert-detail.v1.json', () => {
    const schema = JSON.parse(
      readFileSync(join(__dirname, '../../alert-events/schema/trend-alert-detail.v1.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    const validate = ajv.compile(schema);
    let checked = 0;
    fc.assert(
      fc.property(dataset, (data) => {
        const rows = wholeRows(data);
        for (let i = 0; i < WINDOWS; i++) {
          if (!rows.some((r) => r.windowStart === windowStart(i))) continue;
          for (const alert of stripDecidedAt(rows, i).alerts) {
            const detail = toAlertDetail(alert, '2026-12-05T10:05:00.000Z');
            checked += 1;
            expect({ alertId: detail.alertId, valid: validate(detail), errors: validate.errors ?? null }).toEqual({
              alertId: detail.alertId,
              valid: true,
              errors: null,
            });
          }
        }
      }),
      { numRuns: 100 },
    );
    expect(checked).toBeGreaterThan(50);
  });
});
