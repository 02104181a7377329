// The alarm catalogue as plain data.
import { alarmSpecs } from '../../src/alarm-specs';
import type { AlarmCatalogueInput } from '../../src/alarm-specs';

const ctx = { component: 'Alarms', name: 'a' };
const input: AlarmCatalogueInput<string> = {
  streamName: 'stream',
  retentionHours: 48,
  mappedFunctions: [{ id: 'consumer', name: 'consumer-fn', maximumRecordAgeInSeconds: -1 }],
  functions: [
    { id: 'consumer', name: 'consumer-fn' },
    { id: 'report', name: 'report-fn' },
  ],
  queues: [{ id: 'consumer-dlq', name: 'dlq' }],
  tables: [{ id: 'posts-table', name: 'posts' }],
  thresholds: {
    iteratorAgeFractionOfRetention: 0.25,
    lambdaIteratorAgeMs: 30_000,
    functionErrors: 3,
    dlqDepth: 2,
    quarantinedPerMinute: 50,
  },
};

it('lists one alarm per signal and watched thing, with unique ids', () => {
  const ids = alarmSpecs(ctx, input).map((s) => s.id);
  expect(ids).toEqual([
    'stream-iterator-age',
    'stream-write-throttled',
    'stream-read-throttled',
    'stream-put-success',
    'consumer-iterator-age',
    'consumer-errors',
    'consumer-throttles',
    'report-errors',
    'report-throttles',
    'consumer-dlq-depth',
    'posts-table-throttled',
    'quarantine-rate',
  ]);
  expect(new Set(ids).size).toBe(ids.length);
});

it('derives thresholds from the config', () => {
  const byId = new Map(alarmSpecs(ctx, input).map((s) => [s.id, s]));
  expect(byId.get('stream-iterator-age')?.threshold).toBe(0.25 * 48 * 3_600_000);
  expect(byId.get('consumer-iterator-age')?.threshold).toBe(30_000);
  expect(byId.get('report-errors')).toMatchObject({
    threshold: 3,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
  });
  expect(byId.get('consumer-dlq-depth')).toMatchObject({ threshold: 2, metric: { dimensions: { QueueName: 'dlq' } } });
  expect(byId.get('quarantine-rate')).toMatchObject({
    threshold: 50,
    metric: { namespace: 'StreamLens', metricName: 'Quarantined', dimensions: { service: 'consumer' } },
  });
  expect(byId.get('stream-put-success')?.threshold).toBe(99);
  expect(
    alarmSpecs(ctx, { ...input, thresholds: { ...input.thresholds, putRecordsSuccessPercent: 95 } }).find(
      (s) => s.id === 'stream-put-success',
    )?.threshold,
  ).toBe(95);
});

it('every metric-math alarm returns exactly one series', () => {
  for (const spec of alarmSpecs(ctx, input).filter((s) => s.metricQueries)) {
    expect([spec.id, spec.metricQueries?.filter((q) => q.returnData).length]).toEqual([spec.id, 1]);
  }
});

it.each([
  ['iteratorAgeFractionOfRetention', 0],
  ['iteratorAgeFractionOfRetention', 1],
  ['functionErrors', 0],
  ['dlqDepth', -1],
  ['quarantinedPerMinute', Number.NaN],
])('rejects %s = %s', (field, value) => {
  expect(() => alarmSpecs(ctx, { ...input, thresholds: { ...input.thresholds, [field]: value } })).toThrow(
    `Alarms "a": thresholds.${field}`,
  );
});

describe('thresholds the metric can reach', () => {
  const mapped = (id: string, maximumRecordAgeInSeconds: number) => ({
    id,
    name: `${id}-fn`,
    maximumRecordAgeInSeconds,
  });

  it('stream iterator age: a share of the shortest age at which a mapping drops records, not of the retention', () => {
    // The mappings skip records older than their maximum record age, so the stream's iterator
    // age never passes it: half of a 48 h retention could never fire with a 1 h record age.
    const specs = alarmSpecs(ctx, {
      ...input,
      mappedFunctions: [mapped('consumer', 3600), mapped('aggregator', 7200)],
    });
    expect(specs.find((s) => s.id === 'stream-iterator-age')?.threshold).toBe(0.25 * 3600 * 1000);
  });

  it('an unbounded mapping (-1) is bounded by the retention', () => {
    const specs = alarmSpecs(ctx, { ...input, mappedFunctions: [mapped('consumer', -1)] });
    expect(specs.find((s) => s.id === 'stream-iterator-age')?.threshold).toBe(0.25 * 48 * 3_600_000);
  });

  it('refuses a Lambda iterator-age threshold at or above a mapping maximum record age', () => {
    expect(() =>
      alarmSpecs(ctx, {
        ...input,
        mappedFunctions: [mapped('consumer', 60)],
        thresholds: { ...input.thresholds, lambdaIteratorAgeMs: 60_000 },
      }),
    ).toThrow(/thresholds.lambdaIteratorAgeMs: must be below consumer's maximum record age \(60000 ms\)/);
  });
});
