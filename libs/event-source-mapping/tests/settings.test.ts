// Unit: mapping settings are checked against AWS's ranges, errors name the key.
import { DEFAULT_MAPPING_SETTINGS, MappingSettingsError, validateMappingSettings, type MappingSettings } from '../src';

const NOW = Date.UTC(2026, 0, 1);

describe('validateMappingSettings', () => {
  it('accepts AWS defaults and the edges of each range', () => {
    // prepare
    const edges: Partial<MappingSettings>[] = [
      {},
      { batchSize: 1 },
      { batchSize: 10_000 },
      { maximumBatchingWindowInSeconds: 300 },
      { parallelizationFactor: 10 },
      { maximumRetryAttempts: 0 },
      { maximumRetryAttempts: 10_000 },
      { maximumRecordAgeInSeconds: 60 },
      { maximumRecordAgeInSeconds: 604_800 },
      { tumblingWindowInSeconds: 900 },
      { functionResponseTypes: ['ReportBatchItemFailures'] },
      { startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: NOW / 1000 },
    ];
    // act / assess
    for (const e of edges)
      expect(() => validateMappingSettings({ ...DEFAULT_MAPPING_SETTINGS, ...e }, NOW)).not.toThrow();
  });

  it.each([
    ['batchSize', { batchSize: 0 }],
    ['batchSize', { batchSize: 10_001 }],
    ['batchSize', { batchSize: 1.5 }],
    ['maximumBatchingWindowInSeconds', { maximumBatchingWindowInSeconds: 301 }],
    ['parallelizationFactor', { parallelizationFactor: 11 }],
    ['maximumRetryAttempts', { maximumRetryAttempts: -2 }],
    ['maximumRetryAttempts', { maximumRetryAttempts: 10_001 }],
    ['maximumRecordAgeInSeconds', { maximumRecordAgeInSeconds: 59 }],
    ['maximumRecordAgeInSeconds', { maximumRecordAgeInSeconds: 0 }],
    ['tumblingWindowInSeconds', { tumblingWindowInSeconds: 901 }],
    ['functionTimeoutSeconds', { functionTimeoutSeconds: 0 }],
    ['bisectBatchOnFunctionError', { bisectBatchOnFunctionError: 'yes' }],
    ['startingPosition', { startingPosition: 'EARLIEST' }],
    ['startingPositionTimestamp', { startingPosition: 'AT_TIMESTAMP' }],
    ['startingPositionTimestamp', { startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: NOW / 1000 + 60 }],
    ['startingPositionTimestamp', { startingPositionTimestamp: 1 }],
    ['functionResponseTypes', { functionResponseTypes: ['ReportBatchItemFailure'] }],
    ['filters', { filters: [{}, {}, {}, {}, {}, {}] }],
    ['parallelizationFactor', { tumblingWindowInSeconds: 30, parallelizationFactor: 2 }],
  ] as [string, object][])('rejects a bad %s: %j', (key, override) => {
    // act
    const validate = () =>
      validateMappingSettings({ ...DEFAULT_MAPPING_SETTINGS, ...override } as MappingSettings, NOW);
    // assess
    expect(validate).toThrow(MappingSettingsError);
    expect(validate).toThrow(new RegExp(`^mapping setting ${key}: `));
  });
});
