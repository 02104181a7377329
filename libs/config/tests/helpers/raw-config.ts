// Record factories for config tests: a complete, valid raw `streamlens` namespace (as
// pulumi.Config would hand it over) and a way to change one key in it.

/** Fixed clock for AT_TIMESTAMP rules: 2023-11-14T22:13:20Z. */
export const NOW_MS = 1_700_000_000_000;

/**
 * A valid raw config touching every section. Aggregation is off so each table case can
 * break exactly one rule; cases that need it turn it on.
 */
export function validRaw(): Record<string, unknown> {
  const mapping = {
    batchSize: 500,
    maximumBatchingWindowInSeconds: 1,
    startingPosition: 'TRIM_HORIZON',
    parallelizationFactor: 1,
    bisectBatchOnFunctionError: true,
    maximumRetryAttempts: 5,
    maximumRecordAgeInSeconds: 3600,
    onFailureDestination: true,
    filters: [],
    function: { memoryMb: 512, timeoutSeconds: 60 },
  };
  return {
    region: 'eu-west-1',
    stream: { mode: 'provisioned', shardCount: 2, retentionHours: 24, encryption: 'aws-managed' },
    producer: { aggregation: false, maxBufferedTimeMs: 100, recordTtlMs: 30_000 },
    consumer: { ...mapping },
    aggregator: { ...mapping, function: { ...mapping.function }, tumblingWindowInSeconds: 30 },
    functions: { runtime: 'nodejs22.x', architecture: 'arm64', logRetentionDays: 7, logLevel: 'INFO' },
    tables: { billingMode: 'PAY_PER_REQUEST', ttlDays: 7, pointInTimeRecovery: false, deletionProtection: false },
    report: { access: 'iam' },
    alarms: {
      email: '',
      iteratorAgeFractionOfRetention: 0.5,
      lambdaIteratorAgeMs: 60_000,
      functionErrors: 1,
      dlqDepth: 0,
      quarantinedPerMinute: 100,
    },
    network: { vpc: false },
  };
}

/** Patch that sets (or with `undefined`, deletes) a dotted path, creating objects on the way. */
export function set(path: string, value: unknown): (raw: Record<string, unknown>) => void {
  return (raw) => {
    const parts = path.split('.');
    const last = parts.pop() as string;
    let node = raw;
    for (const part of parts) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    if (value === undefined) delete node[last];
    else node[last] = value;
  };
}

/** Applies several patches in order. */
export function all(...patches: Array<(raw: Record<string, unknown>) => void>): (raw: Record<string, unknown>) => void {
  return (raw) => patches.forEach((patch) => patch(raw));
}

/** Runs `act` and returns the error it throws (fails the test when nothing is thrown). */
export function thrown(act: () => unknown): Error {
  try {
    act();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, but none was thrown');
}
