// The documented defaults of streamlens:alerts, written out once for the tests that compare them.

/** What an absent `streamlens:alerts` resolves to. */
export const ALERT_DEFAULTS = {
  enabled: true,
  baseline: { windows: 10, minWindows: 3 },
  rising: { enabled: true, zScore: 3, minCount: 20, minRatio: 2 },
  newEntrant: { enabled: true, topN: 10, minCount: 20 },
  sentimentSwing: { enabled: true, minDelta: 2, minCount: 20, baselineMinCount: 50 },
  settleSeconds: 300,
  mapping: {
    batchSize: 100,
    maximumBatchingWindowInSeconds: 0,
    startingPosition: 'TRIM_HORIZON',
    parallelizationFactor: 1,
    bisectBatchOnFunctionError: true,
    maximumRetryAttempts: 5,
    maximumRecordAgeInSeconds: 3600,
    onFailureDestination: true,
    allowUnbounded: false,
    function: { memoryMb: 512, timeoutSeconds: 60 },
  },
  targets: { email: '' },
  archiveRetentionDays: 30,
} as const;
