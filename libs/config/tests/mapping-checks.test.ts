// Unit: the one check of built mapping settings (used by the local mapping and by infra).
import { AWS_MAPPING_DEFAULTS, checkMappingSettings, KINESIS_FILTER_RULES, type MappingSettings } from '../src';

const NOW = Date.UTC(2026, 0, 1);

function keys(settings: Partial<MappingSettings>, options: Partial<Parameters<typeof checkMappingSettings>[1]> = {}) {
  return checkMappingSettings({ ...AWS_MAPPING_DEFAULTS, ...settings }, { nowMs: NOW, ...options }).map((p) => p.key);
}

describe('checkMappingSettings', () => {
  it("accepts AWS's defaults, -1 included, as AWS does", () => {
    expect(keys({})).toEqual([]);
  });

  it('refuses -1 retries and record age unless unbounded is allowed', () => {
    expect(keys({}, { allowUnbounded: false })).toEqual(['maximumRetryAttempts', 'maximumRecordAgeInSeconds']);
  });

  it('bounds the record age by the stream retention when one is given', () => {
    expect(keys({ maximumRecordAgeInSeconds: 90_000 }, { streamRetentionHours: 24 })).toEqual([
      'maximumRecordAgeInSeconds',
    ]);
    expect(keys({ maximumRecordAgeInSeconds: 86_400 }, { streamRetentionHours: 24 })).toEqual([]);
  });

  it('requires ReportBatchItemFailures only when asked, and never accepts another type', () => {
    expect(keys({}, { requireReportBatchItemFailures: true })).toEqual(['functionResponseTypes']);
    expect(keys({ functionResponseTypes: ['ReportBatchItemFailure'] })).toEqual(['functionResponseTypes']);
  });

  it('checks each pattern with the given rules, naming the filter and path; without rules only the count', () => {
    const filters = [{ data: { a: [1] } }, { partitionKey: ['p'] }];
    expect(keys({ filters }, { filterRules: KINESIS_FILTER_RULES })).toEqual(['filters[1].partitionKey']);
    expect(keys({ filters })).toEqual([]);
    expect(keys({ filters: Array(6).fill({ data: { a: [1] } }) })).toEqual(['filters']);
  });

  it('names every bad field at once', () => {
    expect(
      keys({
        batchSize: 0,
        startingPosition: 'AT_TIMESTAMP',
        tumblingWindowInSeconds: 30,
        parallelizationFactor: 2,
        bisectBatchOnFunctionError: 'no' as unknown as boolean,
      }),
    ).toEqual(['batchSize', 'bisectBatchOnFunctionError', 'startingPositionTimestamp', 'parallelizationFactor']);
  });
});
