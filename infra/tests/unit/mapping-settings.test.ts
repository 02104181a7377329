// Mapping settings → EventSourceMapping inputs, and every bound.
import { mappingInputs } from '../../src/mapping-settings';
import type { MappingSettingsArgs } from '../../src/mapping-settings';

const ctx = { component: 'KinesisMapping', name: 'm' };
const base: MappingSettingsArgs = {
  batchSize: 500,
  maximumBatchingWindowInSeconds: 1,
  startingPosition: 'TRIM_HORIZON',
  parallelizationFactor: 1,
  bisectBatchOnFunctionError: true,
  maximumRetryAttempts: 5,
  maximumRecordAgeInSeconds: 3600,
  onFailureDestination: true,
  filters: [],
  tumblingWindowInSeconds: 30,
  functionResponseTypes: ['ReportBatchItemFailures'],
};

it('copies every property and adds metrics and enabled', () => {
  expect(mappingInputs(ctx, base, { streamRetentionHours: 24 })).toEqual({
    batchSize: 500,
    maximumBatchingWindowInSeconds: 1,
    startingPosition: 'TRIM_HORIZON',
    parallelizationFactor: 1,
    bisectBatchOnFunctionError: true,
    maximumRetryAttempts: 5,
    maximumRecordAgeInSeconds: 3600,
    functionResponseTypes: ['ReportBatchItemFailures'],
    tumblingWindowInSeconds: 30,
    metricsConfig: { metrics: ['EventCount'] },
    enabled: true,
  });
});

it.each([
  ['batchSize', 0, /batchSize: must be an integer 1–10000 \(got 0\)/],
  ['batchSize', 10_001, /batchSize/],
  ['maximumBatchingWindowInSeconds', 301, /maximumBatchingWindowInSeconds: must be an integer 0–300/],
  ['parallelizationFactor', 11, /parallelizationFactor: must be an integer 1–10/],
  ['tumblingWindowInSeconds', 901, /tumblingWindowInSeconds: must be an integer 0–900/],
  ['maximumRetryAttempts', 10_001, /maximumRetryAttempts: must be an integer 0–10000/],
  ['maximumRecordAgeInSeconds', 59, /maximumRecordAgeInSeconds: must be an integer 60–604800/],
  ['maximumRecordAgeInSeconds', -1, /maximumRecordAgeInSeconds: is -1 \(infinite\)/],
  ['startingPosition', 'EARLIEST', /startingPosition: must be one of TRIM_HORIZON, LATEST, AT_TIMESTAMP/],
] as const)('rejects %s = %s', (field, value, message) => {
  expect(() => mappingInputs(ctx, { ...base, [field]: value })).toThrow(message);
});

it('accepts -1 only with allowUnbounded, and then ignores the retention bound', () => {
  const inputs = mappingInputs(
    ctx,
    { ...base, maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, allowUnbounded: true },
    { streamRetentionHours: 24 },
  );
  expect([inputs.maximumRetryAttempts, inputs.maximumRecordAgeInSeconds]).toEqual([-1, -1]);
});

it('requires ReportBatchItemFailures', () => {
  expect(() => mappingInputs(ctx, { ...base, functionResponseTypes: [] })).toThrow(
    'functionResponseTypes: must include ReportBatchItemFailures',
  );
});

it('AT_TIMESTAMP needs a timestamp; other positions refuse one', () => {
  expect(() => mappingInputs(ctx, { ...base, startingPosition: 'AT_TIMESTAMP' })).toThrow(
    'startingPositionTimestamp: AT_TIMESTAMP needs Unix seconds',
  );
  expect(() => mappingInputs(ctx, { ...base, startingPositionTimestamp: 1 })).toThrow(
    'startingPositionTimestamp: is allowed only with AT_TIMESTAMP',
  );
  expect(
    mappingInputs(ctx, { ...base, startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: 1_700_000_000 })
      .startingPositionTimestamp,
  ).toBe('2023-11-14T22:13:20.000Z');
});

it('serialises filters, at most five, each at most 4096 characters', () => {
  expect(mappingInputs(ctx, { ...base, filters: [{ data: { a: [1] } }] }).filterCriteria).toEqual({
    filters: [{ pattern: '{"data":{"a":[1]}}' }],
  });
  expect(() => mappingInputs(ctx, { ...base, filters: Array.from({ length: 6 }, () => ({ data: {} })) })).toThrow(
    'filters: must be a list of at most 5 filters per mapping',
  );
  expect(() => mappingInputs(ctx, { ...base, filters: [{ data: { x: ['y'.repeat(5000)] } }] })).toThrow(
    "filters[0]: is 5019 characters, over Lambda's 4096",
  );
});
