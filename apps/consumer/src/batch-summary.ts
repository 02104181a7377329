// Consumer flow: … → store → respond → (this file) one EMF document and one log line per batch.
import { METRIC_NAMES, quarantinedMetricName } from './constants';
import type { MetricsPort } from './ports';

/** What one invocation did; the source of its metrics. */
export interface BatchSummary {
  recordsIn: number;
  userRecordsIn: number;
  postsWritten: number;
  postsSkippedAsOlder: number;
  /** Successfully quarantined records per reason. */
  readonly quarantined: Map<string, number>;
  /** Kinesis records marked as transient failures. */
  failures: number;
  /** Epoch ms of the newest record's arrival (0 when none). */
  newestArrivalMs: number;
  /** DynamoDB write and read units the posts write consumed. */
  postsWriteUnits: number;
  postsReadUnits: number;
}

/** An empty summary. */
export function emptySummary(recordsIn: number): BatchSummary {
  return {
    recordsIn,
    userRecordsIn: 0,
    postsWritten: 0,
    postsSkippedAsOlder: 0,
    quarantined: new Map(),
    failures: 0,
    newestArrivalMs: 0,
    postsWriteUnits: 0,
    postsReadUnits: 0,
  };
}

/** Adds successfully quarantined records to the per-reason counts. */
export function countQuarantined(summary: BatchSummary, records: readonly { reason: string }[]): void {
  for (const r of records) summary.quarantined.set(r.reason, (summary.quarantined.get(r.reason) ?? 0) + 1);
}

/**
 * Adds the batch's metrics and flushes them as ONE EMF document (the cheap way: one log line
 * per invocation). Per-reason quarantine counts are separate metric names, not a dimension,
 * because dimensions would need one document each.
 */
export function publishBatchMetrics(
  metrics: MetricsPort,
  summary: BatchSummary,
  startedAt: number,
  finishedAt: number,
): void {
  metrics.addMetric(METRIC_NAMES.recordsIn, 'Count', summary.recordsIn);
  metrics.addMetric(METRIC_NAMES.userRecordsIn, 'Count', summary.userRecordsIn);
  metrics.addMetric(METRIC_NAMES.postsWritten, 'Count', summary.postsWritten);
  metrics.addMetric(METRIC_NAMES.postsSkippedAsOlder, 'Count', summary.postsSkippedAsOlder);
  let quarantined = 0;
  for (const [reason, count] of summary.quarantined) {
    quarantined += count;
    metrics.addMetric(quarantinedMetricName(reason), 'Count', count);
  }
  metrics.addMetric(METRIC_NAMES.quarantined, 'Count', quarantined);
  metrics.addMetric(METRIC_NAMES.failuresReported, 'Count', summary.failures);
  metrics.addMetric(METRIC_NAMES.postsWriteUnits, 'Count', summary.postsWriteUnits);
  metrics.addMetric(METRIC_NAMES.postsReadUnits, 'Count', summary.postsReadUnits);
  metrics.addMetric(METRIC_NAMES.batchLatency, 'Milliseconds', Math.max(0, finishedAt - startedAt));
  if (summary.newestArrivalMs > 0)
    metrics.addMetric(METRIC_NAMES.newestRecordAgeMs, 'Milliseconds', Math.max(0, startedAt - summary.newestArrivalMs));
  metrics.publishStoredMetrics();
}
